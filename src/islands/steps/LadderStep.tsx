import { useId, useMemo, useRef, useState } from 'react';
import {
  currentRound,
  isLadderComplete,
  ladderRungs,
  lateAnswers,
  otherAnswersByRound,
  rankAnswers,
  roundForNewAnswer,
  type RankedAnswer,
} from '../../lib/ladder.ts';
import type { AnswerValue } from '../../model/schema.ts';
import { announce } from '../announce.ts';
import { plural } from './format.ts';
import { Heading } from './Heading.tsx';
import { ICONS } from './icons.ts';
import { LadderAnswerForm } from './LadderAnswerForm.tsx';
import { LadderAnswers } from './LadderAnswers.tsx';
import { LadderLateNotice } from './LadderLateNotice.tsx';
import { LadderOtherAnswers } from './LadderOtherAnswers.tsx';
import { LadderRungs } from './LadderRungs.tsx';
import { useStepOpen } from './use-step-open.ts';
import type { StepProps } from './types.ts';
import { useAnnouncement } from './use-announcement.ts';
import { useRoundClosings } from './use-round-closings.ts';
import { useShared } from '../../sync/hooks.ts';

/** The why-ladder: answer the current "why?", support answers, and the facilitator carries one on. */
export function LadderStep({ step, workshop, role, connection, locale, t, identity }: StepProps<'ladder'>) {
  const ladderOpen = useStepOpen({ step, workshop, role, connection, identity }, 'ladder.answers').ok;
  const { board, control } = connection;
  const questionId = useId();
  const fieldRef = useRef<HTMLTextAreaElement>(null);
  const picksArray = control.ladderPicksArray(step.id);
  const picks = useShared([picksArray], () => control.ladderPicks(step.id));
  const closings = useRoundClosings(picksArray, () => control.ladderPicks(step.id).length);
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(() => new Set());
  const shared = useShared([board.ladderAnswersArray(step.id), board.ladderSupportMap(step.id)], () => ({
    answers: board.ladderAnswers(step.id),
    support: board.ladderSupport(step.id),
  }));

  const round = currentRound(picks, step.depth);
  const complete = isLadderComplete(picks, step.depth);
  const rungs = useMemo(() => ladderRungs(step, locale, picks), [step, locale, picks]);
  const ranked = useMemo(() => rankAnswers(shared.answers, shared.support, round), [shared, round]);
  const others = useMemo(() => otherAnswersByRound(shared.answers, shared.support, picks), [shared, picks]);
  const late = useMemo(
    () => lateAnswers(shared.answers, picks, closings, identity.id).filter((a) => !dismissed.has(a.id)),
    [shared, picks, closings, identity.id, dismissed],
  );
  const supported = useMemo(
    () => new Set([...shared.support].filter(([, who]) => who.has(identity.id)).map(([answerId]) => answerId)),
    [shared, identity.id],
  );
  const question = rungs.at(-1)?.question ?? '';
  const roundAnswers = useMemo(() => ({ round, answers: ranked }), [round, ranked]);

  useAnnouncement(round, () => (complete ? t('ladder.announceComplete') : t('ladder.announceNext', { question })));
  useAnnouncement(roundAnswers, (before, after) => {
    // A new round is announced by its question, not by the answers it happens to hold.
    if (before.round !== after.round) return null;
    const known = new Set(before.answers.map((a) => a.id));
    const fresh = after.answers.filter((a) => !known.has(a.id) && a.authorId !== identity.id);
    if (fresh.length === 0) return null;
    if (fresh.length === 1 && fresh[0]) return t('ladder.announceAnswer', { text: fresh[0].text });
    return plural(t, locale, { one: 'ladder.announceAnswersOne', other: 'ladder.announceAnswersOther' }, fresh.length);
  });

  const pick = (answer: RankedAnswer) => control.pickLadderAnswer(step.id, round, answer.id, answer.text);
  // The round comes from the live document at the moment of sending, not from this render:
  // a pick that arrived since then has already moved the answer on to the new question.
  const submit = (text: string) => {
    const liveRound = roundForNewAnswer(control.ladderPicks(step.id), step.depth);
    board.addLadderAnswer(step.id, liveRound, text, { id: identity.id, name: identity.name });
  };
  const repost = (answer: AnswerValue) => {
    const livePicks = control.ladderPicks(step.id);
    if (isLadderComplete(livePicks, step.depth)) return;
    if (board.repostLadderAnswer(step.id, answer.id, livePicks.length)) announce(t('ladder.lateReposted'));
    fieldRef.current?.focus();
  };
  const dismiss = (answer: AnswerValue) => {
    setDismissed((previous) => new Set(previous).add(answer.id));
    fieldRef.current?.focus();
  };
  const canWriteBoard = role !== 'projector';
  // The rule table decides, as on the server: a locked step takes no more from participants; the facilitator can still tidy up.
  const locked = role !== 'facilitator' && !ladderOpen;
  const lateNotice = canWriteBoard ? (
    <LadderLateNotice answers={late} canRepost={!complete && !locked} onRepost={repost} onDismiss={dismiss} t={t} />
  ) : null;

  return (
    <div className={`ladder ladder--${role}${complete ? ' ladder--complete' : ''}`}>
      <LadderRungs
        rungs={rungs}
        current={complete ? null : round}
        final={complete ? step.depth - 1 : null}
        currentQuestionId={questionId}
        foldFinished={role === 'facilitator'}
        below={(rung) => {
          const rest = rung.pick ? others.get(rung.round) : undefined;
          return rest ? (
            <LadderOtherAnswers answers={rest} selfId={identity.id} role={role} locale={locale} t={t} />
          ) : null;
        }}
        t={t}
      />

      {complete ? (
        <>
          <div className="ladder-complete">
            <Heading role={role} className="ladder-complete-title">
              <span aria-hidden="true">{ICONS.star}</span> {t('ladder.completeTitle')}
            </Heading>
            <p className="ladder-complete-label">{t('ladder.rawMaterial')}</p>
            <p className="ladder-complete-answer">{picks.at(-1)?.text}</p>
            <p className="ladder-complete-next">{t('ladder.completeNext')}</p>
          </div>
          {lateNotice}
        </>
      ) : (
        <div className="ladder-round">
          {canWriteBoard ? (
            <LadderAnswerForm questionId={questionId} fieldRef={fieldRef} t={t} onSubmit={submit} disabled={locked} />
          ) : null}
          {lateNotice}
          <Heading role={role} className="ladder-answers-title">
            {plural(t, locale, { one: 'ladder.answersTitleOne', other: 'ladder.answersTitleOther' }, ranked.length)}
          </Heading>
          <LadderAnswers
            answers={ranked}
            supported={supported}
            selfId={identity.id}
            role={role}
            locale={locale}
            t={t}
            locked={locked}
            onToggleSupport={(answer) => board.toggleLadderSupport(step.id, answer.id, identity.id)}
            onRemove={(answer) => board.removeLadderAnswer(step.id, answer.id)}
            onPick={pick}
            lastRound={round === step.depth - 1}
          />
        </div>
      )}

      {role === 'facilitator' && picks.length > 0 ? (
        <div className="ladder-facilitator">
          <button type="button" className="steps-button" onClick={() => control.undoLadderPick(step.id)}>
            <span aria-hidden="true">{ICONS.undo}</span> {t('ladder.undoPick')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
