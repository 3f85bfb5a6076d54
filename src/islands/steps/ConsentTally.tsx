import { useId } from 'react';
import type { Translate } from '../../i18n/index.ts';
import type { ConsentTally as Tally } from '../../lib/consent.ts';
import type { Locale } from '../../model/locale.ts';
import type { Role } from '../../model/roles.ts';
import { CONSENT_VALUES } from '../../model/schema.ts';
import { CONSENT_LABEL_KEYS } from './consent-labels.ts';
import { plural } from './format.ts';
import { Heading } from './Heading.tsx';
import { ICONS } from './icons.ts';

type Props = {
  tally: Tally;
  role: Role;
  locale: Locale;
  t: Translate;
  /** Objections with names and notes; the result shows only the counts. */
  showObjections: boolean;
};

/** How the room answered the current proposal, and what the objectors need. */
export function ConsentTally({ tally, role, locale, t, showObjections }: Props) {
  const titleId = useId();
  const objectionsId = useId();
  return (
    <section className="consent-tally" aria-labelledby={titleId}>
      <Heading role={role} id={titleId} className="consent-tally-title">
        {t('consent.tallyTitle')}{' '}
        <span className="consent-tally-total">
          {plural(t, locale, { one: 'consent.totalOne', other: 'consent.totalOther' }, tally.total)}
        </span>
      </Heading>
      <ul className="consent-counts">
        {CONSENT_VALUES.map((value) => (
          <li key={value} className={`consent-count consent-count--${value}`}>
            <span aria-hidden="true" className="consent-icon">
              {ICONS[value]}
            </span>
            <span className="consent-count-label">{t(CONSENT_LABEL_KEYS[value])}</span>
            <span className="consent-count-number">{tally.counts[value]}</span>
          </li>
        ))}
      </ul>
      {showObjections ? (
        <div className="consent-objections">
          <Heading role={role} sub id={objectionsId} className="consent-objections-title">
            {t('consent.objectionsTitle')}
          </Heading>
          {/* Always rendered, so the first objection to arrive is announced too. */}
          <ul className="consent-objection-list" aria-labelledby={objectionsId} aria-live="polite">
            {tally.objections.map((objection) => (
              <li key={objection.participantId} className="consent-objection">
                <p className="consent-objection-name">
                  <span aria-hidden="true">{ICONS.object}</span> {objection.name ?? t('consent.anonymous')}
                </p>
                <p className="consent-objection-note">{objection.note || t('consent.noNote')}</p>
              </li>
            ))}
          </ul>
          {tally.objections.length === 0 ? (
            <p className="consent-objections-none">{t('consent.noObjections')}</p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
