import { describe, expect, it } from 'vitest';
import {
  addMinute,
  formatClock,
  MAX_TIMER_MS,
  msUntilNextTick,
  pauseTimer,
  resetTimer,
  setTimer,
  startTimer,
  timerStatus,
} from '../../../src/lib/timer.ts';
import { timerValue } from '../../../src/model/schema.ts';

const T0 = 1_800_000_000_000;
const MIN = 60_000;

describe('timer: set and start', () => {
  it('a set timer is ready with the whole duration and does not count', () => {
    const timer = setTimer(5);
    expect(timer).toEqual({ durationMs: 5 * MIN, endsAt: null, remainingMs: 5 * MIN });
    expect(timerStatus(timer, T0)).toEqual({ phase: 'ready', remainingMs: 5 * MIN, remainingSeconds: 300 });
    expect(timerStatus(timer, T0 + 10 * MIN).remainingMs).toBe(5 * MIN);
  });

  it('refuses a duration that is not a positive number', () => {
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => setTimer(bad)).toThrow(RangeError);
  });

  it('caps a huge duration at the schema limit', () => {
    const timer = setTimer(100_000);
    expect(timer.durationMs).toBe(MAX_TIMER_MS);
    expect(timerValue.safeParse(timer).success).toBe(true);
  });

  it('runs down against the server time it is given', () => {
    const running = startTimer(setTimer(2), T0);
    expect(running.endsAt).toBe(T0 + 2 * MIN);
    expect(timerStatus(running, T0 + 30_000)).toEqual({ phase: 'running', remainingMs: 90_000, remainingSeconds: 90 });
    // Rounded up: 89.001 s left still shows 90, so 0 appears only at zero.
    expect(timerStatus(running, T0 + 30_999).remainingSeconds).toBe(90);
    expect(timerStatus(running, T0 + 31_000).remainingSeconds).toBe(89);
  });

  it('starting a running timer again changes nothing', () => {
    const running = startTimer(setTimer(2), T0);
    expect(startTimer(running, T0 + 5_000)).toBe(running);
  });

  it('without a timer, or with a zero duration, the phase is unset', () => {
    expect(timerStatus(null, T0).phase).toBe('unset');
    expect(timerStatus({ durationMs: 0, endsAt: null, remainingMs: 0 }, T0).phase).toBe('unset');
  });
});

describe('timer: pause and resume', () => {
  it('pausing keeps what is left, and resuming continues from there', () => {
    const running = startTimer(setTimer(3), T0);
    const paused = pauseTimer(running, T0 + 40_000);
    expect(paused).toEqual({ durationMs: 3 * MIN, endsAt: null, remainingMs: 140_000 });
    expect(timerStatus(paused, T0 + 10 * MIN)).toMatchObject({ phase: 'paused', remainingMs: 140_000 });
    const resumed = startTimer(paused, T0 + 5 * MIN);
    expect(resumed.endsAt).toBe(T0 + 5 * MIN + 140_000);
    expect(timerStatus(resumed, T0 + 5 * MIN + 40_000).remainingSeconds).toBe(100);
  });

  it('pausing a timer that is not running changes nothing', () => {
    const ready = setTimer(1);
    expect(pauseTimer(ready, T0)).toBe(ready);
  });

  it('pausing after zero keeps zero, never a negative time', () => {
    const paused = pauseTimer(startTimer(setTimer(1), T0), T0 + 5 * MIN);
    expect(paused.remainingMs).toBe(0);
    expect(timerStatus(paused, T0).phase).toBe('done');
    // A finished timer does not start again without a reset or another minute.
    expect(startTimer(paused, T0)).toBe(paused);
  });
});

describe('timer: zero', () => {
  it('clamps at zero and says the time is up', () => {
    const running = startTimer(setTimer(1), T0);
    expect(timerStatus(running, T0 + MIN)).toEqual({ phase: 'done', remainingMs: 0, remainingSeconds: 0 });
    expect(timerStatus(running, T0 + 7 * MIN)).toEqual({ phase: 'done', remainingMs: 0, remainingSeconds: 0 });
  });
});

describe('timer: add a minute', () => {
  it('while running, ends a minute later', () => {
    const running = startTimer(setTimer(2), T0);
    const longer = addMinute(running, T0 + 30_000);
    expect(longer.endsAt).toBe(T0 + 3 * MIN);
    expect(timerStatus(longer, T0 + 30_000).remainingSeconds).toBe(150);
    // The set duration stays, so reset still goes back to it.
    expect(longer.durationMs).toBe(2 * MIN);
  });

  it('after zero, gives a whole minute from now', () => {
    const running = startTimer(setTimer(1), T0);
    const now = T0 + 4 * MIN;
    const again = addMinute(running, now);
    expect(again.endsAt).toBe(now + MIN);
    expect(timerStatus(again, now).phase).toBe('running');
  });

  it('while paused or ready, adds to what is left', () => {
    const paused = pauseTimer(startTimer(setTimer(2), T0), T0 + 90_000);
    expect(addMinute(paused, T0).remainingMs).toBe(90_000);
    expect(addMinute(setTimer(2), T0).remainingMs).toBe(3 * MIN);
  });

  it('never goes past the limit', () => {
    const full = setTimer(24 * 60);
    expect(addMinute(full, T0).remainingMs).toBe(MAX_TIMER_MS);
    const running = startTimer(full, T0);
    expect(addMinute(running, T0).endsAt).toBe(T0 + MAX_TIMER_MS);
  });
});

describe('timer: reset, ticks and format', () => {
  it('reset goes back to the set duration, stopped', () => {
    const running = addMinute(startTimer(setTimer(4), T0), T0);
    expect(resetTimer(running)).toEqual({ durationMs: 4 * MIN, endsAt: null, remainingMs: 4 * MIN });
  });

  it('the next tick comes when the shown second changes', () => {
    const running = startTimer(setTimer(1), T0);
    expect(msUntilNextTick(running, T0)).toBe(1000);
    expect(msUntilNextTick(running, T0 + 250)).toBe(750);
    expect(msUntilNextTick(running, T0 + MIN)).toBeNull();
    expect(msUntilNextTick(setTimer(1), T0)).toBeNull();
  });

  it('formats minutes and seconds, and hours when needed', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(9)).toBe('0:09');
    expect(formatClock(300)).toBe('5:00');
    expect(formatClock(3_725)).toBe('1:02:05');
    expect(formatClock(-5)).toBe('0:00');
  });
});
