import { useEffect, useId, useState } from 'react';
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

/** Before the reveal: the participant's own definition, written in private on this device. */
export function DefineOwnWriter({ term, own, locked, t }: Props) {
  const fieldId = useId();
  const bannerId = useId();
  const counterId = useId();
  // The field holds the text itself, so a device that refuses to store it loses nothing on screen.
  const [text, setText] = useState(own.stored);
  useEffect(() => {
    // Another tab of this device changed it: follow, unless this tab holds text the device would not keep.
    if (!own.storageFailed) setText(own.stored);
  }, [own.stored, own.storageFailed]);

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
          own.keep(event.target.value);
        }}
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
