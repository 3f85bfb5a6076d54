/**
 * Applies a minimal text change to a shared Y.Text, so that people typing in
 * the same sentence at once merge instead of overwriting each other.
 */
import type * as Y from 'yjs';

/** Same shape as `TextChange` in lib/text-diff.ts (model does not import lib). */
export type SharedTextChange = { index: number; remove: number; insert: string };

/**
 * Deletes and inserts in one transaction (one update on the wire, one event
 * for observers). `origin` tags the transaction so the editor that made the
 * change can skip its own echo.
 */
export function applyTextChange(text: Y.Text, change: SharedTextChange, origin?: unknown): void {
  const length = text.length;
  const index = Math.max(0, Math.min(change.index, length));
  const remove = Math.max(0, Math.min(change.remove, length - index));
  if (remove === 0 && change.insert === '') return;
  const run = () => {
    if (remove > 0) text.delete(index, remove);
    if (change.insert) text.insert(index, change.insert);
  };
  if (text.doc) text.doc.transact(run, origin);
  else run();
}
