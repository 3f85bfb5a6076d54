/**
 * Typed access to the dots of a vote step (`vote.dots/<stepId>`, a map
 * voterId -> DotsValue on the board document). Each voter writes only their
 * own entry, so ballots never conflict. The rules (budget, dots per item) are
 * kept here when writing and checked again when counting (validBallot), since
 * a document may hold anything a faulty client wrote.
 */
import * as Y from 'yjs';
import { boardKeys, dotsValue, TEXT_LIMITS, type DotsValue } from './schema.ts';
import type { StepOf } from './workshop.ts';
import { parsedMap } from './yjs-values.ts';

export type VoteRules = Pick<StepOf<'vote'>, 'id' | 'budget' | 'maxPerItem'>;
export type Voter = { id: string; name: string | null };

export class Votes {
  readonly doc: Y.Doc;

  constructor(doc: Y.Doc) {
    this.doc = doc;
  }

  map(stepId: string): Y.Map<unknown> {
    return this.doc.getMap(boardKeys.voteDots(stepId));
  }

  ballots(stepId: string): Map<string, DotsValue> {
    return parsedMap(this.map(stepId), dotsValue);
  }

  /** The voter's own dots per item id (items no longer offered are ignored by the caller). */
  myDots(stepId: string, voterId: string): Record<string, number> {
    return { ...(this.ballots(stepId).get(voterId)?.dots ?? {}) };
  }

  /** Dots the voter has given to items still on offer. */
  used(stepId: string, voterId: string, itemIds: ReadonlySet<string>): number {
    return Object.entries(this.myDots(stepId, voterId))
      .filter(([id]) => itemIds.has(id))
      .reduce((sum, [, n]) => sum + n, 0);
  }

  /** How many people have given at least one dot. */
  voterCount(stepId: string): number {
    let count = 0;
    for (const ballot of this.ballots(stepId).values()) if (Object.values(ballot.dots).some((n) => n > 0)) count++;
    return count;
  }

  /** One more dot on an item; false when the budget or the per-item limit says no. */
  give(step: VoteRules, voter: Voter, itemId: string, itemIds: ReadonlySet<string>, now = Date.now()): boolean {
    if (!itemIds.has(itemId)) return false;
    const dots = this.ownOffered(step.id, voter.id, itemIds);
    const perItem = step.maxPerItem ?? step.budget;
    const onItem = dots[itemId] ?? 0;
    const used = Object.values(dots).reduce((a, b) => a + b, 0);
    if (onItem >= perItem || used >= step.budget) return false;
    this.write(step.id, voter, { ...dots, [itemId]: onItem + 1 }, now);
    return true;
  }

  /** One dot fewer on an item; false when there was none. */
  take(step: VoteRules, voter: Voter, itemId: string, itemIds: ReadonlySet<string>, now = Date.now()): boolean {
    const dots = this.ownOffered(step.id, voter.id, itemIds);
    const onItem = dots[itemId] ?? 0;
    if (onItem <= 0) return false;
    const next = { ...dots };
    if (onItem === 1) delete next[itemId];
    else next[itemId] = onItem - 1;
    this.write(step.id, voter, next, now);
    return true;
  }

  /** The own ballot without dots on items that were removed since: those dots are free again. */
  private ownOffered(stepId: string, voterId: string, itemIds: ReadonlySet<string>): Record<string, number> {
    return Object.fromEntries(Object.entries(this.myDots(stepId, voterId)).filter(([id]) => itemIds.has(id)));
  }

  private write(stepId: string, voter: Voter, dots: Record<string, number>, now: number): void {
    const value: DotsValue = {
      dots,
      name: voter.name ? voter.name.trim().slice(0, TEXT_LIMITS.name) || null : null,
      at: now,
    };
    this.map(stepId).set(voter.id, value);
  }
}
