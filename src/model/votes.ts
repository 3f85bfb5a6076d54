/**
 * A voter's own ballot in a vote step, kept in the voter's seat document
 * (never on the board). Giving and taking follow the one vote rule
 * (vote-rule.ts); the server counts with the same rule, so a ballot that
 * breaks it counts for nothing, whichever client wrote it.
 */
import type * as Y from 'yjs';
import { SeatDoc } from './seat-doc.ts';
import { dotsUsed, offeredDots, withDotGiven, withDotTaken, type VoteRules } from './vote-rule.ts';

export type { VoteRules };

export class OwnBallot {
  readonly seat: SeatDoc;

  constructor(seatDoc: Y.Doc) {
    this.seat = new SeatDoc(seatDoc);
  }

  /** The Yjs type to observe for changes of any own ballot. */
  map(): Y.Map<unknown> {
    return this.seat.ballotsMap();
  }

  /** The own dots per item id on items still on offer. */
  dots(stepId: string, itemIds: ReadonlySet<string>): Record<string, number> {
    return offeredDots(this.seat.ballot(stepId)?.dots ?? {}, itemIds);
  }

  used(stepId: string, itemIds: ReadonlySet<string>): number {
    return dotsUsed(this.seat.ballot(stepId)?.dots ?? {}, itemIds);
  }

  /** One more dot on an item; false when the budget or the per-item limit says no. */
  give(step: VoteRules & { id: string }, name: string | null, itemId: string, itemIds: ReadonlySet<string>): boolean {
    const next = withDotGiven(this.seat.ballot(step.id)?.dots ?? {}, step, itemId, itemIds);
    if (!next) return false;
    this.seat.setBallot(step.id, next, name);
    return true;
  }

  /** One dot fewer on an item; false when there was none. */
  take(stepId: string, name: string | null, itemId: string, itemIds: ReadonlySet<string>): boolean {
    const next = withDotTaken(this.seat.ballot(stepId)?.dots ?? {}, itemId, itemIds);
    if (!next) return false;
    this.seat.setBallot(stepId, next, name);
    return true;
  }
}
