import { useEffect, useMemo, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { translatorFrom, type Catalog } from '../i18n/translate.ts';
import { parseDistance, wallScale, type WallScale } from '../lib/wall-scale.ts';
import { usePresence } from '../sync/hooks.ts';
import { ConnectionBadge } from './ConnectionBadge.tsx';
import { RoomBar, Waiting } from './RoomBar.tsx';
import { countText, rememberThisRoom, useIdentity, useRoomSession, type RoomViewProps } from './room-view.ts';
import { StepStage } from './steps/StepStage.tsx';
import { TimerDisplay } from './tools/TimerDisplay.tsx';
import { useScreenWakeLock } from './wall/use-wake-lock.ts';
import { useWallFit } from './wall/use-wall-fit.ts';
import { WallJoin } from './wall/WallJoin.tsx';
import { WallDone } from './wall/WallDone.tsx';
import { WallSpotlight } from './wall/WallSpotlight.tsx';
import { useSpotlightItem } from './spotlight/use-spotlight.ts';

type Props = RoomViewProps & {
  /** The room language's texts, handed over by the page: the wall loads no other language. */
  messages: Catalog;
  participantUrl: string;
  /** The room's join code, typed at `joinBase` instead of the link. */
  joinCode: string | null;
  joinBase: string;
  /** The join QR code, rendered on the server (an Astro slot). */
  qr?: ReactNode;
};

/**
 * The wall: how to join, and the step the facilitator is on, in type big enough
 * for the back row. No controls, never a scroll: the board is fitted to the
 * screen (src/islands/wall), and the title, the instruction and the join panel
 * step back once contributions arrive.
 */
export function ProjectorView(props: Props) {
  const { room, workshop, locale, renderedBodies, participantUrl, qr, messages } = props;
  const t = useMemo(() => translatorFrom(messages), [messages]);
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
  const scale = useWallScale();
  const box = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  // A contribution in the spotlight takes the board's place, in larger type than any board.
  const found = useSpotlightItem(connection, workshop);
  const spotlight = ready && found?.stepId === step.id ? found : null;
  const fitScale = useMemo(() => (spotlight ? { ...scale, maxPx: scale.spotlightMaxPx } : scale), [spotlight, scale]);
  const fitKey = !ready ? '' : spotlight ? `${step.id}/${spotlight.kind}/${spotlight.itemId}` : step.id;
  const fit = useWallFit(box, content, fitScale, fitKey);
  const busy = fit.filled || spotlight !== null;
  const more = fit.total - fit.shown;

  useEffect(() => {
    rememberThisRoom(props);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [room]);
  useScreenWakeLock();

  const style = { '--wall-min': `${scale.minPx}px` } as CSSProperties;
  return (
    <div className={`room room--projector projector${busy ? ' projector--busy' : ''}`} style={style}>
      <RoomBar t={t} title={workshop.title[locale]} homeLink={false}>
        <p className="projector__count">
          {countText(t, participants, 'presence.participants.one', 'presence.participants.other')}
        </p>
        <ConnectionBadge t={t} status={status} connection={connection} />
      </RoomBar>
      <main id="main" tabIndex={-1} className="projector__main">
        <article className="projector__step" data-kind={ready ? step.kind : undefined} aria-labelledby="step-title">
          <header className="projector__header">
            {ready && connection ? (
              <div className="tools-topline">
                <p className="projector__eyebrow">
                  {t('room.stepOf', { current: index + 1, total: workshop.steps.length })}
                </p>
                <TimerDisplay t={t} connection={connection} online={status === 'online'} variant="projector" />
                <WallDone t={t} connection={connection} step={step} people={people} />
              </div>
            ) : null}
            <h1 id="step-title" className="projector__title">
              {ready ? step.title[locale] : workshop.title[locale]}
            </h1>
            {ready ? <p className="projector__instruction">{step.instruction[locale]}</p> : null}
          </header>
          <div className="projector__stage" ref={box}>
            <div className="projector__fit" ref={content}>
              {spotlight ? (
                <WallSpotlight t={t} item={spotlight} />
              ) : ready && connection && identity ? (
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
              ) : status === 'refused' ? (
                <p className="projector__instruction">{t('room.unknownRoomHint')}</p>
              ) : (
                <Waiting text={t('room.waiting')} />
              )}
            </div>
          </div>
          {more > 0 ? (
            <p className="projector__more" data-wall-more={more}>
              {t('projector.more', { count: more })}
            </p>
          ) : null}
        </article>
        <WallJoin
          t={t}
          participantUrl={participantUrl}
          joinCode={props.joinCode}
          joinBase={props.joinBase}
          qr={qr}
          compact={busy}
        />
      </main>
    </div>
  );
}

/** The type range for this screen; `?distance=<metres>` to the back row raises the minimum (1/200 rule). */
function useWallScale(): WallScale {
  const [scale, setScale] = useState<WallScale>(() => wallScale(1080));
  useEffect(() => {
    const distance = parseDistance(new URLSearchParams(location.search).get('distance'));
    const update = () =>
      setScale((previous) => {
        const next = wallScale(window.innerHeight, distance);
        const same =
          previous.minPx === next.minPx &&
          previous.maxPx === next.maxPx &&
          previous.spotlightMaxPx === next.spotlightMaxPx;
        return same ? previous : next;
      });
    update();
    window.addEventListener('resize', update);
    return () => window.removeEventListener('resize', update);
  }, []);
  return scale;
}
