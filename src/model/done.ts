/**
 * "I'm done": who has said they are finished with a step. One root map per
 * step, `done/<stepId>`, of personId -> {at}; keyed by step, so every step
 * starts at zero. A person writes and deletes only their own entry (the rule
 * table and the server's guard keep that); taking it back deletes it.
 */
import type * as Y from 'yjs';
import { boardKeys, doneValue, type DoneValue } from './schema.ts';
import { parsedMap } from './yjs-values.ts';

export class Done {
  private readonly doc: Y.Doc;

  constructor(doc: Y.Doc) {
    this.doc = doc;
  }

  map(stepId: string): Y.Map<unknown> {
    return this.doc.getMap(boardKeys.done(stepId));
  }

  /** Who is done, person id -> when; malformed entries are skipped. */
  list(stepId: string): Map<string, DoneValue> {
    return parsedMap(this.map(stepId), doneValue);
  }

  isDone(stepId: string, personId: string): boolean {
    return this.list(stepId).has(personId);
  }

  /** How many of `present` (the people in the room) are done. */
  countAmong(stepId: string, present: Iterable<string>): number {
    const done = this.list(stepId);
    let count = 0;
    for (const id of present) if (done.has(id)) count += 1;
    return count;
  }

  /** Says done, or takes it back; the first time is kept when said twice. */
  set(stepId: string, personId: string, done: boolean, now = Date.now()): void {
    const map = this.map(stepId);
    if (!done) {
      if (map.has(personId)) map.delete(personId);
      return;
    }
    if (!this.isDone(stepId, personId)) map.set(personId, { at: now } satisfies DoneValue);
  }
}
