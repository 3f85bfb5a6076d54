/**
 * Typed access to a seat's private document (`/sync/<room>/seat`, stored as
 * `seat/<seatId>`): what one person keeps hidden until the facilitator
 * reveals it. The server syncs it with that seat's connections only, so it
 * never reaches another participant or the projector, and it survives a
 * closed laptop because the server stores it like any document.
 */
import * as Y from 'yjs';
import { dotsValue, seatKeys, TEXT_LIMITS, type DotsValue } from './schema.ts';
import { parsedMap } from './yjs-values.ts';

export class SeatDoc {
  readonly doc: Y.Doc;

  constructor(doc: Y.Doc) {
    this.doc = doc;
  }

  ballotsMap(): Y.Map<unknown> {
    return this.doc.getMap(seatKeys.ballots);
  }

  /** Every well-formed ballot of this seat, by vote step id. */
  ballots(): Map<string, DotsValue> {
    return parsedMap(this.ballotsMap(), dotsValue);
  }

  ballot(stepId: string): DotsValue | null {
    const parsed = dotsValue.safeParse(this.ballotsMap().get(stepId));
    return parsed.success ? parsed.data : null;
  }

  /** Replaces the ballot of a step; the name is kept only for open votes' published result. */
  setBallot(stepId: string, dots: Record<string, number>, name: string | null, now = Date.now()): void {
    const value: DotsValue = {
      dots,
      name: name ? name.trim().slice(0, TEXT_LIMITS.name) || null : null,
      at: now,
    };
    this.ballotsMap().set(stepId, value);
  }
}
