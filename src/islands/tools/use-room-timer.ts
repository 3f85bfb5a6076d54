/**
 * The room timer as every screen shows it: the shared value from the control
 * document, read against this page's estimate of the server clock, and a
 * re-render exactly when the shown second changes, so all screens tick together.
 */
import { useEffect, useRef, useState } from 'react';
import { formatClock, msUntilNextTick, timerStatus, type TimerStatus } from '../../lib/timer.ts';
import type { TimerValue } from '../../model/schema.ts';
import { useShared } from '../../sync/hooks.ts';
import type { RoomConnection } from '../../sync/room-connection.ts';
import { useServerClock, type ServerClock } from '../../sync/server-clock.ts';

/** Wake a little after the second changes, never just before it (timers may fire early by a ms). */
const TICK_MARGIN_MS = 15;

export type RoomTimer = {
  timer: TimerValue | null;
  status: TimerStatus;
  /** The remaining time as the display shows it (m:ss). */
  clockText: string;
  clock: ServerClock;
  /** False until this page has estimated the server clock: until then the countdown could be off. */
  synced: boolean;
};

export function useRoomTimer(connection: RoomConnection | null, online: boolean): RoomTimer {
  const clock = useServerClock(online);
  const control = connection?.control;
  const timer = useShared([control?.timerMap()], () => control?.timer() ?? null);
  const [, setTick] = useState(0);
  const now = clock.now();
  const delay = msUntilNextTick(timer, now);

  useEffect(() => {
    if (delay === null) return;
    const handle = setTimeout(() => setTick((n) => n + 1), delay + TICK_MARGIN_MS);
    return () => clearTimeout(handle);
  });

  const status = timerStatus(timer, now);
  return { timer, status, clockText: formatClock(status.remainingSeconds), clock, synced: clock.synced };
}

/**
 * Calls `onChange(previous, next)` when the timer's phase changes while this
 * page watches; not for the phase it finds on arrival (a page opened after
 * zero does not announce "time is up"). `seenBefore` is the phase the page
 * already knew before this hook mounted (a display loaded late), if any.
 */
export function usePhaseChange(
  phase: TimerStatus['phase'],
  active: boolean,
  onChange: (previous: TimerStatus['phase'], next: TimerStatus['phase']) => void,
  seenBefore: TimerStatus['phase'] | null = null,
): void {
  const seen = useRef<TimerStatus['phase'] | null>(seenBefore);
  useEffect(() => {
    if (!active) return;
    const previous = seen.current;
    seen.current = phase;
    if (previous !== null && previous !== phase) onChange(previous, phase);
    // onChange is a fresh closure each render; only the phase matters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [phase, active]);
}
