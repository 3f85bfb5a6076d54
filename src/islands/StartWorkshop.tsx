import { useId, useMemo, useRef, useState, type SubmitEvent } from 'react';
import { translator } from '../i18n/index.ts';
import { LOCALE_NAMES, LOCALES, type Locale } from '../model/locale.ts';
import { RecentRooms } from './RecentRooms.tsx';
import { StartFromFile, type StartMode } from './StartFromFile.tsx';
import { startRoom, type StartFailure, type WorkshopCard } from './start-room.ts';

export type { WorkshopCard };

type Props = { locale: Locale; workshops: WorkshopCard[] };

/**
 * The start page's form: pick a workshop and its language, start a room, go to its console.
 * The workshop and language inputs are uncontrolled and read when the form is sent: a choice made
 * on a slow phone before the page has come alive is kept, where a controlled input would be reset
 * to the default when React takes over the server-rendered form.
 */
export function StartWorkshop({ locale, workshops }: Props) {
  const t = useMemo(() => translator(locale), [locale]);
  const ids = { language: useId(), languageHint: useId(), error: useId() };
  const formRef = useRef<HTMLFormElement>(null);
  const [mode, setMode] = useState<StartMode>('empty');
  const fileRef = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<StartFailure | null>(null);

  async function start(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const chosen = new FormData(event.currentTarget);
    const workshop = workshops.find((w) => w.id === chosen.get('workshop'));
    const roomLocale = LOCALES.find((l) => l === chosen.get('language')) ?? locale;
    if (!workshop || busy) return;
    setBusy(true);
    setError(null);
    const file = fileRef.current?.files?.[0] ?? null;
    const failure = await startRoom({ t, pageLocale: locale, workshop, workshops, locale: roomLocale, mode, file });
    // On success the page is already navigating away; stay busy so nobody starts a second room.
    if (failure) {
      setError(failure);
      setBusy(false);
      if (failure.aboutFile) fileRef.current?.focus();
    }
  }

  if (workshops.length === 0) {
    return <p className="notice notice--warning">{t('start.noWorkshops')}</p>;
  }

  return (
    <>
      <form className="start-form card" ref={formRef} onSubmit={start} aria-busy={busy}>
        <fieldset className="workshop-picker">
          <legend className="workshop-picker__legend">{t('start.chooseWorkshop')}</legend>
          <div className="workshop-picker__list">
            {workshops.map((w) => (
              <label key={w.id} className="workshop-card">
                <input
                  className="workshop-card__radio"
                  type="radio"
                  name="workshop"
                  value={w.id}
                  defaultChecked={w.id === workshops[0]?.id}
                />
                <span className="workshop-card__body">
                  <span className="workshop-card__title">{w.title[locale]}</span>
                  <span className="workshop-card__summary">{w.summary[locale]}</span>
                  <span className="workshop-card__meta">
                    <span>{t('start.minutes', { minutes: w.minutes })}</span>
                    <span aria-hidden="true"> · </span>
                    <span>{t(w.steps === 1 ? 'start.steps.one' : 'start.steps.other', { count: w.steps })}</span>
                  </span>
                </span>
                <span className="workshop-card__check" aria-hidden="true" />
              </label>
            ))}
          </div>
        </fieldset>
        <div className="field">
          <label className="field__label" htmlFor={ids.language}>
            {t('start.workshopLanguage')}
          </label>
          <p className="field__hint" id={ids.languageHint}>
            {t('start.workshopLanguageHint')}
          </p>
          <select
            id={ids.language}
            className="field__input field__input--select"
            name="language"
            defaultValue={locale}
            aria-describedby={ids.languageHint}
          >
            {LOCALES.map((l) => (
              <option key={l} value={l} lang={l}>
                {LOCALE_NAMES[l]}
              </option>
            ))}
          </select>
        </div>
        <StartFromFile
          t={t}
          mode={mode}
          onMode={(next) => {
            setMode(next);
            setError(null);
          }}
          fileRef={fileRef}
          fileErrorId={error?.aboutFile ? ids.error : null}
        />
        {error ? (
          <div className="notice notice--error" role="alert" id={ids.error}>
            <p>{error.message}</p>
            {error.switchTo ? (
              <p>
                <button
                  type="button"
                  className="btn btn--secondary"
                  onClick={() => {
                    const choice = formRef.current?.elements.namedItem('workshop');
                    if (choice instanceof RadioNodeList && error.switchTo) choice.value = error.switchTo.id;
                    setError(null);
                  }}
                >
                  {t('start.import.switchWorkshop', { workshop: error.switchTo.title[locale] })}
                </button>
              </p>
            ) : null}
          </div>
        ) : null}
        <div className="actions">
          <button type="submit" className="btn btn--primary btn--large" disabled={busy}>
            {busy ? t('start.submitting') : t('start.submit')}
            {busy ? null : <span aria-hidden="true"> →</span>}
          </button>
        </div>
      </form>
      <RecentRooms t={t} locale={locale} />
    </>
  );
}
