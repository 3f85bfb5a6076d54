import { useEffect, useId, useRef, useState } from 'react';
import type { Translate } from '../i18n/index.ts';
import { LOCALE_NAMES, type Locale } from '../model/locale.ts';
import { roomPaths } from '../model/protocol.ts';
import { forgetRoom, loadRecentRooms, type RecentRoom } from '../sync/device.ts';
import { announce } from './announce.ts';

type Props = { t: Translate; locale: Locale };

/** Rooms this browser has opened, newest first, with a way back in. Read after hydration: storage is per device. */
export function RecentRooms({ t, locale }: Props) {
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [rooms, setRooms] = useState<RecentRoom[]>([]);
  useEffect(() => setRooms(loadRecentRooms()), []);

  if (rooms.length === 0) return null;

  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });

  function forget(entry: RecentRoom) {
    forgetRoom(entry.room);
    setRooms(loadRecentRooms());
    // The button is gone with its row: keep focus in the list's neighbourhood rather than losing it to <body>.
    heading.current?.focus();
    announce(t('recent.forgotten', { title: entry.title }));
  }

  return (
    <section className="recent" aria-labelledby={headingId}>
      <h2 className="section-title" id={headingId} ref={heading} tabIndex={-1}>
        {t('recent.title')}
      </h2>
      <p className="section-lead">{t('recent.lead')}</p>
      <ul className="recent__list">
        {rooms.map((entry) => {
          const key = entry.facilitatorKey;
          const titleId = `${headingId}-${entry.room}`;
          return (
            <li key={entry.room} className="recent__item">
              <div className="recent__text">
                <p className="recent__title" id={titleId} lang={entry.locale}>
                  {entry.title}
                </p>
                <p className="recent__meta">
                  <span className="badge" data-kind={key ? 'facilitator' : 'participant'}>
                    {key ? t('recent.asFacilitator') : t('recent.asParticipant')}
                  </span>
                  <span>{t('recent.opened', { date: date.format(entry.openedAt) })}</span>
                  <span lang={entry.locale}>{LOCALE_NAMES[entry.locale]}</span>
                </p>
              </div>
              <div className="recent__actions">
                <a
                  className="btn btn--secondary"
                  aria-describedby={titleId}
                  href={key ? roomPaths.facilitator(entry.room, key) : roomPaths.participant(entry.room)}
                >
                  {key ? t('recent.openConsole') : t('recent.openRoom')}
                </a>
                <button
                  type="button"
                  className="btn btn--ghost"
                  aria-label={t('recent.forgetLabel', { title: entry.title })}
                  onClick={() => forget(entry)}
                >
                  {t('recent.forget')}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
