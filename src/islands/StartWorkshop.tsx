import { useId, useMemo, useState, type SubmitEvent } from 'react';
import { z } from 'zod';
import { translator, type Translate } from '../i18n/index.ts';
import { isFacilitatorKey, isRoomId, type FacilitatorKey, type RoomId } from '../model/ids.ts';
import { LOCALE_NAMES, LOCALES, type Locale } from '../model/locale.ts';
import { roomPaths } from '../model/protocol.ts';
import type { LocalizedText } from '../model/workshop.ts';
import { rememberRoom } from '../sync/device.ts';
import { RecentRooms } from './RecentRooms.tsx';

/** What the start page needs to know of a workshop. */
export type WorkshopCard = {
  id: string;
  title: LocalizedText;
  summary: LocalizedText;
  minutes: number;
  steps: number;
};

type Props = { locale: Locale; workshops: WorkshopCard[] };

/** The answer of POST /api/rooms, checked before it is trusted. */
const createdRoom = z.object({
  room: z.custom<RoomId>(isRoomId),
  facilitatorKey: z.custom<FacilitatorKey>(isFacilitatorKey),
});
const apiError = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/** The start page's form: pick a workshop and its language, start a room, go to its console. */
export function StartWorkshop({ locale, workshops }: Props) {
  const t = useMemo(() => translator(locale), [locale]);
  const ids = { language: useId(), languageHint: useId() };
  const [workshopId, setWorkshopId] = useState(workshops[0]?.id ?? '');
  const [roomLocale, setRoomLocale] = useState<Locale>(locale);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function start(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const workshop = workshops.find((w) => w.id === workshopId);
    if (!workshop || busy) return;
    setBusy(true);
    setError(null);
    const failure = await createRoom(t, workshop, roomLocale);
    // On success the page is already navigating away; stay busy so nobody starts a second room.
    if (failure) {
      setError(failure);
      setBusy(false);
    }
  }

  if (workshops.length === 0) {
    return <p className="notice notice--warning">{t('start.noWorkshops')}</p>;
  }

  return (
    <>
      <form className="start-form card" onSubmit={start} aria-busy={busy}>
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
                  checked={workshopId === w.id}
                  onChange={() => setWorkshopId(w.id)}
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
            value={roomLocale}
            aria-describedby={ids.languageHint}
            onChange={(event) => setRoomLocale(event.target.value as Locale)}
          >
            {LOCALES.map((l) => (
              <option key={l} value={l} lang={l}>
                {LOCALE_NAMES[l]}
              </option>
            ))}
          </select>
        </div>
        {error ? (
          <p className="notice notice--error" role="alert">
            {error}
          </p>
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

/** Starts a room and moves to its console; returns a message to show when that failed. */
async function createRoom(t: Translate, workshop: WorkshopCard, locale: Locale): Promise<string | null> {
  let response: Response;
  try {
    response = await fetch('/api/rooms', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ workshop: workshop.id, locale }),
    });
  } catch {
    return t('start.networkError');
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const parsed = apiError.safeParse(body);
    return t('start.error', { message: parsed.success ? parsed.data.error.message : `HTTP ${response.status}` });
  }
  const parsed = createdRoom.safeParse(body);
  if (!parsed.success) return t('start.unexpectedAnswer');
  const { room, facilitatorKey } = parsed.data;
  rememberRoom({
    room,
    workshop: workshop.id,
    title: workshop.title[locale],
    locale,
    facilitatorKey,
    openedAt: Date.now(),
  });
  // Same origin as this page rather than the answer's facilitatorUrl: that one may use a guessed
  // LAN address, and this device's storage (which now holds the key) belongs to this origin.
  location.assign(roomPaths.facilitator(room, facilitatorKey));
  return null;
}
