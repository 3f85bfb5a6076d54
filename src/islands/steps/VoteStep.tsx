import { useId, useMemo } from 'react';
import { voteItems, voteSourceTypes, type RankedItem, type VoteItem } from '../../lib/export/read-vote.ts';
import { VoteResults } from '../../model/vote-results.ts';
import { perItemLimit, rankItems } from '../../model/vote-rule.ts';
import { OwnBallot } from '../../model/votes.ts';
import { useShared } from '../../sync/hooks.ts';
import { announce } from '../announce.ts';
import { plural } from './format.ts';
import { Heading } from './Heading.tsx';
import type { StepProps } from './types.ts';
import { VoteRanking } from './VoteRanking.tsx';

/**
 * Dot voting: each participant spends a budget of dots on the items of the
 * source step. The ballot lives in the participant's seat document, which no
 * other screen receives; the server counts every ballot and publishes, on the
 * board, how many have voted and, at the reveal, the totals and the ranking.
 */
export function VoteStep({ step, workshop, role, connection, locale, t, identity, tools }: StepProps<'vote'>) {
  const board = connection.board.doc;
  // Without a seat (yet) there is no private document to keep a ballot in: no voting until it arrives.
  const seatDoc = connection.seatDoc;
  const own = useMemo(() => (seatDoc ? new OwnBallot(seatDoc) : null), [seatDoc]);
  const results = useMemo(() => new VoteResults(board), [board]);
  const docs = useMemo(() => ({ board, control: connection.control.doc }), [board, connection]);
  const source = workshop.steps.find((s) => s.id === step.source);
  const sourceTypes = useMemo(() => voteSourceTypes(board, step.source), [board, step.source]);
  const state = useShared(
    [own?.map(), results.resultMap(step.id), results.progressMap(step.id), ...sourceTypes],
    () => {
      const items = voteItems(step.source, workshop, locale, docs)?.items ?? [];
      const ids = new Set(items.map((i) => i.id));
      const published = results.result(step.id);
      return {
        items,
        ids,
        mine: own?.dots(step.id, ids) ?? {},
        used: own?.used(step.id, ids) ?? 0,
        voters: results.voters(step.id),
        ranked: published ? rankItems(items, new Map(Object.entries(published.totals))) : null,
      };
    },
  );
  const listId = useId();
  const perItem = perItemLimit(step);
  const left = step.budget - state.used;
  const canVote = role === 'participant' && !tools.locked && own !== null;

  const give = (item: VoteItem) => {
    if (own?.give(step, identity.name, item.id, state.ids)) {
      announce(t('vote.announceGiven', { text: item.text, left: left - 1 }));
    }
  };
  const take = (item: VoteItem) => {
    if (own?.take(step.id, identity.name, item.id, state.ids)) {
      announce(t('vote.announceTaken', { text: item.text, left: left + 1 }));
    }
  };

  if (state.items.length === 0) {
    return <p className="vote-empty">{t('vote.noItems', { source: source ? source.title[locale] : step.source })}</p>;
  }

  return (
    <div className={`vote vote--${role}`}>
      <p className="vote-rules">
        {t('vote.rules', { budget: step.budget, perItem })}
        {step.keepTop ? ` ${t('vote.keepTop', { count: step.keepTop })}` : ''}
      </p>
      {role === 'participant' ? (
        <p className="vote-left" aria-live="polite">
          {t('vote.left', { left, budget: step.budget })}
        </p>
      ) : null}
      {tools.locked && role === 'participant' ? <p className="notice vote-locked">{t('vote.locked')}</p> : null}

      {role === 'participant' && own === null ? <p className="notice vote-no-seat">{t('vote.noSeat')}</p> : null}

      {tools.revealed && state.ranked ? (
        <VoteRanking ranked={state.ranked} keepTop={step.keepTop} role={role} mine={state.mine} t={t} locale={locale} />
      ) : (
        <>
          <p className="vote-hidden">
            {plural(t, locale, { one: 'vote.votersOne', other: 'vote.votersOther' }, state.voters)}{' '}
            {t('vote.hiddenUntilReveal')}
          </p>
          {role === 'projector' ? null : (
            <section aria-labelledby={listId} className="vote-ballot">
              <Heading role={role} id={listId} className="vote-title">
                {role === 'participant' ? t('vote.yourDots') : t('vote.items')}
              </Heading>
              <ul className="vote-items">
                {state.items.map((item) => (
                  <BallotItem
                    key={item.id}
                    item={item}
                    mine={state.mine[item.id] ?? 0}
                    canGive={canVote && left > 0 && (state.mine[item.id] ?? 0) < perItem}
                    canTake={canVote && (state.mine[item.id] ?? 0) > 0}
                    showButtons={role === 'participant'}
                    onGive={() => give(item)}
                    onTake={() => take(item)}
                    t={t}
                  />
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </div>
  );
}

type BallotItemProps = {
  item: VoteItem;
  mine: number;
  canGive: boolean;
  canTake: boolean;
  showButtons: boolean;
  onGive: () => void;
  onTake: () => void;
  t: StepProps<'vote'>['t'];
};

function BallotItem({ item, mine, canGive, canTake, showButtons, onGive, onTake, t }: BallotItemProps) {
  return (
    <li className="vote-item">
      <div className="vote-item-text">
        <p>{item.text}</p>
        {item.question ? (
          <p className="vote-item-detail">
            {t(item.question.type === 'open' ? 'questions.typeOpen' : 'questions.typeClosed')} ·{' '}
            {item.question.momentLabel}
          </p>
        ) : null}
      </div>
      {showButtons ? (
        <div className="vote-item-controls">
          <button
            type="button"
            className="steps-button vote-dot-button"
            aria-label={t('vote.take', { text: item.text })}
            disabled={!canTake}
            onClick={onTake}
          >
            −
          </button>
          <span className="vote-item-mine">{t('vote.mine', { count: mine })}</span>
          <button
            type="button"
            className="steps-button steps-button--primary vote-dot-button"
            aria-label={t('vote.give', { text: item.text })}
            disabled={!canGive}
            onClick={onGive}
          >
            +
          </button>
        </div>
      ) : null}
    </li>
  );
}

export type { RankedItem };
