import { useId, useRef, useState, type SubmitEvent } from 'react';
import type { Translate } from '../../i18n/index.ts';
import { CONSENT_VALUES, TEXT_LIMITS, type ConsentValue, type ConsentVoteValue } from '../../model/schema.ts';
import { CharCounter } from './CharCounter.tsx';
import { CONSENT_LABEL_KEYS } from './consent-labels.ts';
import { ICONS } from './icons.ts';

type Props = {
  /** This person's vote on the current proposal, if any. Remount (key) the form per proposal. */
  mine: ConsentVoteValue | undefined;
  onCast: (value: ConsentValue, note: string) => void;
  /** The facilitator has locked the step: the answer stays visible, nothing can be sent. */
  disabled?: boolean;
  t: Translate;
};

/** Agree / can live with it / object, with a note that is required when objecting. */
export function ConsentVoteForm({ mine, onCast, disabled = false, t }: Props) {
  const [choice, setChoice] = useState<ConsentValue | null>(mine?.value ?? null);
  const [note, setNote] = useState(mine?.note ?? '');
  const [missingNote, setMissingNote] = useState(false);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const name = useId();
  const legendId = useId();
  const noteId = useId();
  const counterId = useId();
  const errorId = useId();
  const objecting = choice === 'object';
  const unsent = mine ? mine.value !== choice || mine.note !== note.trim() : choice !== null;

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!choice || disabled) return;
    if (objecting && !note.trim()) {
      setMissingNote(true);
      noteRef.current?.focus();
      return;
    }
    setMissingNote(false);
    onCast(choice, note);
  };

  return (
    <form className="consent-form" onSubmit={submit} noValidate>
      <fieldset className="consent-options" disabled={disabled}>
        <legend id={legendId} className="consent-options-legend">
          {t('consent.yourAnswer')}
        </legend>
        <div role="radiogroup" aria-labelledby={legendId} className="consent-options-list">
          {CONSENT_VALUES.map((value) => (
            <label key={value} className={`consent-option consent-option--${value}`}>
              <input
                type="radio"
                name={name}
                value={value}
                checked={choice === value}
                onChange={() => setChoice(value)}
                className="consent-option-input"
              />
              <span aria-hidden="true" className="consent-icon">
                {ICONS[value]}
              </span>
              <span className="consent-option-label">{t(CONSENT_LABEL_KEYS[value])}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <label className="consent-note-label" htmlFor={noteId}>
        {objecting ? t('consent.noteObject') : t('consent.noteOptional')}
      </label>
      <textarea
        id={noteId}
        ref={noteRef}
        className="consent-note-field"
        rows={2}
        value={note}
        maxLength={TEXT_LIMITS.note}
        onChange={(event) => setNote(event.target.value)}
        disabled={disabled}
        required={objecting}
        aria-invalid={missingNote && !note.trim() ? true : undefined}
        aria-describedby={`${counterId}${missingNote ? ` ${errorId}` : ''}`}
      />
      <CharCounter
        id={counterId}
        used={note.length}
        max={TEXT_LIMITS.note}
        label={t('consent.charCount', { used: note.length, max: TEXT_LIMITS.note })}
      />
      {missingNote && !note.trim() ? (
        <p id={errorId} className="consent-error" role="alert">
          {t('consent.noteRequired')}
        </p>
      ) : null}

      <div className="consent-form-row">
        <button type="submit" className="steps-button steps-button--primary" disabled={disabled || !choice}>
          {mine ? t('consent.update') : t('consent.send')}
        </button>
        <p className="consent-mine" aria-live="polite">
          {mine ? t('consent.yourVote', { choice: t(CONSENT_LABEL_KEYS[mine.value]) }) : null}
          {unsent && mine ? ` ${t('consent.unsent')}` : null}
        </p>
      </div>
    </form>
  );
}
