/**
 * What the server publishes for a vote step, computed from the ballots of
 * every seat with the one vote rule (model/vote-rule.ts): the number of
 * voters, and at the reveal the totals, the ranking and, for open votes
 * only, each ballot with its voter's name. Pure, so the import and the tests
 * publish exactly what the server would.
 */
import type { DotsValue, ImportedTallyValue, VoteResultValue } from '../model/schema.ts';
import { rankItems, tallyBallots, validBallot } from '../model/vote-rule.ts';
import type { StepOf } from '../model/workshop.ts';

export type VoteCount = { voters: number; result: VoteResultValue };

/** `items`: what the step offers now (see voteItems), in the source's order. */
export function countVote(
  step: StepOf<'vote'>,
  items: readonly { id: string }[],
  ballots: readonly DotsValue[],
  imported: ImportedTallyValue | null,
): VoteCount {
  const ids = new Set(items.map((i) => i.id));
  const { totals, voters } = tallyBallots(
    ballots.map((b) => b.dots),
    step,
    ids,
    imported ?? undefined,
  );
  const ranking = rankItems(items, totals).map(({ id, rank, dots }) => ({ id, rank, dots }));
  return {
    voters,
    result: {
      totals: Object.fromEntries([...totals].sort(([a], [b]) => compareText(a, b))),
      ranking,
      voters,
      named: step.open ? namedBallots(step, ids, ballots) : null,
    },
  };
}

/** Open votes: each ballot that counts, with its voter's name, in an order that says nothing about timing. */
function namedBallots(
  step: StepOf<'vote'>,
  ids: ReadonlySet<string>,
  ballots: readonly DotsValue[],
): NonNullable<VoteResultValue['named']> {
  const named: NonNullable<VoteResultValue['named']> = [];
  for (const ballot of ballots) {
    const counted = validBallot(ballot.dots, step, ids);
    if (!counted || counted.size === 0) continue;
    named.push({ name: ballot.name, dots: Object.fromEntries([...counted].sort(([a], [b]) => compareText(a, b))) });
  }
  const key = (b: (typeof named)[number]) => `${b.name ?? '\uffff'}\u0000${JSON.stringify(b.dots)}`;
  return named.sort((a, b) => compareText(key(a), key(b)));
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
