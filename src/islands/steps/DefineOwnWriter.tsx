import { useEffect, useId, useRef, useState } from 'react';
import type { Translate } from '../../i18n/index.ts';
import { TEXT_LIMITS } from '../../model/schema.ts';
import { CharCounter } from './CharCounter.tsx';
import { ICONS } from './icons.ts';
import type { OwnDefinitionHandle } from './use-own-definition.ts';

type Props = {
  term: string;
  own: OwnDefinitionHandle;
  locked: boolean;
  t: Translate;
};

/** Typing is kept in the seat after this pause (and on leaving the field): fewer, larger writes. */
const KEEP_AFTER_MS = 400;

/** Before the reveal: the participant's own definition, kept in private in the seat's own document. */
export function DefineOwnWriter({ term, own, locked, t }: Props) {
  const fieldId = useId();
  const bannerId = useId();
  const counterId = useId();
  // The field holds the text itself, so nothing typed is lost on screen while it waits to be kept.
  const [text, setText] = useState(own.stored);
  const pending = useRef<{ text: string; timer: ReturnType<typeof setTimeout> } | null>(null);
  // The latest handle: a timer or the unmount may fire after the reveal changed where text is kept.
  const latest = useRef(own);
  latest.current = own;
  const keepNow = () => {
    if (!pending.current) return;
    clearTimeout(pending.current.timer);
    latest.current.keep(pending.current.text);
    pending.current = null;
  };
  const keepSoon = (value: string) => {
    if (pending.current) clearTimeout(pending.current.timer);
    pending.current = { text: value, timer: setTimeout(keepNow, KEEP_AFTER_MS) };
  };
  useEffect(() => {
    // Another device of this seat changed it: follow, unless this one has typing not yet kept.
    if (!pending.current && !own.storageFailed) setText(own.stored);
  }, [own.stored, own.storageFailed]);
  // Leaving the step (e.g. the reveal) keeps what was typed last.
  useEffect(() => () => keepNow(), []);

  return (
    <div className="define-own">
      <p id={bannerId} className="define-private">
        <span aria-hidden="true">{ICONS.private}</span> {t('define.privateBanner')}
      </p>
      <label htmlFor={fieldId} className="define-own-label">
        {t('define.ownLabel', { term })}
      </label>
      <textarea
        id={fieldId}
        className="define-own-field"
        rows={4}
        maxLength={TEXT_LIMITS.definition}
        value={text}
        readOnly={locked}
        aria-describedby={`${bannerId} ${counterId}`}
        onChange={(event) => {
          setText(event.target.value);
          keepSoon(event.target.value);
        }}
        onBlur={keepNow}
        spellCheck
      />
      <div className="define-own-row">
        <span className="define-own-kept">{locked ? t('define.lockedOwn') : t('define.keptHere')}</span>
        <CharCounter
          id={counterId}
          used={text.length}
          max={TEXT_LIMITS.definition}
          label={t('define.charCount', { used: text.length, max: TEXT_LIMITS.definition })}
        />
      </div>
      {own.storageFailed ? (
        <p className="define-error" role="alert">
          {t('define.storageFailed')}
        </p>
      ) : null}
    </div>
  );
}
