import { describe, expect, it } from 'vitest';
import { rankItems, validBallot, type VoteItem } from '../../../../src/lib/export/read-vote.ts';

const ballot = (dots: Record<string, number>) => ({ dots, name: null, at: 0 });
const items: VoteItem[] = ['a', 'b', 'c', 'd'].map((id) => ({
  id,
  text: id.toUpperCase(),
  question: null,
  behaviour: null,
}));
const ids = new Set(items.map((i) => i.id));

describe('validBallot', () => {
  it('keeps the dots given to existing items within the rules', () => {
    expect(validBallot(ballot({ a: 2, b: 1, gone: 3 }), { budget: 3, maxPerItem: 2 }, ids)).toEqual(
      new Map([
        ['a', 2],
        ['b', 1],
      ]),
    );
  });

  it('leaves out a ballot over budget or over the per-item maximum, whole', () => {
    expect(validBallot(ballot({ a: 2, b: 2 }), { budget: 3, maxPerItem: undefined }, ids)).toBeNull();
    expect(validBallot(ballot({ a: 3 }), { budget: 5, maxPerItem: 2 }, ids)).toBeNull();
    // Without maxPerItem, one item may take the whole budget.
    expect(validBallot(ballot({ a: 5 }), { budget: 5, maxPerItem: undefined }, ids)?.get('a')).toBe(5);
  });
});

describe('rankItems', () => {
  it('orders by dots, keeps the source order on ties, and gives ties one rank', () => {
    const ranked = rankItems(
      items,
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
});
