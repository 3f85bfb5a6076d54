import { useEffect, useId, useRef, useState, type KeyboardEvent, type SubmitEvent } from 'react';
import type { Translate } from '../../i18n/index.ts';
import { CharCounter } from './CharCounter.tsx';

type Props = {
  initial: string;
  max: number;
  onSave: (text: string) => void;
  onCancel: () => void;
  t: Translate;
};

/** Changes a note's text in place; Escape cancels, the field takes focus when it opens. */
export function NoteEditor({ initial, max, onSave, onCancel, t }: Props) {
  const [text, setText] = useState(initial);
  const field = useRef<HTMLTextAreaElement>(null);
  const fieldId = useId();
  const counterId = useId();

  useEffect(() => {
    const element = field.current;
    if (!element) return;
    element.focus();
    element.setSelectionRange(element.value.length, element.value.length);
  }, []);

  const onSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (text.trim()) onSave(text.trim());
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      onCancel();
    }
  };

  return (
    <form className="notes-editor" onSubmit={onSubmit}>
      <label className="notes-editor-label" htmlFor={fieldId}>
        {t('notes.editLabel')}
      </label>
      <textarea
        ref={field}
        id={fieldId}
        className="notes-form-field"
        rows={Math.min(8, Math.max(2, Math.ceil(text.length / 40)))}
        maxLength={max}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
        aria-describedby={counterId}
      />
      <div className="notes-form-row">
        <CharCounter
          id={counterId}
          used={text.length}
          max={max}
          label={t('notes.charCount', { used: text.length, max })}
        />
        <button type="button" className="steps-button steps-button--quiet" onClick={onCancel}>
          {t('notes.cancel')}
        </button>
        <button type="submit" className="steps-button steps-button--primary" disabled={!text.trim()}>
          {t('notes.save')}
        </button>
      </div>
    </form>
  );
}
