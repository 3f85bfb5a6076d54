import { useId, useState } from 'react';
import type { Translate } from '../../i18n/index.ts';
import type { RoomId } from '../../model/ids.ts';
import type { Locale } from '../../model/locale.ts';
import type { SeatSummary } from '../../model/protocol.ts';
import { useShared, type PresentPerson } from '../../sync/hooks.ts';
import type { RoomConnection } from '../../sync/room-connection.ts';
import { announce } from '../announce.ts';
import { useSeatList } from './use-seat-list.ts';

type Props = {
  t: Translate;
  locale: Locale;
  room: RoomId;
  facilitatorKey: string;
  connection: RoomConnection;
  people: readonly PresentPerson[];
  enabled: boolean;
  headingId: string;
};

/**
 * The room's door and its seats, for the facilitator: once everyone is in,
 * close the room to new people; a seat nobody recognises (someone taking many
 * to weigh a vote) is removed, and its ballots stop counting.
 */
export function SeatsPanel({ t, locale, room, facilitatorKey, connection, people, enabled, headingId }: Props) {
  const control = connection.control;
  const closed = useShared([control.stateMap()], () => control.seatsClosed());
  const [open, setOpen] = useState(false);
  const seats = useSeatList(room, facilitatorKey, open);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const listId = useId();
  const own = new Set(people.filter((p) => p.role === 'facilitator').map((p) => p.id));
  const nameOf = (seat: string) => {
    const person = people.find((p) => p.id === seat && p.role !== 'projector');
    if (person?.role === 'facilitator') return t('seats.you');
    return person ? (person.name ?? t('tools.guest')) : t('seats.notHere');
  };

  function toggleDoor() {
    control.setSeatsClosed(!closed);
    announce(closed ? t('seats.doorOpened') : t('seats.doorClosed'));
  }

  async function remove(seat: SeatSummary) {
    const name = nameOf(seat.seat);
    setConfirming(null);
    try {
      await seats.remove(seat.seat);
      setFailed(false);
      announce(t('seats.removed', { name }));
    } catch {
      setFailed(true);
    }
  }

  const list = seats.list?.seats ?? [];
  const online = list.filter((s) => s.online).length;
  return (
    <section className="panel seats" aria-labelledby={headingId}>
      <h2 id={headingId} className="panel__title">
        {t('seats.title')}
      </h2>
      <p className="seats__door" data-closed={closed}>
        <span aria-hidden="true">{closed ? '🔒 ' : '🔓 '}</span>
        {closed ? t('seats.closedNow') : t('seats.openNow')}
      </p>
      <div className="seats__actions">
        <button type="button" className="btn btn--secondary" disabled={!enabled} onClick={toggleDoor}>
          {closed ? t('seats.open') : t('seats.close')}
        </button>
        <button
          type="button"
          className="btn btn--link"
          aria-expanded={open}
          aria-controls={listId}
          onClick={() => setOpen(!open)}
        >
          {open ? t('seats.hide') : t('seats.show')}
        </button>
      </div>
      <div id={listId} hidden={!open}>
        {seats.list ? <p className="seats__count">{t('seats.count', { count: list.length, online })}</p> : null}
        {seats.failed || failed ? (
          <p className="notice notice--error" role="alert">
            {t('seats.failed')}
          </p>
        ) : null}
        <ul className="seats__list">
          {list.map((seat) => {
            const name = nameOf(seat.seat);
            const joined = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(
              seat.joinedAt,
            );
            return (
              <li key={seat.seat} className="seats__seat">
                <span className="seats__name">{name}</span>
                <span className="seats__meta">
                  {t('seats.joined', { time: joined })} · {seat.online ? t('seats.online') : t('seats.offline')}
                </span>
                {own.has(seat.seat) ? null : confirming === seat.seat ? (
                  <span className="seats__confirm" role="group" aria-label={t('seats.removeNamed', { name })}>
                    <span>{t('seats.confirm', { name })}</span>
                    <button type="button" className="btn btn--danger" onClick={() => void remove(seat)}>
                      {t('seats.confirmYes')}
                    </button>
                    <button type="button" className="btn btn--link" onClick={() => setConfirming(null)}>
                      {t('seats.cancel')}
                    </button>
                  </span>
                ) : (
                  <button
                    type="button"
                    className="btn btn--link"
                    aria-label={t('seats.removeNamed', { name })}
                    disabled={!enabled}
                    onClick={() => setConfirming(seat.seat)}
                  >
                    {t('seats.remove')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      </div>
    </section>
  );
}
