import { useId } from 'react';
import type { Translate } from '../../i18n/index.ts';
import { ICONS } from './icons.ts';

const EXPORT_FORMATS = [
  { format: 'md', key: 'result.exportMarkdown' },
  { format: 'json', key: 'result.exportJson' },
] as const;

/** The facilitator's downloads of the whole room. */
export function ResultExport({ room, t }: { room: string; t: Translate }) {
  const titleId = useId();
  return (
    <section className="result-export" aria-labelledby={titleId}>
      <h3 id={titleId} className="result-export-title">
        {t('result.exportTitle')}
      </h3>
      <ul className="result-export-list">
        {EXPORT_FORMATS.map(({ format, key }) => (
          <li key={format}>
            <a
              className="steps-button result-export-link"
              href={`/api/rooms/${encodeURIComponent(room)}/export?format=${format}`}
              download
            >
              <span aria-hidden="true">{ICONS.download}</span> {t(key)}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
