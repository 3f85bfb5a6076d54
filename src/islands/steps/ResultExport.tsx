import { useId } from 'react';
import type { MessageKey, Translate } from '../../i18n/index.ts';
import { EXPORT_FORMATS, exportPath, type ExportFormat } from '../../lib/export/formats.ts';
import { ICONS } from './icons.ts';

const FORMAT_LABELS: Record<ExportFormat, MessageKey> = {
  pdf: 'export.format.pdf',
  docx: 'export.format.docx',
  html: 'export.format.html',
  md: 'export.format.md',
  csv: 'export.format.csv',
  json: 'export.format.json',
};

/** One download link per export format; every one holds the same result. */
export function ExportFormatList({
  room,
  invite,
  t,
  listClassName,
  linkClassName,
}: {
  room: string;
  /** The current link's invite token, if the link was replaced: the download is refused without it. */
  invite: string | null;
  t: Translate;
  listClassName: string;
  linkClassName: string;
}) {
  return (
    <ul className={listClassName}>
      {EXPORT_FORMATS.map((format) => (
        <li key={format}>
          <a className={linkClassName} href={exportPath(room, format, invite)} download data-format={format}>
            <span aria-hidden="true">{ICONS.download}</span> {t(FORMAT_LABELS[format])}
          </a>
        </li>
      ))}
    </ul>
  );
}

/** The facilitator's downloads of the whole room, on the result step. */
export function ResultExport({ room, invite, t }: { room: string; invite: string | null; t: Translate }) {
  const titleId = useId();
  return (
    <section className="result-export" aria-labelledby={titleId}>
      <h3 id={titleId} className="result-export-title">
        {t('export.download')}
      </h3>
      <p className="result-export-hint">{t('export.downloadHint')}</p>
      <ExportFormatList
        room={room}
        invite={invite}
        t={t}
        listClassName="result-export-list"
        linkClassName="steps-button result-export-link"
      />
      <p className="result-export-hint">{t('console.exportJsonHint', { download: t('export.format.json') })}</p>
    </section>
  );
}
