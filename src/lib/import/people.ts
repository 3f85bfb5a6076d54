/**
 * Ids for the people of a rebuilt room. An export names nobody by id: it has,
 * per step, how many people contributed, and the room's participantCount.
 * The import gives each step that many ids and spreads them over one pool of
 * `participantCount` ids, so the rebuilt room counts the same people per step
 * and in all, without the export ever linking one step's people to another's.
 *
 * Who wrote which item is not known and not needed: nobody in the new room is
 * one of these ids, and every screen and export shows names, never ids.
 */

/** Item ids are at most 40 characters; these stay far below, and never look like a 21-character device id. */
const POOL_PREFIX = 'imported-';

export type StepPeopleOptions = {
  /** How many people contributed to the step, as the export says. */
  contributors: number;
  /** Anonymous steps have their own pseudonyms, which never count with anyone else. */
  anonymous: boolean;
};

export class ImportedPeople {
  private readonly poolSize: number;
  /** Where the next named step starts in the pool; it wraps, so the steps together cover the whole pool. */
  private offset = 0;
  private steps = 0;

  /** `largestStep`: the most contributors of any one named step (a pool smaller than that could not keep them apart). */
  constructor(participantCount: number, largestStep: number) {
    this.poolSize = Math.max(participantCount, largestStep, 1);
  }

  forStep(options: StepPeopleOptions): StepPeople {
    const index = this.steps++;
    const count = options.contributors;
    if (options.anonymous) return new StepPeople(count, (i) => `${POOL_PREFIX}${index}-anon-${i}`, index);
    const offset = this.offset;
    this.offset = (this.offset + count) % this.poolSize;
    return new StepPeople(count, (i) => `${POOL_PREFIX}${((offset + i) % this.poolSize) + 1}`, index);
  }
}

/**
 * The people of one step: `count` distinct ids, handed out in turn, so the
 * items of the step together use every one of them (given at least as many items).
 */
export class StepPeople {
  private readonly count: number;
  private readonly idAt: (local: number) => string;
  private readonly stepIndex: number;
  private cursor = 0;
  private extra = 0;

  constructor(count: number, idAt: (local: number) => string, stepIndex: number) {
    this.count = count;
    this.idAt = idAt;
    this.stepIndex = stepIndex;
  }

  /** The author of the next item. */
  next(): string {
    return this.take(1)[0] as string;
  }

  /**
   * `n` different people, e.g. the supporters of one answer or the voters of
   * a step. More than the step's count (an export that contradicts itself)
   * still gives distinct ids, so no item is lost.
   */
  take(n: number): string[] {
    const ids: string[] = [];
    for (let i = 0; i < Math.min(n, this.count); i++) ids.push(this.idAt((this.cursor + i) % this.count));
    if (this.count > 0) this.cursor = (this.cursor + Math.min(n, this.count)) % this.count;
    while (ids.length < n) ids.push(`${POOL_PREFIX}${this.stepIndex}-extra-${this.extra++}`);
    return ids;
  }
}
