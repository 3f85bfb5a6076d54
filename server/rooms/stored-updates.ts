/**
 * Loading a document's stored update log into a Y.Doc. One damaged record
 * must not cost the room the rest: if the log does not apply as a whole, the
 * records are applied one by one and the damaged ones skipped.
 */
import * as Y from 'yjs';

/**
 * Applies stored updates; one damaged record must not cost the room the rest.
 * Returns how many records were skipped.
 */
export function applyStoredUpdates(doc: Y.Doc, updates: readonly Uint8Array[]): number {
  return loadStoredUpdates(doc, updates).skipped;
}

/**
 * Like applyStoredUpdates, and also returns the stored state as one update
 * when every record applied (null otherwise), so a joining client can be
 * answered without encoding the document again.
 */
export function loadStoredUpdates(
  doc: Y.Doc,
  updates: readonly Uint8Array[],
): { skipped: number; state: Uint8Array | null } {
  if (updates.length === 0) return { skipped: 0, state: null };
  try {
    const state = updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates as Uint8Array[]);
    Y.applyUpdate(doc, state);
    return { skipped: 0, state };
  } catch {
    let skipped = 0;
    for (const update of updates) {
      try {
        Y.decodeUpdate(update);
        Y.applyUpdate(doc, update);
      } catch {
        skipped++;
      }
    }
    return { skipped, state: null };
  }
}
