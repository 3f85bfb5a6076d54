import { useId } from 'react';
import type { Translate } from '../../i18n/index.ts';
import type { Locale } from '../../model/locale.ts';
import type { StatementVersionValue } from '../../model/schema.ts';
import { formatDateTime } from './format.ts';

type Props = {
  versions: readonly StatementVersionValue[];
  draft: string;
  locale: Locale;
  t: Translate;
  onSave: () => void;
  onRestore: (version: StatementVersionValue) => void;
};

/** The facilitator's snapshots of the sentence, newest first, each restorable. */
export function StatementVersions({ versions, draft, locale, t, onSave, onRestore }: Props) {
  const current = draft.trim();
  const alreadySaved = versions.at(-1)?.text === current;
  const newestFirst = [...versions].reverse();
  const titleId = useId();
  return (
    <section className="statement-versions" aria-labelledby={titleId}>
      <div className="statement-versions-head">
        <h3 id={titleId} className="statement-versions-title">
          {t('statement.versionsTitle')}
        </h3>
        <button
          type="button"
          className="steps-button steps-button--primary"
          onClick={onSave}
          disabled={!current || alreadySaved}
        >
          {t('statement.saveVersion')}
        </button>
      </div>
      {newestFirst.length === 0 ? (
        <p className="statement-versions-empty">{t('statement.noVersions')}</p>
      ) : (
        <ol className="statement-version-list" reversed>
          {newestFirst.map((version) => {
            const when = formatDateTime(locale, version.at);
            const isCurrent = version.text === current;
            return (
              <li key={`${version.at}-${version.text}`} className="statement-version">
                <p className="statement-version-text">{version.text}</p>
                <p className="statement-version-meta">
                  <time dateTime={new Date(version.at).toISOString()}>{when}</time>
                  {isCurrent ? (
                    <span className="statement-version-current">{t('statement.versionIsCurrent')}</span>
                  ) : null}
                </p>
                <button
                  type="button"
                  className="steps-button"
                  aria-label={t('statement.restoreVersion', { time: when })}
                  onClick={() => onRestore(version)}
                  disabled={isCurrent}
                >
                  {t('statement.restore')}
                </button>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
