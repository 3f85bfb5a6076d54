import { useEffect, useMemo, type ReactNode } from 'react';
import { translator } from '../i18n/index.ts';
import { usePresence } from '../sync/hooks.ts';
import { ConnectionBadge } from './ConnectionBadge.tsx';
import { RoomBar, Waiting } from './RoomBar.tsx';
import { countText, rememberThisRoom, useIdentity, useRoomSession, type RoomViewProps } from './room-view.ts';
import { StepStage } from './steps/StepStage.tsx';
import { TimerDisplay } from './tools/TimerDisplay.tsx';

type Props = RoomViewProps & {
  participantUrl: string;
  /** The join QR code, rendered on the server (an Astro slot). */
  qr?: ReactNode;
};

/** The wall: how to join, and the step the facilitator is on, in type big enough for the back row. No controls. */
export function ProjectorView(props: Props) {
  const { room, workshop, locale, renderedBodies, participantUrl, qr } = props;
  const t = useMemo(() => translator(locale), [locale]);
  const { identity } = useIdentity();
  const { connection, status, ready, step, index } = useRoomSession({
    room,
    role: 'projector',
    workshop,
    identity,
    invite: props.invite,
  });
  const people = usePresence(connection?.awareness);
  const participants = people.filter((p) => p.role === 'participant').length;

  useEffect(() => {
    rememberThisRoom(props);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [room]);
  useScreenWakeLock();

  return (
    <div className="room room--projector projector">
      <RoomBar t={t} title={workshop.title[locale]} homeLink={false}>
        <p className="projector__count">
          {countText(t, participants, 'presence.participants.one', 'presence.participants.other')}
        </p>
        <ConnectionBadge t={t} status={status} connection={connection} />
      </RoomBar>
      <main id="main" tabIndex={-1} className="projector__main">
        {ready && connection && identity ? (
          <article className="projector__step" data-kind={step.kind} aria-labelledby="step-title">
            <header className="projector__header">
              <div className="tools-topline">
                <p className="projector__eyebrow">
                  {t('room.stepOf', { current: index + 1, total: workshop.steps.length })}
                </p>
                <TimerDisplay t={t} connection={connection} online={status === 'online'} variant="projector" />
              </div>
              <h1 id="step-title" className="projector__title">
                {step.title[locale]}
              </h1>
              <p className="projector__instruction">{step.instruction[locale]}</p>
            </header>
            <div className="projector__stage">
              <StepStage
                step={step}
                workshop={workshop}
                role="projector"
                connection={connection}
                locale={locale}
                t={t}
                identity={identity}
                renderedBodies={renderedBodies}
              />
            </div>
          </article>
        ) : (
          <div className="projector__step">
            <h1 className="projector__title">{workshop.title[locale]}</h1>
            {status === 'refused' ? (
              <p className="projector__instruction">{t('room.unknownRoomHint')}</p>
            ) : (
              <Waiting text={t('room.waiting')} />
            )}
          </div>
        )}
        <aside className="projector__join" aria-labelledby="join-title">
          <h2 id="join-title" className="projector__join-title">
            {t('projector.joinHeading')}
          </h2>
          {qr}
          <p className="projector__join-text">{t('projector.scan')}</p>
          <p className="projector__link">{shortLink(participantUrl)}</p>
        </aside>
      </main>
    </div>
  );
}

/** The link as people type it: no scheme, with break opportunities after slashes. */
function shortLink(url: string): ReactNode {
  const bare = url.replace(/^https?:\/\//, '');
  const parts = bare.split('/');
  return parts.map((part, i) => (
    <span key={i}>
      {i > 0 ? '/' : ''}
      {part}
      {i < parts.length - 1 ? <wbr /> : null}
    </span>
  ));
}

/**
 * Keeps the wall from going dark mid-workshop where the browser allows it
 * (secure contexts); the lock is dropped when the tab is hidden, so it is taken again on return.
 */
function useScreenWakeLock(): void {
  useEffect(() => {
    if (!('wakeLock' in navigator)) return;
    let lock: WakeLockSentinel | null = null;
    let active = true;
    const request = () => {
      if (document.visibilityState !== 'visible') return;
      navigator.wakeLock
        .request('screen')
        .then((sentinel) => {
          if (active) lock = sentinel;
          else void sentinel.release();
        })
        .catch(() => {
          // Not allowed here (battery saver, insecure origin): the screen may sleep, nothing else changes.
        });
    };
    request();
    document.addEventListener('visibilitychange', request);
    return () => {
      active = false;
      document.removeEventListener('visibilitychange', request);
      void lock?.release();
    };
  }, []);
}
