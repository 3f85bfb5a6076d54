import { useId, type RefObject } from 'react';
import type { Translate } from '../i18n/index.ts';

/** How a new room starts: empty, continuing an exported room, or with results of an earlier workshop. */
export type StartMode = 'empty' | 'import' | 'carryFrom';

type Props = {
  t: Translate;
  mode: StartMode;
  onMode: (mode: StartMode) => void;
  /** The file input, so the form can read the chosen file and move focus to it. */
  fileRef: RefObject<HTMLInputElement | null>;
  /** Set when the file is the problem: the input is marked invalid and described by the error. */
  fileErrorId: string | null;
};

const OPTIONS: { mode: StartMode; label: 'start.import.none' | 'start.import.continue' | 'start.import.carry' }[] = [
  { mode: 'empty', label: 'start.import.none' },
  { mode: 'import', label: 'start.import.continue' },
  { mode: 'carryFrom', label: 'start.import.carry' },
];

const HINTS: Partial<Record<StartMode, 'start.import.continueHint' | 'start.import.carryHint'>> = {
  import: 'start.import.continueHint',
  carryFrom: 'start.import.carryHint',
};

/**
 * The start form's choice of starting from a file: the JSON download of an
 * earlier room, to continue it or to bring its results into the chosen workshop.
 */
export function StartFromFile({ t, mode, onMode, fileRef, fileErrorId }: Props) {
  const ids = { lead: useId(), file: useId(), fileHint: useId(), name: useId() };
  const download = t('export.format.json');
  const hint = HINTS[mode];
  return (
    <fieldset className="start-from" aria-describedby={ids.lead}>
      <legend className="start-from__legend">{t('start.import.legend')}</legend>
      <p className="field__hint" id={ids.lead}>
        {t('start.import.lead', { download })}
      </p>
      <div className="start-from__options">
        {OPTIONS.map((option) => (
          <label key={option.mode} className="start-from__option">
            <input
              type="radio"
              name={ids.name}
              value={option.mode}
              checked={mode === option.mode}
              onChange={() => onMode(option.mode)}
            />
            <span>{t(option.label)}</span>
          </label>
        ))}
      </div>
      {mode === 'empty' ? null : (
        <div className="field start-from__file">
          <label className="field__label" htmlFor={ids.file}>
            {t('start.import.file')}
          </label>
          {hint ? (
            <p className="field__hint" id={ids.fileHint}>
              {t(hint)}
            </p>
          ) : null}
          <input
            ref={fileRef}
            id={ids.file}
            className="field__input start-from__input"
            type="file"
            accept=".json,application/json"
            aria-describedby={[hint ? ids.fileHint : null, fileErrorId].filter(Boolean).join(' ') || undefined}
            aria-invalid={fileErrorId ? true : undefined}
          />
        </div>
      )}
    </fieldset>
  );
}
