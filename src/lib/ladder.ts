import type { AnswerValue, PickValue } from '../model/schema.ts';
import { fillTemplate, type StepOf } from '../model/workshop.ts';
import type { Locale } from '../model/locale.ts';

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
  const answer = previous ? asClause(previous.text) : '…';
  return fillTemplate(step.followUpQuestion[locale], { answer });
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
