import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { countVote } from '../../../src/lib/vote-count.ts';
import { SeatDoc } from '../../../src/model/seat-doc.ts';
import { hasVoted, rankItems, tallyBallots, validBallot } from '../../../src/model/vote-rule.ts';
import { OwnBallot } from '../../../src/model/votes.ts';
import type { StepOf } from '../../../src/model/workshop.ts';

const rules = { id: 'v', budget: 3, maxPerItem: 2 };
const items = new Set(['x', 'y', 'z']);
const step = (extra: Partial<StepOf<'vote'>> = {}): StepOf<'vote'> =>
  ({ id: 'v', kind: 'vote', source: 's', budget: 3, maxPerItem: 2, ...extra }) as StepOf<'vote'>;
const ballot = (dots: Record<string, number>, name: string | null = null) => ({ dots, name, at: 1 });

describe('validBallot', () => {
  it('keeps the dots given to items on offer within the rules', () => {
    expect(validBallot({ x: 2, y: 1, gone: 3 }, rules, items)).toEqual(
      new Map([
        ['x', 2],
        ['y', 1],
      ]),
    );
  });

  it('leaves out a ballot over budget or over the per-item limit, whole', () => {
    expect(validBallot({ x: 2, y: 2 }, { budget: 3 }, items)).toBeNull();
    expect(validBallot({ x: 3 }, { budget: 5, maxPerItem: 2 }, items)).toBeNull();
    // Without maxPerItem, one item may take the whole budget.
    expect(validBallot({ x: 5 }, { budget: 5 }, items)?.get('x')).toBe(5);
    // Fractions and negatives count for nothing.
    expect(validBallot({ x: 0.5, y: -4 }, rules, items)?.size).toBe(0);
  });

  it('says who has voted by the same rule', () => {
    expect(hasVoted({ x: 1 }, rules, items)).toBe(true);
    expect(hasVoted({}, rules, items)).toBe(false);
    expect(hasVoted({ x: 9 }, rules, items)).toBe(false);
    expect(hasVoted({ gone: 1 }, rules, items)).toBe(false);
  });
});

describe('OwnBallot (the voter’s seat document)', () => {
  it('gives dots within the budget and the per-item limit, and takes them back', () => {
    const own = new OwnBallot(new Y.Doc());
    expect(own.give(rules, 'Ada', 'x', items)).toBe(true);
    expect(own.give(rules, 'Ada', 'x', items)).toBe(true);
    expect(own.give(rules, 'Ada', 'x', items)).toBe(false); // two per item
    expect(own.give(rules, 'Ada', 'y', items)).toBe(true);
    expect(own.give(rules, 'Ada', 'z', items)).toBe(false); // budget spent
    expect(own.used('v', items)).toBe(3);
    expect(own.take('v', 'Ada', 'x', items)).toBe(true);
    expect(own.give(rules, 'Ada', 'z', items)).toBe(true);
    expect(own.dots('v', items)).toEqual({ x: 1, y: 1, z: 1 });
    expect(own.take('v', 'Ada', 'missing', items)).toBe(false);
    expect(own.seat.ballot('v')?.name).toBe('Ada');
  });

  it('frees dots that sat on an item that was removed', () => {
    const own = new OwnBallot(new Y.Doc());
    own.give(rules, null, 'x', items);
    own.give(rules, null, 'x', items);
    own.give(rules, null, 'y', items);
    const withoutX = new Set(['y', 'z']);
    expect(own.used('v', withoutX)).toBe(1);
    expect(own.give(rules, null, 'z', withoutX)).toBe(true);
    expect(own.give(rules, null, 'z', withoutX)).toBe(true);
  });

  it('ignores a malformed ballot in the seat document', () => {
    const doc = new Y.Doc();
    new SeatDoc(doc).ballotsMap().set('v', { dots: 'lots' });
    expect(new OwnBallot(doc).dots('v', items)).toEqual({});
  });
});

describe('tallyBallots and countVote', () => {
  const list = [...items].map((id) => ({ id }));

  it('counts only ballots within the rules, so a hostile ballot cannot tip the ranking', () => {
    const tally = tallyBallots([{ y: 1 }, { y: 1, z: 1 }, { x: 9 }, {}], rules, items);
    expect(tally.voters).toBe(2);
    expect(rankItems(list, tally.totals).map((r) => [r.id, r.dots, r.rank])).toEqual([
      ['y', 2, 1],
      ['z', 1, 2],
      ['x', 0, 3],
    ]);
  });

  it('orders by dots, keeps the source order on ties, and gives ties one rank', () => {
    const ranked = rankItems(
      ['a', 'b', 'c', 'd'].map((id) => ({ id })),
      new Map([
        ['c', 4],
        ['b', 2],
        ['d', 2],
      ]),
    );
    expect(ranked.map((r) => [r.id, r.rank, r.dots])).toEqual([
      ['c', 1, 4],
      ['b', 2, 2],
      ['d', 2, 2],
      ['a', 4, 0],
    ]);
  });

  it('publishes totals without names for a secret vote, and names sorted by name for an open one', () => {
    const ballots = [ballot({ y: 2 }, 'Bo'), ballot({ x: 1, z: 1 }, 'Ada'), ballot({ x: 9 }, 'Mallory')];
    const secret = countVote(step(), list, ballots, null);
    expect(secret.voters).toBe(2);
    expect(secret.result.totals).toEqual({ x: 1, y: 2, z: 1 });
    expect(secret.result.named).toBeNull();
    expect(JSON.stringify(secret.result)).not.toMatch(/Ada|Bo|Mallory/);
    const open = countVote(step({ open: true }), list, ballots, null);
    expect(open.result.named).toEqual([
      { name: 'Ada', dots: { x: 1, z: 1 } },
      { name: 'Bo', dots: { y: 2 } },
    ]);
  });

  it('adds an imported tally to the ballots cast here', () => {
    const count = countVote(step(), list, [ballot({ x: 1 })], { totals: { x: 2, gone: 5 }, voters: 3 });
    expect(count.voters).toBe(4);
    expect(count.result.totals).toEqual({ x: 3 });
  });
});
