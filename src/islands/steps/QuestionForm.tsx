import { useId, useState, type SubmitEvent } from 'react';
import type { Translate } from '../../i18n/index.ts';
import type { Locale } from '../../model/locale.ts';
import type { QuestionFields } from '../../model/questions.ts';
import { TEXT_LIMITS } from '../../model/schema.ts';
import type { StepOf } from '../../model/workshop.ts';
import { CharCounter } from './CharCounter.tsx';

type Props = {
  step: StepOf<'questions'>;
  locale: Locale;
  title: string;
  submitLabel: string;
  initial?: QuestionFields;
  /** Saves; returns an error message to show, or null when saved. */
  onSubmit: (fields: QuestionFields) => string | null;
  onCancel?: () => void;
  resetOnSave?: boolean;
  t: Translate;
};

/** A question with its attributes: open or closed, when to ask it, what the answer is used for. */
export function QuestionForm({ step, locale, title, submitLabel, initial, onSubmit, onCancel, resetOnSave, t }: Props) {
  const empty: QuestionFields = { text: '', type: 'open', moment: step.moments[0]?.id ?? '', purpose: '' };
  const [values, setValues] = useState<QuestionFields>(initial ?? empty);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const set = <K extends keyof QuestionFields>(key: K, value: QuestionFields[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problem = onSubmit(values);
    setError(problem);
    // Keep the moment and type for the next question: people often write several for one moment.
    if (!problem && resetOnSave) setValues((v) => ({ ...v, text: '', purpose: '' }));
  };

  return (
    <form className="questions-form" aria-labelledby={`${id}-title`} onSubmit={submit}>
      <h3 id={`${id}-title`} className="questions-form-title">
        {title}
      </h3>
      <div className="questions-field">
        <label htmlFor={`${id}-text`}>{t('questions.textLabel')}</label>
        <textarea
          id={`${id}-text`}
          rows={2}
          maxLength={TEXT_LIMITS.question}
          value={values.text}
          aria-describedby={`${id}-text-count`}
          onChange={(e) => set('text', e.target.value)}
        />
        <CharCounter
          id={`${id}-text-count`}
          used={values.text.length}
          max={TEXT_LIMITS.question}
          label={t('questions.charCount', { used: values.text.length, max: TEXT_LIMITS.question })}
        />
      </div>
      <fieldset className="questions-type">
        <legend>{t('questions.typeLabel')}</legend>
        {(['open', 'closed'] as const).map((type) => (
          <label key={type} className="questions-radio">
            <input
              type="radio"
              name={`${id}-type`}
              value={type}
              checked={values.type === type}
              onChange={() => set('type', type)}
            />{' '}
            {t(type === 'open' ? 'questions.typeOpenHelp' : 'questions.typeClosedHelp')}
          </label>
        ))}
      </fieldset>
      <div className="questions-field">
        <label htmlFor={`${id}-moment`}>{t('questions.momentLabel')}</label>
        <select id={`${id}-moment`} value={values.moment} onChange={(e) => set('moment', e.target.value)}>
          {step.moments.map((m) => (
            <option key={m.id} value={m.id}>
              {m.label[locale]}
            </option>
          ))}
        </select>
      </div>
      <div className="questions-field">
        <label htmlFor={`${id}-purpose`}>
          {t('questions.purposeLabel')} <span className="questions-optional">({t('questions.optional')})</span>
        </label>
        <textarea
          id={`${id}-purpose`}
          rows={2}
          maxLength={TEXT_LIMITS.questionPurpose}
          value={values.purpose}
          onChange={(e) => set('purpose', e.target.value)}
        />
      </div>
      {error ? (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="questions-form-actions">
        <button type="submit" className="steps-button steps-button--primary" disabled={!values.text.trim()}>
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="steps-button" onClick={onCancel}>
            {t('questions.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}
