import type { Translate } from '../../i18n/index.ts';
import { resultHeading } from '../../lib/export/result-heading.ts';
import type { ExportedResult, ExportedStep } from '../../lib/export/schema.ts';
import type { Locale } from '../../model/locale.ts';
import type { Role } from '../../model/roles.ts';
import { formatDateTime } from './format.ts';
import { ICONS } from './icons.ts';
import { ResultSectionFrame } from './ResultSectionFrame.tsx';

type Props = {
  result: Extract<ExportedResult, { kind: 'statement' | 'definition' }>;
  /** The consent step that put this text to agreement, for its tally. */
  consent: Extract<ExportedStep, { kind: 'consent' }> | undefined;
  role: Role;
  locale: Locale;
  t: Translate;
  posterHref: string | null;
};

/** An agreed sentence or definition, set large; a draft says in words that it is not agreed yet. */
export function ResultText({ result, consent, role, locale, t, posterHref }: Props) {
  const agreedAt = result.agreed && result.agreedAt ? Date.parse(result.agreedAt) : null;
  return (
    <ResultSectionFrame
      // Named as the agreed result; a draft says so in its own line (the files put it in the heading).
      title={resultHeading({ ...result, agreed: true }, t)}
      role={role}
      t={t}
      className={`result-text${result.agreed ? ' result-text--agreed' : ''}`}
      posterHref={posterHref}
    >
      {result.agreed ? null : (
        <p className="result-not-agreed">
          <span aria-hidden="true">{ICONS.short}</span> {t('result.notAgreed')}
        </p>
      )}
      <p className="result-text-body">{result.text}</p>
      {agreedAt !== null ? (
        <p className="result-agreed-at">
          <span aria-hidden="true">{ICONS.agree}</span>{' '}
          {t('result.agreedAt', { date: formatDateTime(locale, agreedAt) })}
        </p>
      ) : null}
      {result.agreed && consent ? <p className="result-tally">{t('export.tally', consent.tally)}</p> : null}
    </ResultSectionFrame>
  );
}
