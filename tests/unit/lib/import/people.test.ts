/** The ids an import gives the people of each step: the same counts per step and in all, no links between steps. */
import { describe, expect, it } from 'vitest';
import { ImportedPeople } from '../../../../src/lib/import/people.ts';

describe('ImportedPeople', () => {
  it('spreads the named steps over the whole pool, so they add up to participantCount', () => {
    const people = new ImportedPeople(5, 3);
    const steps = [3, 2, 3].map((contributors) =>
      people.forStep({ contributors, anonymous: false }).take(contributors),
    );
    expect(steps.map((ids) => new Set(ids).size)).toEqual([3, 2, 3]);
    expect(new Set(steps.flat()).size).toBe(5);
  });

  it('hands a step its people in turn, so every item has an author and all of them are used', () => {
    const step = new ImportedPeople(4, 2).forStep({ contributors: 2, anonymous: false });
    const authors = [step.next(), step.next(), step.next()];
    expect(authors[0]).toBe(authors[2]);
    expect(new Set(authors).size).toBe(2);
  });

  it('keeps anonymous steps apart from everyone else', () => {
    const people = new ImportedPeople(4, 2);
    const named = people.forStep({ contributors: 2, anonymous: false }).take(2);
    const anonymous = people.forStep({ contributors: 4, anonymous: true }).take(4);
    expect(new Set(anonymous).size).toBe(4);
    expect(anonymous.some((id) => named.includes(id))).toBe(false);
  });

  it('still gives distinct people when a file asks for more than the step counts, and short ids', () => {
    const step = new ImportedPeople(1, 1).forStep({ contributors: 1, anonymous: false });
    const ids = step.take(3);
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(40);
  });
});
