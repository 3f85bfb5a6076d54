import { useEffect, useId } from 'react';
import type { Translate } from '../../i18n/index.ts';
import type { TimerPhase } from '../../lib/timer.ts';
import type { RoomConnection } from '../../sync/room-connection.ts';
import { announce } from '../announce.ts';
import { playTimeUpChime, unlockSoundOnFirstGesture } from './time-up-sound.ts';
import { usePhaseChange, useRoomTimer } from './use-room-timer.ts';

type Props = {
  t: Translate;
  connection: RoomConnection | null;
  online: boolean;
  /** Large on the wall (with a chime at zero), small on a phone. */
  variant: 'projector' | 'participant';
  /** The phase this page knew before the display loaded (see LateTimerDisplay); null: the one it finds is not news. */
  seenBefore?: TimerPhase | null;
};

/**
 * The room timer for the projector and participants: shown once the
 * facilitator starts it, in server time so every screen shows the same second.
 * Zero is told in words ("Time is up"), and announced politely.
 */
export function TimerDisplay({ t, connection, online, variant, seenBefore = null }: Props) {
  const { status, clockText, synced } = useRoomTimer(connection, online);
  const labelId = useId();

  useEffect(() => (variant === 'projector' ? unlockSoundOnFirstGesture() : undefined), [variant]);
  usePhaseChange(status.phase, synced, (previous, next) => {
    if (next === 'done') {
      announce(t('tools.timer.announceDone'));
      if (variant === 'projector' && previous === 'running') playTimeUpChime();
    } else if (next === 'running') {
      announce(t('tools.timer.announceStarted', { time: clockText }));
    } else if (next === 'paused') {
      announce(t('tools.timer.announcePaused', { time: clockText }));
    }
  }, seenBefore);

  // Until this page knows the server's clock the countdown could be off: show nothing rather than a wrong second.
  if (!synced || status.phase === 'unset' || status.phase === 'ready') return null;
  const done = status.phase === 'done';
  return (
    <div className={`room-timer room-timer--${variant}`} data-phase={status.phase}>
      <span id={labelId} className="room-timer__label">
        {done ? (
          <>
            <span aria-hidden="true">⚑ </span>
            {t('tools.timer.done')}
          </>
        ) : (
          t('tools.timer.timeLeft')
        )}
      </span>
      <span role="timer" aria-labelledby={labelId} className="room-timer__clock">
        {clockText}
      </span>
      {status.phase === 'paused' ? (
        <span className="room-timer__state">
          <span aria-hidden="true">‖ </span>
          {t('tools.timer.paused')}
        </span>
      ) : null}
    </div>
  );
}
