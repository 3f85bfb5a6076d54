/**
 * Binds a <textarea> to a shared Y.Text, without React (the hook in
 * use-shared-textarea.ts is a thin wrapper; tests drive this with a fake field).
 *
 * Invariant: right before every Y.Text event the field shows exactly the
 * Y.Text's old content, because local input is written through at once. So
 * the event's delta maps the caret exactly, with no Y.RelativePosition
 * bookkeeping (those would have to be taken before every transaction).
 */
import type * as Y from 'yjs';
import { diffText, mapSelection, type TextDeltaOp } from '../../lib/text-diff.ts';
import { applyTextChange } from '../../model/text-edit.ts';

/** The parts of a textarea the binding uses. */
export type TextField = {
  value: string;
  selectionStart: number;
  selectionEnd: number;
  selectionDirection: 'forward' | 'backward' | 'none' | null;
  setSelectionRange(start: number, end: number, direction?: 'forward' | 'backward' | 'none'): void;
  readonly ownerDocument: { readonly activeElement: unknown };
};

export type TextareaBinding = {
  /** Call on every input event: writes the edit through as one minimal change. */
  onInput(): void;
  destroy(): void;
};

export function bindTextarea(field: TextField, text: Y.Text): TextareaBinding {
  // Tags this binding's transactions so the observer skips their echo.
  const origin = Symbol('textarea');
  const current = text.toString();
  if (field.value !== current) field.value = current;

  const onChange = (event: Y.YTextEvent, transaction: Y.Transaction) => {
    if (transaction.origin === origin) return;
    const next = text.toString();
    if (field.value === next) return;
    const focused = field.ownerDocument.activeElement === field;
    const direction = field.selectionDirection ?? 'none';
    const selection = mapSelection(
      { start: field.selectionStart, end: field.selectionEnd },
      event.delta as TextDeltaOp[],
    );
    field.value = next;
    // Setting value moves the caret to the end; put it back where the person was typing.
    if (focused) field.setSelectionRange(selection.start, selection.end, direction);
  };
  text.observe(onChange);

  return {
    onInput() {
      const change = diffText(text.toString(), field.value, field.selectionEnd);
      if (change) applyTextChange(text, change, origin);
    },
    destroy() {
      text.unobserve(onChange);
    },
  };
}
