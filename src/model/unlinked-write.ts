/**
 * Writes that cannot be traced to the writer's presence.
 *
 * Every Yjs item carries the client id of the document that created it, and
 * the board's awareness maps client ids to people. An anonymous contribution
 * written straight into the shared document would therefore still be linkable
 * to its author by anyone who inspects the document. Instead the change is
 * made on a throwaway replica with a fresh random client id, and only the
 * resulting update is applied here, as one transaction.
 */
import * as Y from 'yjs';

/** Transaction origin of unlinked writes, for observers that want to tell them apart. */
export const UNLINKED_ORIGIN = Symbol('ledestjerne.unlinked');

export function writeUnlinked(doc: Y.Doc, change: (replica: Y.Doc) => void): void {
  // A new Y.Doc draws a new random client id: unrelated to this device's presence.
  const replica = new Y.Doc();
  try {
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
    const before = Y.encodeStateVector(replica);
    change(replica);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(replica, before), UNLINKED_ORIGIN);
  } finally {
    replica.destroy();
  }
}
