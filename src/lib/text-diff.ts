/**
 * Turns a textarea edit into the smallest single change, and carries a
 * selection through a change made elsewhere. Pure: the Yjs adapter lives in
 * model/text-edit.ts.
 */

/** Replace `remove` UTF-16 units at `index` with `insert`. */
export type TextChange = { index: number; remove: number; insert: string };

/** One operation of a Yjs/Quill text delta; an insert that is not a string is an embed of length 1. */
export type TextDeltaOp = { insert?: unknown; retain?: number; delete?: number };

export type TextSelection = { start: number; end: number };

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * The common prefix/suffix difference between two texts, or null when equal.
 *
 * `caret` (the caret in `next` after the edit) settles ambiguous edits: typing
 * "a" after the first "a" of "aa" is an insert at 1, not at 2, which matters
 * when someone else edits nearby at the same time. The suffix is therefore
 * measured first and may not reach left of the caret. Never splits a
 * surrogate pair, so an emoji is inserted or removed whole.
 */
export function diffText(prev: string, next: string, caret?: number): TextChange | null {
  if (prev === next) return null;
  const shortest = Math.min(prev.length, next.length);
  let prefix = 0;
  let suffix = 0;
  if (caret === undefined) {
    while (prefix < shortest && prev[prefix] === next[prefix]) prefix++;
    while (suffix < shortest - prefix && prev[prev.length - 1 - suffix] === next[next.length - 1 - suffix]) suffix++;
  } else {
    const suffixCap = Math.min(shortest, next.length - Math.max(0, Math.min(caret, next.length)));
    while (suffix < suffixCap && prev[prev.length - 1 - suffix] === next[next.length - 1 - suffix]) suffix++;
    while (prefix < shortest - suffix && prev[prefix] === next[prefix]) prefix++;
  }
  // Keep surrogate pairs whole on both edges of the change.
  if (prefix > 0 && isHighSurrogate(prev.charCodeAt(prefix - 1))) prefix--;
  if (suffix > 0 && isLowSurrogate(prev.charCodeAt(prev.length - suffix))) suffix--;
  return {
    index: prefix,
    remove: prev.length - prefix - suffix,
    insert: next.slice(prefix, next.length - suffix),
  };
}

/** Applies a change to a string (the reference the Yjs adapter must match). */
export function applyChange(text: string, change: TextChange): string {
  return text.slice(0, change.index) + change.insert + text.slice(change.index + change.remove);
}

const insertLength = (insert: unknown) => (typeof insert === 'string' ? insert.length : 1);

/**
 * Where an index of the old text lands after a delta. At an insert exactly
 * at the index, 'after' moves past the inserted text and 'before' stays put.
 * An index inside deleted text lands where the deletion was.
 */
export function mapIndexThroughDelta(
  index: number,
  delta: readonly TextDeltaOp[],
  side: 'before' | 'after' = 'after',
): number {
  let oldPos = 0;
  let newPos = 0;
  for (const op of delta) {
    if (op.retain !== undefined) {
      if (index < oldPos + op.retain) return newPos + (index - oldPos);
      oldPos += op.retain;
      newPos += op.retain;
    } else if (op.delete !== undefined) {
      if (index < oldPos + op.delete) return newPos;
      oldPos += op.delete;
    } else if (op.insert !== undefined) {
      if (index === oldPos && side === 'before') return newPos;
      newPos += insertLength(op.insert);
    }
  }
  return newPos + (index - oldPos);
}

/**
 * Carries a selection through someone else's change. A caret follows text
 * typed right at it (so two people typing at one spot do not interleave
 * letter by letter); a range neither swallows text added at its edges nor
 * turns inside out.
 */
export function mapSelection(selection: TextSelection, delta: readonly TextDeltaOp[]): TextSelection {
  if (selection.start === selection.end) {
    const at = mapIndexThroughDelta(selection.start, delta, 'after');
    return { start: at, end: at };
  }
  const start = mapIndexThroughDelta(selection.start, delta, 'after');
  const end = mapIndexThroughDelta(selection.end, delta, 'before');
  return { start: Math.min(start, end), end: Math.max(start, end) };
}
