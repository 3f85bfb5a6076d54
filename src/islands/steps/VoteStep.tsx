import { useId, useMemo } from 'react';
import { rankItems, validBallot, voteItems, type RankedItem, type VoteItem } from '../../lib/export/read-vote.ts';
import { Votes } from '../../model/votes.ts';
import { useShared } from '../../sync/hooks.ts';
import { announce } from '../announce.ts';
import { plural } from './format.ts';
import { Heading } from './Heading.tsx';
import type { StepProps } from './types.ts';
import { VoteRanking } from './VoteRanking.tsx';

/**
 * Dot voting: each participant spends a budget of dots on the items of the
 * source step. Totals stay hidden on every screen until the facilitator
 * reveals them; then a ranking shows, with the top `keepTop` marked as chosen.
 */
export function VoteStep({ step, workshop, role, connection, locale, t, identity, tools }: StepProps<'vote'>) {
  const votes = useMemo(() => new Votes(connection.board.doc), [connection.board]);
  const board = connection.board.doc;
  const docs = useMemo(() => ({ board, control: connection.control.doc }), [board, connection.control]);
  const source = workshop.steps.find((s) => s.id === step.source);
  const sourceTypes = useMemo(
    () =>
      ['notes/', 'groups/', 'group.members/', 'questions/', 'behaviours/'].map((prefix) =>
        board.getMap(`${prefix}${step.source}`),
      ),
    [board, step.source],
  );
  const state = useShared([votes.map(step.id), ...sourceTypes], () => {
    const items = voteItems(step.source, workshop, locale, docs)?.items ?? [];
    const ids = new Set(items.map((i) => i.id));
    const totals = new Map<string, number>();
    for (const ballot of votes.ballots(step.id).values()) {
      const dots = validBallot(ballot, step, ids);
      if (dots) for (const [id, n] of dots) totals.set(id, (totals.get(id) ?? 0) + n);
    }
    return {
      items,
      ids,
      mine: votes.myDots(step.id, identity.id),
      used: votes.used(step.id, identity.id, ids),
      voters: votes.voterCount(step.id),
      ranked: rankItems(items, totals),
    };
  });
  const listId = useId();
  const perItem = step.maxPerItem ?? step.budget;
  const left = step.budget - state.used;
  const canVote = role === 'participant' && !tools.locked;
  const voter = { id: identity.id, name: identity.name };

  const give = (item: VoteItem) => {
    if (votes.give(step, voter, item.id, state.ids)) {
      announce(t('vote.announceGiven', { text: item.text, left: left - 1 }));
    }
  };
  const take = (item: VoteItem) => {
    if (votes.take(step, voter, item.id, state.ids)) {
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

      {tools.revealed ? (
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
