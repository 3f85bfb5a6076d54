import { useMemo, useRef, useState } from 'react';
import { tallyConsent } from '../../lib/consent.ts';
import { ConsentDraftEditor } from './ConsentDraftEditor.tsx';
import { ConsentFacilitator } from './ConsentFacilitator.tsx';
import { ConsentTally } from './ConsentTally.tsx';
import { ConsentVoteForm } from './ConsentVoteForm.tsx';
import { EarlierObjections } from './EarlierObjections.tsx';
import { NewProposalNotice } from './NewProposalNotice.tsx';
import { ConsentRounds } from '../../model/consent-rounds.ts';
import { draftTargetOf } from './draft-target.ts';
import { ICONS } from './icons.ts';
import type { StepProps } from './types.ts';
import { useAnnouncement } from './use-announcement.ts';
import { useShared } from '../../sync/hooks.ts';

/** Everyone signals agree / can live with it / object on the facilitator's proposal. */
export function ConsentStep({ step, workshop, role, connection, locale, t, identity, tools }: StepProps<'consent'>) {
  const { board, control } = connection;
  const statement = draftTargetOf(workshop, step.statementStep);
  const [editing, setEditing] = useState(false);
  const proposalRef = useRef<HTMLElement>(null);
  const round = useShared([control.consentRoundMap(step.id)], () => control.consentRound(step.id));
  const rounds = useMemo(() => new ConsentRounds(control.doc), [control]);
  const earlier = useShared([rounds.earlierArray(step.id)], () => rounds.earlier(step.id));
  const votes = useShared([board.consentVotesMap(step.id)], () => board.consentVotes(step.id));
  const tally = useMemo(() => (round ? tallyConsent(votes, round.proposedAt) : null), [votes, round]);
  const own = votes.get(identity.id);
  const mine = round && own?.proposalAt === round.proposedAt ? own : undefined;
  const agreedText = round?.agreedText ?? null;

  const state = round ? `${round.proposedAt}|${agreedText ?? ''}` : '';
  useAnnouncement(state, (before, after) => {
    if (!round) return null;
    if (agreedText !== null) return t('consent.announceAgreed');
    if (before.split('|')[0] !== after.split('|')[0]) return t('consent.announceProposal');
    return t('consent.announceReopened');
  });

  return (
    <div className={`consent consent--${role}${agreedText !== null ? ' consent--agreed' : ''}`}>
      {role === 'participant' && agreedText === null ? (
        <NewProposalNotice proposalKey={round?.proposedAt ?? null} target={proposalRef} t={t} />
      ) : null}
      {!round ? (
        <p className="consent-waiting">{role === 'facilitator' ? t('consent.notProposed') : t('consent.waiting')}</p>
      ) : agreedText !== null ? (
        <div className="consent-agreed">
          <p className="consent-agreed-label">
            <span aria-hidden="true">{ICONS.agree}</span> {t('consent.agreedLabel')}
          </p>
          <p className="consent-agreed-text">{agreedText}</p>
        </div>
      ) : (
        <figure className="consent-proposal" ref={proposalRef} tabIndex={-1}>
          <figcaption className="consent-proposal-label">{t('consent.proposalLabel')}</figcaption>
          <blockquote className="consent-proposal-text">
            <p>{round.proposal}</p>
          </blockquote>
        </figure>
      )}

      {round && agreedText === null && role !== 'projector' ? (
        <ConsentVoteForm
          key={round.proposedAt}
          mine={mine}
          disabled={role === 'participant' && tools.locked}
          t={t}
          onCast={(value, note) =>
            board.castConsent(step.id, { id: identity.id, name: identity.name }, value, note, round.proposedAt)
          }
        />
      ) : null}

      {tally ? <ConsentTally tally={tally} role={role} locale={locale} t={t} showObjections /> : null}
      {role === 'projector' ? null : <EarlierObjections rounds={earlier} t={t} />}

      {/* Participants may adjust the shared draft too (as on the statement step) until the sentence is agreed. */}
      {role === 'participant' && agreedText === null && !tools.locked ? (
        <ConsentDraftEditor
          draft={board.statementDraft(step.statementStep)}
          statement={statement}
          open={editing}
          onToggle={() => setEditing((open) => !open)}
          hint={t('consent.editHintParticipant')}
          locale={locale}
          t={t}
        />
      ) : null}

      {role === 'facilitator' ? (
        <ConsentFacilitator
          stepId={step.id}
          statementStepId={step.statementStep}
          statement={statement}
          round={round}
          tally={tally}
          connection={connection}
          locale={locale}
          t={t}
        />
      ) : null}
    </div>
  );
}
