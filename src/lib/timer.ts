/**
 * The room timer as pure state changes. Every time here is the server's clock
 * (ms since epoch): each screen passes its estimate of the server's "now", so
 * a console, a projector and a phone with different clocks show the same second.
 */
import type { TimerValue } from '../model/schema.ts';

export const MS_PER_SECOND = 1000;
export const MS_PER_MINUTE = 60_000;
/** The longest a timer can run (the document schema refuses more). */
export const MAX_TIMER_MS = 24 * 60 * MS_PER_MINUTE;
/** What "add a minute" adds. */
export const ADD_STEP_MS = MS_PER_MINUTE;

/**
 * - `unset`: no duration yet;
 * - `ready`: set (or reset), not started: the room's screens show nothing yet;
 * - `running`: counting down;
 * - `paused`: stopped part-way;
 * - `done`: reached zero.
 */
export type TimerPhase = 'unset' | 'ready' | 'running' | 'paused' | 'done';

export type TimerStatus = {
  phase: TimerPhase;
  /** What is left, never below zero. */
  remainingMs: number;
  /** Whole seconds left as the display shows them: rounded up, so 0 appears only at zero. */
  remainingSeconds: number;
};

const clampMs = (ms: number) => Math.min(MAX_TIMER_MS, Math.max(0, Math.round(ms)));

/** A timer of `minutes`, not running. Fractions of a minute are kept to the second. */
export function setTimer(minutes: number): TimerValue {
  if (!Number.isFinite(minutes) || minutes <= 0) throw new RangeError('A timer needs a positive number of minutes.');
  const durationMs = clampMs(Math.round(minutes * 60) * MS_PER_SECOND);
  return { durationMs, endsAt: null, remainingMs: durationMs };
}

export function timerStatus(timer: TimerValue | null, serverNow: number): TimerStatus {
  if (!timer || timer.durationMs === 0) return { phase: 'unset', remainingMs: 0, remainingSeconds: 0 };
  const remainingMs = timer.endsAt === null ? timer.remainingMs : Math.max(0, timer.endsAt - serverNow);
  const remainingSeconds = Math.ceil(remainingMs / MS_PER_SECOND);
  let phase: TimerPhase;
  if (remainingMs === 0) phase = 'done';
  else if (timer.endsAt !== null) phase = 'running';
  else phase = timer.remainingMs === timer.durationMs ? 'ready' : 'paused';
  return { phase, remainingMs, remainingSeconds };
}

/** Starts (or resumes) the countdown from what is left; a finished timer is unchanged. */
export function startTimer(timer: TimerValue, serverNow: number): TimerValue {
  if (timer.endsAt !== null || timer.remainingMs === 0) return timer;
  return { ...timer, endsAt: Math.round(serverNow) + timer.remainingMs };
}

/** Stops the countdown, keeping what is left (zero when it has run out). */
export function pauseTimer(timer: TimerValue, serverNow: number): TimerValue {
  if (timer.endsAt === null) return timer;
  return { ...timer, endsAt: null, remainingMs: clampMs(timer.endsAt - serverNow) };
}

/**
 * One more minute. Running: a minute later than planned, or a minute from now
 * when time was already up (so the room gets a whole minute, not what is left
 * of one). Paused or ready: a minute more is left. The set duration stays, so
 * reset still goes back to it.
 */
export function addMinute(timer: TimerValue, serverNow: number): TimerValue {
  if (timer.endsAt !== null) {
    const from = Math.max(timer.endsAt, Math.round(serverNow));
    const endsAt = Math.min(from + ADD_STEP_MS, Math.round(serverNow) + MAX_TIMER_MS);
    return { ...timer, endsAt };
  }
  return { ...timer, remainingMs: clampMs(timer.remainingMs + ADD_STEP_MS) };
}

/** Back to the set duration, not running. */
export function resetTimer(timer: TimerValue): TimerValue {
  return { durationMs: timer.durationMs, endsAt: null, remainingMs: timer.durationMs };
}

/** How long until the shown second changes: screens re-render then, all at the same moment. */
export function msUntilNextTick(timer: TimerValue | null, serverNow: number): number | null {
  if (!timer || timer.endsAt === null) return null;
  const left = timer.endsAt - serverNow;
  if (left <= 0) return null;
  const intoSecond = left % MS_PER_SECOND;
  return intoSecond === 0 ? MS_PER_SECOND : intoSecond;
}

/** `m:ss`, or `h:mm:ss` from an hour on. */
export function formatClock(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
