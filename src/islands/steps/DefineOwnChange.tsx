import { useId, useRef, useState, type SubmitEvent } from 'react';
import type { Translate } from '../../i18n/index.ts';
import { TEXT_LIMITS } from '../../model/schema.ts';
import { announce } from '../announce.ts';
import { CharCounter } from './CharCounter.tsx';
import type { OwnDefinitionHandle } from './use-own-definition.ts';

type Props = { term: string; own: OwnDefinitionHandle; t: Translate };

/**
 * After the reveal: add or change one's own definition, on the board directly
 * (the rule table lets its author change it there).
 */
export function DefineOwnChange({ term, own, t }: Props) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const toggle = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const fieldId = useId();
  const hintId = useId();
  const counterId = useId();

  const start = () => {
    setText(own.published?.text ?? own.stored);
    setOpen(true);
  };
  const close = () => {
    setOpen(false);
    toggle.current?.focus();
  };
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!text.trim()) return;
    // When it cannot be kept, the form stays open with the text.
    if (own.keep(text)) {
      announce(t('define.ownShared'));
      close();
    }
  };

  return (
    <div className="define-change">
      <button
        ref={toggle}
        type="button"
        className="steps-button"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={open ? close : start}
      >
        {own.published ? t('define.changeOwn') : t('define.addOwn')}
      </button>
      {open ? (
        <form id={panelId} className="define-change-form" onSubmit={submit}>
          <label htmlFor={fieldId} className="define-own-label">
            {t('define.ownLabel', { term })}
          </label>
          <textarea
            id={fieldId}
            className="define-own-field"
            rows={3}
            maxLength={TEXT_LIMITS.definition}
            value={text}
            onChange={(event) => setText(event.target.value)}
            aria-describedby={`${hintId} ${counterId}`}
            // Opened on request, to type in it.
            autoFocus
          />
          <p id={hintId} className="define-change-hint">
            {t('define.sharedHint')}
          </p>
          <CharCounter
            id={counterId}
            used={text.length}
            max={TEXT_LIMITS.definition}
            label={t('define.charCount', { used: text.length, max: TEXT_LIMITS.definition })}
          />
          {own.storageFailed ? (
            <p className="define-error" role="alert">
              {t('define.storageFailed')}
            </p>
          ) : null}
          <div className="define-change-actions">
            <button type="submit" className="steps-button steps-button--primary" disabled={!text.trim()}>
              {t('define.shareOwn')}
            </button>
            <button type="button" className="steps-button" onClick={close}>
              {t('define.cancel')}
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
