import { useId, useMemo } from 'react';
import { tallyConsent } from '../../lib/consent.ts';
import { isLadderComplete, ladderRungs } from '../../lib/ladder.ts';
import { firstStepOfKind, stepOfKind } from '../../model/workshop.ts';
import { ConsentTally } from './ConsentTally.tsx';
import { formatDateTime } from './format.ts';
import { Heading } from './Heading.tsx';
import { ICONS } from './icons.ts';
import { LadderRungs } from './LadderRungs.tsx';
import { ResultExport } from './ResultExport.tsx';
import type { StepProps } from './types.ts';
import { useShared } from '../../sync/hooks.ts';

/** The closing screen: the agreed sentence, the ladder that led there, and how the room agreed. */
export function ResultStep({ workshop, role, connection, locale, t }: StepProps<'result'>) {
  const { board, control } = connection;
  const statementTitleId = useId();
  const ladderTitleId = useId();
  const consent = firstStepOfKind(workshop, 'consent');
  const statement = consent
    ? stepOfKind(workshop, consent.statementStep, 'statement')
    : firstStepOfKind(workshop, 'statement');
  const ladder = firstStepOfKind(workshop, 'ladder');
  const draft = statement ? board.statementDraft(statement.id) : null;

  const shared = useShared(
    [
      consent ? control.consentRoundMap(consent.id) : null,
      consent ? board.consentVotesMap(consent.id) : null,
      statement ? control.statementVersionsArray(statement.id) : null,
      ladder ? control.ladderPicksArray(ladder.id) : null,
      draft,
    ],
    () => ({
      round: consent ? control.consentRound(consent.id) : null,
      votes: consent ? board.consentVotes(consent.id) : null,
      latestVersion: statement ? (control.statementVersions(statement.id).at(-1)?.text ?? '') : '',
      draft: draft?.toString().trim() ?? '',
      picks: ladder ? control.ladderPicks(ladder.id) : [],
    }),
  );

  const agreedText = shared.round?.agreedText ?? null;
  const agreedAt = shared.round?.agreedAt ?? null;
  const sentence = agreedText ?? (shared.latestVersion || shared.draft);
  const tally = useMemo(
    () => (shared.round && shared.votes ? tallyConsent(shared.votes, shared.round.proposedAt) : null),
    [shared],
  );
  const rungs = useMemo(
    () => (ladder ? ladderRungs(ladder, locale, shared.picks).filter((rung) => rung.pick !== null) : []),
    [ladder, locale, shared],
  );
  const complete = ladder ? isLadderComplete(shared.picks, ladder.depth) : false;

  return (
    <div className={`result result--${role}${agreedText !== null ? ' result--agreed' : ''}`}>
      <section className="result-statement" aria-labelledby={statementTitleId}>
        <Heading role={role} id={statementTitleId} className="result-statement-title">
          {agreedText !== null ? t('result.agreedTitle') : t('result.draftTitle')}
        </Heading>
        {agreedText === null && sentence ? (
          <p className="result-not-agreed">
            <span aria-hidden="true">{ICONS.short}</span> {t('result.notAgreed')}
          </p>
        ) : null}
        <p className={`result-statement-text${sentence ? '' : ' result-statement-text--empty'}`}>
          {sentence || t('result.noStatement')}
        </p>
        {agreedText !== null && agreedAt !== null ? (
          <p className="result-agreed-at">
            <span aria-hidden="true">{ICONS.agree}</span>{' '}
            {t('result.agreedAt', { date: formatDateTime(locale, agreedAt) })}
          </p>
        ) : null}
      </section>

      {ladder && rungs.length > 0 ? (
        <section className="result-ladder" aria-labelledby={ladderTitleId}>
          <Heading role={role} id={ladderTitleId} className="result-ladder-title">
            {t('result.ladderTitle')}
          </Heading>
          <LadderRungs rungs={rungs} current={null} final={complete ? ladder.depth - 1 : null} t={t} />
        </section>
      ) : null}

      {tally ? <ConsentTally tally={tally} role={role} locale={locale} t={t} showObjections={false} /> : null}

      {role === 'facilitator' ? <ResultExport room={connection.options.room} t={t} /> : null}
    </div>
  );
}
