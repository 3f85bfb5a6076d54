import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyChange, diffText, mapSelection, type TextDeltaOp } from '../../../src/lib/text-diff.ts';
import { applyTextChange } from '../../../src/model/text-edit.ts';

function syncBoth(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

/** Types `next` into the shared text the way the textarea binding does. */
function type(text: Y.Text, next: string, caret?: number, origin?: unknown): void {
  const change = diffText(text.toString(), next, caret);
  if (change) applyTextChange(text, change, origin);
}

describe('applyTextChange', () => {
  it('applies a change like applyChange does', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, 'we help people');
    const change = { index: 3, remove: 4, insert: 'serve' };
    applyTextChange(text, change);
    expect(text.toString()).toBe(applyChange('we help people', change));
  });

  it('emits one event tagged with the origin', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, 'abc');
    const origin = Symbol('me');
    const seen: unknown[] = [];
    text.observe((_event, transaction) => seen.push(transaction.origin));
    applyTextChange(text, { index: 1, remove: 1, insert: 'XY' }, origin);
    expect(seen).toEqual([origin]);
    expect(text.toString()).toBe('aXYc');
  });

  it('clamps a change that no longer fits and ignores an empty one', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, 'ab');
    let events = 0;
    text.observe(() => events++);
    applyTextChange(text, { index: 1, remove: 0, insert: '' });
    expect(events).toBe(0);
    applyTextChange(text, { index: 5, remove: 9, insert: '!' });
    expect(text.toString()).toBe('ab!');
  });

  it('merges two people typing in the same sentence at once', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    a.getText('t').insert(0, 'We help customers');
    syncBoth(a, b);

    type(a.getText('t'), 'We gladly help customers', 9);
    type(b.getText('t'), 'We help customers every day', 27);
    syncBoth(a, b);

    expect(a.getText('t').toString()).toBe('We gladly help customers every day');
    expect(b.getText('t').toString()).toBe(a.getText('t').toString());
  });

  it('keeps a remote caret in place through the event delta', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    a.getText('t').insert(0, 'help people');
    syncBoth(a, b);
    // B has the caret before "people" (index 5); A adds a word at the start.
    let mapped = { start: 5, end: 5 };
    b.getText('t').observe((event) => {
      mapped = mapSelection(mapped, event.delta as TextDeltaOp[]);
    });
    type(a.getText('t'), 'we help people', 3);
    syncBoth(a, b);
    expect(b.getText('t').toString().slice(mapped.start)).toBe('people');
  });
});
