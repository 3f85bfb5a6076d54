import { useId, useState, type KeyboardEvent, type Ref, type SubmitEvent } from 'react';
import type { Translate } from '../../i18n/index.ts';
import { TEXT_LIMITS } from '../../model/schema.ts';
import { CharCounter } from './CharCounter.tsx';

type Props = {
  /** The id of the element showing the question being answered. */
  questionId: string;
  /**
   * Called with the cleaned text. The round is not decided here: the caller
   * reads it from the live document at that moment, never from this render.
   */
  onSubmit: (text: string) => void;
  /** The answer field, for giving focus back to it (e.g. after a notice closes). */
  fieldRef?: Ref<HTMLTextAreaElement>;
  /** The facilitator has locked the step: the field stays visible but takes no input. */
  disabled?: boolean;
  t: Translate;
};

/** One short answer to the current "why?"; Enter sends, the field stays focused for the next one. */
export function LadderAnswerForm({ questionId, onSubmit, fieldRef, disabled = false, t }: Props) {
  const [text, setText] = useState('');
  const fieldId = useId();
  const hintId = useId();
  const counterId = useId();

  const send = () => {
    // Answers are one line: a pasted line break becomes a space.
    const clean = text.replace(/\s+/g, ' ').trim();
    if (!clean || disabled) return;
    onSubmit(clean);
    setText('');
  };
  const onFormSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    send();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Not while an input method is composing a word: Enter then confirms the word.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  };

  return (
    <form className="ladder-form" onSubmit={onFormSubmit}>
      <label className="ladder-form-label" htmlFor={fieldId}>
        {t('ladder.answerLabel')}
      </label>
      <textarea
        id={fieldId}
        ref={fieldRef}
        className="ladder-form-field"
        rows={2}
        maxLength={TEXT_LIMITS.answer}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
        aria-describedby={`${questionId} ${hintId} ${counterId}`}
        enterKeyHint="send"
        autoComplete="off"
        disabled={disabled}
      />
      <div className="ladder-form-row">
        <span id={hintId} className="ladder-form-hint">
          {t('ladder.enterHint')}
        </span>
        <CharCounter
          id={counterId}
          used={text.length}
          max={TEXT_LIMITS.answer}
          label={t('ladder.charCount', { used: text.length, max: TEXT_LIMITS.answer })}
        />
        <button type="submit" className="steps-button steps-button--primary" disabled={disabled || !text.trim()}>
          {t('ladder.send')}
        </button>
      </div>
    </form>
  );
}
