/**
 * The spotlight: one contribution the wall shows large for discussion, in the
 * control document (so only the facilitator can set it, and it survives a
 * reload). It points at an entry of a step by id, never copies its text: what
 * the wall shows is always the entry as it is now, and once the entry is gone
 * or the room is on another step the spotlight points at nothing (see
 * src/lib/spotlight.ts), whatever is still stored.
 */
import type * as Y from 'yjs';
import { controlKeys, spotlightValue, type SpotlightKind, type SpotlightValue } from './schema.ts';

const CURRENT = 'current';

export class Spotlight {
  private readonly doc: Y.Doc;

  constructor(doc: Y.Doc) {
    this.doc = doc;
  }

  map(): Y.Map<unknown> {
    return this.doc.getMap(controlKeys.spotlight);
  }

  /** What is stored; null when nothing is, or when the entry is malformed. */
  current(): SpotlightValue | null {
    const parsed = spotlightValue.safeParse(this.map().get(CURRENT));
    return parsed.success ? parsed.data : null;
  }

  is(stepId: string, kind: SpotlightKind, itemId: string): boolean {
    const now = this.current();
    return now !== null && now.stepId === stepId && now.kind === kind && now.itemId === itemId;
  }

  show(stepId: string, kind: SpotlightKind, itemId: string, now = Date.now()): void {
    this.map().set(CURRENT, spotlightValue.parse({ stepId, kind, itemId, at: now }));
  }

  /** Back to the board. */
  clear(): void {
    if (this.map().has(CURRENT)) this.map().delete(CURRENT);
  }
}
