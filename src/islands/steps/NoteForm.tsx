import { useId, useState, type KeyboardEvent, type SubmitEvent } from 'react';
import type { Translate } from '../../i18n/index.ts';
import { CharCounter } from './CharCounter.tsx';

type Props = {
  /** The visible label ("Your note", "Your story"). */
  label: string;
  /** An example from the step's content, shown inside the empty field. */
  placeholder: string | undefined;
  /** `story`: a large field where Enter makes a new line; `short`: Enter sends. */
  length: 'short' | 'story';
  max: number;
  /** Ids of elements that explain the field (the silent banner, the count). */
  describedBy?: string;
  /**
   * Called with the trimmed text. Returns false when the note could not be
   * kept, so the text stays in the field and nothing typed is lost.
   */
  onSubmit: (text: string) => boolean;
  t: Translate;
};

const SHORT_ROWS = 2;
const STORY_ROWS = 8;

/** Writes one note; the field stays focused for the next one. */
export function NoteForm({ label, placeholder, length, max, describedBy, onSubmit, t }: Props) {
  const [text, setText] = useState('');
  const fieldId = useId();
  const hintId = useId();
  const counterId = useId();
  const story = length === 'story';

  const send = () => {
    const clean = text.trim();
    if (!clean) return;
    if (onSubmit(clean)) setText('');
  };
  const onFormSubmit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    send();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Stories need line breaks: there Enter is a new line and only the button sends.
    // Not while an input method is composing a word: Enter then confirms the word.
    if (!story && event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  };

  return (
    <form className={`notes-form notes-form--${length}`} onSubmit={onFormSubmit}>
      <label className="notes-form-label" htmlFor={fieldId}>
        {label}
      </label>
      <textarea
        id={fieldId}
        className="notes-form-field"
        rows={story ? STORY_ROWS : SHORT_ROWS}
        maxLength={max}
        placeholder={placeholder}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
        aria-describedby={[describedBy, hintId, counterId].filter(Boolean).join(' ')}
        enterKeyHint={story ? 'enter' : 'send'}
        autoComplete="off"
      />
      <div className="notes-form-row">
        <span id={hintId} className="notes-form-hint">
          {story ? t('notes.storyHint') : t('notes.enterHint')}
        </span>
        <CharCounter
          id={counterId}
          used={text.length}
          max={max}
          label={t('notes.charCount', { used: text.length, max })}
        />
        <button type="submit" className="steps-button steps-button--primary" disabled={!text.trim()}>
          {story ? t('notes.addStory') : t('notes.add')}
        </button>
      </div>
    </form>
  );
}
