import { describe, expect, it } from 'vitest';
import { tallyConsent } from '../../../src/lib/consent.ts';
import type { ConsentValue, ConsentVoteValue } from '../../../src/model/schema.ts';

const vote = (value: ConsentValue, proposalAt: number, name: string | null = null, note = ''): ConsentVoteValue => ({
  value,
  name,
  note,
  proposalAt,
  at: proposalAt + 1,
});

describe('tallyConsent', () => {
  it('counts nothing without votes', () => {
    expect(tallyConsent(new Map(), 100)).toEqual({
      counts: { agree: 0, live: 0, object: 0 },
      total: 0,
      objections: [],
    });
  });

  it('counts each signal for the current proposal', () => {
    const votes = new Map([
      ['p1', vote('agree', 100, 'Anna')],
      ['p2', vote('agree', 100, 'Bo')],
      ['p3', vote('live', 100, 'Carl')],
    ]);
    expect(tallyConsent(votes, 100)).toEqual({ counts: { agree: 2, live: 1, object: 0 }, total: 3, objections: [] });
  });

  it('ignores votes given to an earlier proposal', () => {
    const votes = new Map([
      ['p1', vote('agree', 100)],
      ['p2', vote('object', 50, 'Bo', 'Gammel indvending')],
      ['p3', vote('live', 200)],
    ]);
    const tally = tallyConsent(votes, 100);
    expect(tally.counts).toEqual({ agree: 1, live: 0, object: 0 });
    expect(tally.total).toBe(1);
    expect(tally.objections).toEqual([]);
  });

  it('lists each objection with who made it and why, keeping anonymous ones anonymous', () => {
    const votes = new Map([
      ['p1', vote('object', 100, 'Dorte', 'Kunden mangler')],
      ['p2', vote('agree', 100, 'Erik')],
      ['p3', vote('object', 100, null, 'For langt')],
    ]);
    const tally = tallyConsent(votes, 100);
    expect(tally.counts.object).toBe(2);
    expect(tally.objections).toEqual([
      { participantId: 'p1', name: 'Dorte', note: 'Kunden mangler' },
      { participantId: 'p3', name: null, note: 'For langt' },
    ]);
  });

  it('counts nothing while no proposal exists', () => {
    expect(tallyConsent(new Map([['p1', vote('agree', 100)]]), -1).total).toBe(0);
  });
});
