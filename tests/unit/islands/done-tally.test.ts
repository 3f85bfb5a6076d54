import { describe, expect, it } from 'vitest';
import { doneTally } from '../../../src/islands/done/use-done.ts';
import type { PresentPerson } from '../../../src/sync/hooks.ts';

const person = (id: string, name: string | null, role: PresentPerson['role'], clientId = 1): PresentPerson => ({
  id,
  name,
  role,
  clientId,
  self: false,
});

describe("the 'I'm done' tally", () => {
  it('counts participants in the room once each, never the facilitator or the wall, and keeps guests unnamed', () => {
    const people = [
      person('f', 'Facilitator', 'facilitator'),
      person('wall', null, 'projector'),
      person('ada', 'Ada', 'participant', 2),
      person('ada', 'Ada', 'participant', 3),
      person('bo', 'Bo', 'participant'),
      person('guest', null, 'participant'),
      person('cy', 'Cy', 'participant'),
    ];
    const tally = doneTally(people, new Set(['f', 'ada', 'guest', 'cy', 'gone']));
    expect(tally).toEqual({ count: 3, total: 4, names: ['Ada', 'Cy', null] });
  });

  it('is zero of zero in an empty room', () => {
    expect(doneTally([], new Set(['someone']))).toEqual({ count: 0, total: 0, names: [] });
  });
});
