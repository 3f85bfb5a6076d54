import { useId, useState, type SubmitEvent } from 'react';
import type { Translate } from '../../i18n/index.ts';
import type { BehaviourFields } from '../../model/behaviours.ts';
import { TEXT_LIMITS } from '../../model/schema.ts';
import { CharCounter } from './CharCounter.tsx';

type Props = {
  title: string;
  submitLabel: string;
  initial?: BehaviourFields;
  /** Saves the fields; returns an error message to show, or null when saved. */
  onSubmit: (fields: BehaviourFields) => string | null;
  onCancel?: () => void;
  /** Empties the fields after a successful save (adding), instead of leaving them (editing closes). */
  resetOnSave?: boolean;
  t: Translate;
};

const EMPTY: BehaviourFields = { text: '', how: '', signs: '' };

type FieldName = keyof BehaviourFields;
const FIELDS: {
  name: FieldName;
  label: 'behaviours.textLabel' | 'behaviours.howLabel' | 'behaviours.signsLabel';
  max: number;
}[] = [
  { name: 'text', label: 'behaviours.textLabel', max: TEXT_LIMITS.behaviour },
  { name: 'how', label: 'behaviours.howLabel', max: TEXT_LIMITS.behaviourDetail },
  { name: 'signs', label: 'behaviours.signsLabel', max: TEXT_LIMITS.behaviourDetail },
];

/** A behaviour's three parts: what we do, how we carry it out, how you can see it happen. */
export function BehaviourForm({ title, submitLabel, initial = EMPTY, onSubmit, onCancel, resetOnSave, t }: Props) {
  const [values, setValues] = useState<BehaviourFields>(initial);
  const [error, setError] = useState<string | null>(null);
  const baseId = useId();
  const titleId = `${baseId}-title`;
  const errorId = `${baseId}-error`;

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problem = onSubmit(values);
    setError(problem);
    // On a problem the typed text stays where it is: nothing is lost.
    if (!problem && resetOnSave) setValues(EMPTY);
  };

  return (
    <form className="behaviours-form" aria-labelledby={titleId} onSubmit={submit}>
      <h3 id={titleId} className="behaviours-form-title">
        {title}
      </h3>
      {FIELDS.map(({ name, label, max }) => {
        const fieldId = `${baseId}-${name}`;
        const counterId = `${fieldId}-count`;
        const used = values[name].length;
        return (
          <div key={name} className="behaviours-field">
            <label htmlFor={fieldId} className="behaviours-field-label">
              {t(label)}
              {name === 'text' ? null : <span className="behaviours-optional"> ({t('behaviours.optional')})</span>}
            </label>
            <textarea
              id={fieldId}
              className="behaviours-field-input"
              rows={name === 'text' ? 2 : 3}
              maxLength={max}
              value={values[name]}
              aria-required={name === 'text' ? true : undefined}
              aria-invalid={name === 'text' && error !== null ? true : undefined}
              aria-describedby={name === 'text' && error ? `${errorId} ${counterId}` : counterId}
              onChange={(event) => setValues((v) => ({ ...v, [name]: event.target.value }))}
            />
            <CharCounter id={counterId} used={used} max={max} label={t('behaviours.charCount', { used, max })} />
          </div>
        );
      })}
      {error ? (
        <p id={errorId} className="behaviours-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="behaviours-form-actions">
        <button type="submit" className="steps-button steps-button--primary">
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="steps-button" onClick={onCancel}>
            {t('behaviours.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
