import { useEffect, useId } from 'react';
import type * as Y from 'yjs';
import { TEXT_LIMITS } from '../../model/schema.ts';
import { useSharedTextarea } from './use-shared-textarea.ts';

type Props = {
  text: Y.Text;
  label: string;
  placeholder?: string | undefined;
  /** Ids of the word count and hints read after the label. */
  describedBy: string;
  /** Takes focus, caret at the end, when it appears (opened on request: "Edit the sentence"). */
  focusAtEnd?: boolean;
  /** The facilitator has locked the step: the sentence can be read and selected, not changed. */
  readOnly?: boolean;
};

/** The shared sentence: everyone types in the same field, and edits merge. */
export function StatementEditor({
  text,
  label,
  placeholder,
  describedBy,
  focusAtEnd = false,
  readOnly = false,
}: Props) {
  const { ref, onInput } = useSharedTextarea(text);
  const id = useId();
  useEffect(() => {
    const field = ref.current;
    if (!focusAtEnd || !field) return;
    // At the end of the sentence, not before it: opened to go on writing or to adjust the ending.
    field.focus();
    field.setSelectionRange(field.value.length, field.value.length);
    // Only when the field appears.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <div className="statement-editor">
      <label className="statement-editor-label" htmlFor={id}>
        {label}
      </label>
      <textarea
        id={id}
        ref={ref}
        className="statement-editor-field"
        defaultValue={text.toString()}
        onChange={onInput}
        maxLength={TEXT_LIMITS.statement}
        rows={3}
        placeholder={placeholder}
        aria-describedby={describedBy}
        readOnly={readOnly}
        spellCheck
      />
    </div>
  );
}
