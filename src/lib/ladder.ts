import type { AnswerValue, PickValue } from '../model/schema.ts';
import type { StepOf } from '../model/workshop.ts';
import { fillTemplate } from '../model/workshop-steps.ts';
import type { Locale } from '../model/locale.ts';
import { followUpAnswer } from './follow-up.ts';

export type LadderRung = {
  round: number;
  question: string;
  /** The answer carried on from this round, once picked. */
  pick: PickValue | null;
};

/** The round that takes answers now; equals `depth` once the ladder is complete. */
export function currentRound(picks: readonly PickValue[], depth: number): number {
  return Math.min(picks.length, depth);
}

export function isLadderComplete(picks: readonly PickValue[], depth: number): boolean {
  return picks.length >= depth;
}

export function questionForRound(
  step: StepOf<'ladder'>,
  locale: Locale,
  picks: readonly PickValue[],
  round: number,
): string {
  if (round === 0) return step.startQuestion[locale];
  const previous = picks[round - 1];
  if (!previous) return fillTemplate(step.followUpQuestion[locale], { answer: '…' });
  const infinitive = step.followUpInfinitive?.[locale];
  const { form, text } = followUpAnswer(previous.text, locale, infinitive !== undefined);
  const template = form === 'infinitive' && infinitive !== undefined ? infinitive : step.followUpQuestion[locale];
  return fillTemplate(template, { answer: asClause(text) });
}

/** The ladder as far as it has grown: every round up to the current one. */
export function ladderRungs(step: StepOf<'ladder'>, locale: Locale, picks: readonly PickValue[]): LadderRung[] {
  const upTo = Math.min(currentRound(picks, step.depth), step.depth - 1);
  const rungs: LadderRung[] = [];
  for (let round = 0; round <= upTo; round++) {
    rungs.push({ round, question: questionForRound(step, locale, picks, round), pick: picks[round] ?? null });
  }
  return rungs;
}

export type RankedAnswer = AnswerValue & { supporters: number };

/** Answers of one round, most supported first, then oldest first. */
export function rankAnswers(
  answers: readonly AnswerValue[],
  support: ReadonlyMap<string, ReadonlySet<string>>,
  round: number,
): RankedAnswer[] {
  return answers
    .filter((a) => a.round === round)
    .map((a) => ({ ...a, supporters: support.get(a.id)?.size ?? 0 }))
    .sort((a, b) => b.supporters - a.supporters || a.at - b.at);
}

/**
 * Turns an answer into a clause that reads well inside the next question:
 * "Vi hjælper kunden." becomes "vi hjælper kunden". A first word in capitals
 * (an acronym, also before a hyphen: "IT-afdelingen") or the English "I" keeps its case.
 */
export function asClause(text: string): string {
  const trimmed = text.trim().replace(/[.!?…]+$/u, '');
  const firstWord = trimmed.split(/\s/u)[0] ?? '';
  // "IT-afdelingen" starts with an acronym too; "I’m" may use a typographic apostrophe.
  const head = firstWord.split('-')[0] ?? '';
  const keepCase = firstWord === 'I' || /^I['’]/u.test(firstWord) || (head.length > 1 && head === head.toUpperCase());
  return keepCase ? trimmed : trimmed.charAt(0).toLocaleLowerCase() + trimmed.slice(1);
}

// --- answers that must not get lost ------------------------------------------

/**
 * The round a new answer belongs to, read from the picks at the moment it is
 * sent (never from what the screen showed): the current round, or the last
 * one if the ladder completed in between, so the answer still shows under
 * that rung instead of in a round no screen lists.
 */
export function roundForNewAnswer(picks: readonly PickValue[], depth: number): number {
  return Math.max(0, Math.min(picks.length, depth - 1));
}

/**
 * The answers of each closed round that were not carried on, ranked like the
 * round's cards (most supported, then oldest, first). Rounds without any are left out.
 */
export function otherAnswersByRound(
  answers: readonly AnswerValue[],
  support: ReadonlyMap<string, ReadonlySet<string>>,
  picks: readonly PickValue[],
): Map<number, RankedAnswer[]> {
  const out = new Map<number, RankedAnswer[]>();
  picks.forEach((pick, round) => {
    const others = rankAnswers(answers, support, round).filter((a) => a.id !== pick.answerId);
    if (others.length > 0) out.set(round, others);
  });
  return out;
}

/** How long after an answer was posted a closing round still counts as closing "just as it arrived". */
export const LATE_ANSWER_WINDOW_MS = 5_000;

/**
 * When this device saw each closed round close, by round, in its own clock.
 * Null: the round was closed already when the screen opened, so when is unknown.
 */
export type RoundClosings = ReadonlyMap<number, number | null>;

/**
 * Brings the record of closings up to date with the number of closed rounds:
 * newly closed rounds get `now`, rounds reopened by an undo are forgotten (a
 * later pick closes them anew). Returns `previous` itself when nothing changed.
 */
export function noteRoundClosings(previous: RoundClosings, closedRounds: number, now: number | null): RoundClosings {
  const next = new Map<number, number | null>();
  for (let round = 0; round < closedRounds; round++) {
    const seen = previous.get(round);
    next.set(round, seen === undefined ? now : seen);
  }
  const same = next.size === previous.size && [...next].every(([round, at]) => previous.get(round) === at);
  return same ? previous : next;
}

/**
 * One person's answers that landed in the round closed last (with another
 * answer carried on) at most `windowMs` after they were posted. Both times
 * come from the same device: the answer's `at` was set where it was written,
 * and the closing was observed there, so clock skew between devices plays no
 * part. Only the last closed round counts: once the next one closes as well,
 * posting the answer to the question after that would no longer fit.
 */
export function lateAnswers(
  answers: readonly AnswerValue[],
  picks: readonly PickValue[],
  closings: RoundClosings,
  selfId: string,
  windowMs: number = LATE_ANSWER_WINDOW_MS,
): AnswerValue[] {
  const lastClosed = picks.length - 1;
  return answers.filter((answer) => {
    if (answer.authorId !== selfId || answer.round !== lastClosed) return false;
    const pick = picks[answer.round];
    const closedAt = closings.get(answer.round);
    if (!pick || pick.answerId === answer.id || closedAt == null) return false;
    const lead = closedAt - answer.at;
    return lead >= 0 && lead <= windowMs;
  });
}
