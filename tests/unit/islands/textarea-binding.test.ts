import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { bindTextarea, type TextField } from '../../../src/islands/steps/textarea-binding.ts';

/** A stand-in for a focused <textarea>: value, selection, and a document that knows the focus. */
type FakeField = TextField & { type(text: string, at?: number): void };

function fakeField(focused = true): FakeField {
  const doc = { activeElement: null as unknown };
  const field: FakeField = {
    value: '',
    selectionStart: 0,
    selectionEnd: 0,
    selectionDirection: 'none',
    ownerDocument: doc,
    setSelectionRange(start: number, end: number) {
      field.selectionStart = start;
      field.selectionEnd = end;
    },
    /** Types at the caret (or at `at`), as the browser would, before the input event. */
    type(text: string, at = field.selectionStart) {
      field.value = field.value.slice(0, at) + text + field.value.slice(at);
      field.selectionStart = field.selectionEnd = at + text.length;
    },
  };
  if (focused) doc.activeElement = field;
  return field;
}

function connect(a: Y.Doc, b: Y.Doc): void {
  a.on('update', (update: Uint8Array, origin: unknown) => origin !== b && Y.applyUpdate(b, update, a));
  b.on('update', (update: Uint8Array, origin: unknown) => origin !== a && Y.applyUpdate(a, update, b));
}

describe('bindTextarea', () => {
  it('shows the shared text on bind and writes input through', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, 'We help');
    const field = fakeField();
    const binding = bindTextarea(field, text);
    expect(field.value).toBe('We help');
    field.type(' people', 7);
    binding.onInput();
    expect(text.toString()).toBe('We help people');
    binding.destroy();
  });

  it('keeps the caret where it was when someone else types before it', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    connect(a, b);
    const fieldA = fakeField();
    const fieldB = fakeField();
    const bindA = bindTextarea(fieldA, a.getText('t'));
    const bindB = bindTextarea(fieldB, b.getText('t'));

    fieldA.type('help people');
    bindA.onInput();
    expect(fieldB.value).toBe('help people');

    // B puts the caret before "people"; A adds a word at the very start.
    fieldB.setSelectionRange(5, 5);
    fieldA.type('We ', 0);
    bindA.onInput();
    expect(fieldB.value).toBe('We help people');
    expect(fieldB.value.slice(fieldB.selectionStart)).toBe('people');

    // B keeps typing where the caret is.
    fieldB.type('many ');
    bindB.onInput();
    expect(a.getText('t').toString()).toBe('We help many people');
    expect(fieldA.value).toBe('We help many people');
  });

  it('does not move the caret of an unfocused field', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    const field = fakeField(false);
    bindTextarea(field, text);
    field.setSelectionRange(0, 0);
    text.insert(0, 'abc');
    expect(field.value).toBe('abc');
    expect(field.selectionStart).toBe(0);
  });

  it('follows a restore that replaces the whole text', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, 'old sentence');
    const field = fakeField();
    bindTextarea(field, text);
    field.setSelectionRange(4, 4);
    doc.transact(() => {
      text.delete(0, text.length);
      text.insert(0, 'new');
    });
    expect(field.value).toBe('new');
    expect(field.selectionStart).toBeLessThanOrEqual(3);
  });

  it('stops following after destroy', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    const field = fakeField();
    bindTextarea(field, text).destroy();
    text.insert(0, 'later');
    expect(field.value).toBe('');
  });
});
