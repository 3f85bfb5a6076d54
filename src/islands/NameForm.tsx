import { useId, useState, type SubmitEvent } from 'react';
import type { Translate } from '../i18n/index.ts';
import { TEXT_LIMITS } from '../model/schema.ts';

type Props = {
  t: Translate;
  initialName: string | null;
  /** 'welcome' on the first visit (join with or without a name); 'change' later (save or cancel). */
  variant: 'welcome' | 'change';
  onDone: (name: string | null) => void;
  onCancel?: () => void;
};

/** The optional name of a participant. Empty means anonymous. */
export function NameForm({ t, initialName, variant, onDone, onCancel }: Props) {
  const id = useId();
  const [name, setName] = useState(initialName ?? '');

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    onDone(name.trim() || null);
  }

  return (
    <form className={`name-form name-form--${variant}`} onSubmit={submit}>
      <div className="field">
        <label className="field__label" htmlFor={id}>
          {t('name.label')} <span className="field__optional">({t('name.optional')})</span>
        </label>
        <p className="field__hint" id={`${id}-hint`}>
          {t('name.hint')}
        </p>
        <input
          id={id}
          className="field__input"
          type="text"
          name="name"
          autoComplete="nickname"
          maxLength={TEXT_LIMITS.name}
          value={name}
          aria-describedby={`${id}-hint`}
          onChange={(event) => setName(event.target.value)}
          // The field is the point of this form: moving focus there on open is expected.
          autoFocus={variant === 'change'}
        />
      </div>
      <div className="actions">
        <button type="submit" className="btn btn--primary">
          {variant === 'welcome' ? t('name.join') : t('name.save')}
        </button>
        {variant === 'welcome' ? (
          <button type="button" className="btn btn--ghost" onClick={() => onDone(null)}>
            {t('name.joinAnonymously')}
          </button>
        ) : (
          <button type="button" className="btn btn--ghost" onClick={onCancel}>
            {t('name.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
