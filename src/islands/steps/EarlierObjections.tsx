import { useId } from 'react';
import type { Translate } from '../../i18n/index.ts';
import type { EarlierConsentRoundValue } from '../../model/schema.ts';
import { ICONS } from './icons.ts';

type Props = { rounds: readonly EarlierConsentRoundValue[]; t: Translate };

/**
 * What was objected to the wordings a newer proposal replaced: the sentence is
 * weighed word by word, and an objection still matters after a rewording.
 * Folded away, newest first; absent until a round with objections was replaced.
 */
export function EarlierObjections({ rounds, t }: Props) {
  const titleId = useId();
  const withObjections = rounds.filter((r) => r.objections.length > 0).reverse();
  if (withObjections.length === 0) return null;
  const total = withObjections.reduce((sum, r) => sum + r.objections.length, 0);
  return (
    <details className="consent-earlier">
      <summary id={titleId}>{t('consent.earlierTitle', { count: total })}</summary>
      <ol className="consent-earlier-list" aria-labelledby={titleId}>
        {withObjections.map((round) => (
          <li key={round.proposedAt} className="consent-earlier-round">
            <p className="consent-earlier-proposal">
              {t('consent.earlierProposal')} <q>{round.proposal}</q>
            </p>
            <ul className="consent-objection-list">
              {round.objections.map((objection, i) => (
                <li key={i} className="consent-objection">
                  <p className="consent-objection-name">
                    <span aria-hidden="true">{ICONS.object}</span> {objection.name ?? t('consent.anonymous')}
                  </p>
                  <p className="consent-objection-note">{objection.note || t('consent.noNote')}</p>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </details>
  );
}
