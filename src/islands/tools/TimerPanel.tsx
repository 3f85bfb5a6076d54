import { useEffect, useId, useState, type FormEvent } from 'react';
import type { Translate } from '../../i18n/index.ts';
import {
  addMinute,
  MAX_TIMER_MS,
  MS_PER_MINUTE,
  pauseTimer,
  resetTimer,
  setTimer,
  startTimer,
  type TimerPhase,
} from '../../lib/timer.ts';
import type { TimerValue } from '../../model/schema.ts';
import type { RoomConnection } from '../../sync/room-connection.ts';
import { announce } from '../announce.ts';
import { usePhaseChange, useRoomTimer } from './use-room-timer.ts';

const MAX_MINUTES = MAX_TIMER_MS / MS_PER_MINUTE;
/** The preset when a step suggests no time. */
const DEFAULT_MINUTES = 5;

type Props = {
  t: Translate;
  connection: RoomConnection | null;
  online: boolean;
  /** False while the room is not synced or control was refused. */
  enabled: boolean;
  /** The shown step's suggested minutes: the preset, again each time the step changes. */
  suggestedMinutes: number | undefined;
  stepId: string;
  headingId: string;
};

const PHASE_TEXT: Record<TimerPhase, Parameters<Translate>[0]> = {
  unset: 'tools.timer.unset',
  ready: 'tools.timer.ready',
  running: 'tools.timer.running',
  paused: 'tools.timer.paused',
  done: 'tools.timer.done',
};

/** The facilitator's timer: set the minutes, start, pause, resume, add a minute, reset. One timer for the room. */
export function TimerPanel({ t, connection, online, enabled, suggestedMinutes, stepId, headingId }: Props) {
  const { status, clockText, clock, synced } = useRoomTimer(connection, online);
  const [minutes, setMinutes] = useState(String(suggestedMinutes ?? DEFAULT_MINUTES));
  const [invalid, setInvalid] = useState(false);
  const fieldId = useId();
  const hintId = useId();
  const errorId = useId();
  const stateId = useId();

  useEffect(() => {
    setMinutes(String(suggestedMinutes ?? DEFAULT_MINUTES));
    setInvalid(false);
  }, [stepId, suggestedMinutes]);

  usePhaseChange(status.phase, synced, (_previous, next) => {
    if (next === 'done') announce(t('tools.timer.announceDone'));
  });

  const control = connection?.control;
  // Writing needs the server's time: before the clock is known, a start would end at the wrong moment elsewhere.
  const canWrite = enabled && Boolean(control) && synced;
  const { phase } = status;

  /** Reads the minutes field; null (and the error shown) when it is not a whole number in range. */
  const chosenMinutes = (): number | null => {
    const value = Number(minutes.trim());
    const ok = minutes.trim() !== '' && Number.isInteger(value) && value >= 1 && value <= MAX_MINUTES;
    setInvalid(!ok);
    return ok ? value : null;
  };
  const write = (value: TimerValue) => control?.setTimer(value);
  const change = (update: (timer: TimerValue, serverNow: number) => TimerValue) => {
    const current = control?.timer();
    if (current) write(update(current, clock.now()));
  };

  const onSet = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = chosenMinutes();
    if (value !== null) write(setTimer(value));
  };
  // From "unset" or "ready", Start takes the minutes in the field, so setting first is optional.
  const onStart = () => {
    if (phase === 'paused') return change(startTimer);
    const value = chosenMinutes();
    if (value !== null) write(startTimer(setTimer(value), clock.now()));
  };

  return (
    <section className="panel timer-panel" aria-labelledby={headingId} data-phase={phase}>
      <h2 id={headingId} className="panel__title">
        {t('tools.timer.title')}
      </h2>
      <div className="timer-panel__face">
        <span role="timer" aria-labelledby={`${headingId} ${stateId}`} className="timer-panel__clock">
          {phase === 'unset' ? '–:––' : clockText}
        </span>
        <span id={stateId} className="timer-panel__state">
          {phase === 'done' ? <span aria-hidden="true">⚑ </span> : null}
          {t(PHASE_TEXT[phase])}
        </span>
      </div>
      <form className="timer-panel__set" onSubmit={onSet} noValidate>
        <label className="field__label" htmlFor={fieldId}>
          {t('tools.timer.minutes')}
        </label>
        <div className="timer-panel__set-row">
          <input
            id={fieldId}
            className="field__input timer-panel__minutes"
            type="number"
            inputMode="numeric"
            min={1}
            max={MAX_MINUTES}
            step={1}
            value={minutes}
            onChange={(event) => setMinutes(event.target.value)}
            aria-invalid={invalid}
            aria-describedby={
              [suggestedMinutes ? hintId : '', invalid ? errorId : ''].filter(Boolean).join(' ') || undefined
            }
          />
          <button type="submit" className="btn btn--secondary" disabled={!canWrite}>
            {t('tools.timer.set')}
          </button>
        </div>
        {suggestedMinutes ? (
          <p id={hintId} className="field__hint">
            {t('tools.timer.suggested', { minutes: suggestedMinutes })}
          </p>
        ) : null}
        {invalid ? (
          <p id={errorId} className="timer-panel__error">
            {t('tools.timer.invalidMinutes', { max: MAX_MINUTES })}
          </p>
        ) : null}
      </form>
      <div className="timer-panel__actions">
        {phase === 'running' ? (
          <button type="button" className="btn btn--primary" disabled={!canWrite} onClick={() => change(pauseTimer)}>
            <span aria-hidden="true">‖ </span>
            {t('tools.timer.pause')}
          </button>
        ) : (
          <button type="button" className="btn btn--primary" disabled={!canWrite || phase === 'done'} onClick={onStart}>
            <span aria-hidden="true">▶ </span>
            {phase === 'paused' ? t('tools.timer.resume') : t('tools.timer.start')}
          </button>
        )}
        <button
          type="button"
          className="btn btn--secondary"
          disabled={!canWrite || phase === 'unset'}
          onClick={() => change(addMinute)}
        >
          <span aria-hidden="true">+ </span>
          {t('tools.timer.addMinute')}
        </button>
        <button
          type="button"
          className="btn btn--secondary"
          disabled={!canWrite || phase === 'unset' || phase === 'ready'}
          onClick={() => change(resetTimer)}
        >
          <span aria-hidden="true">↺ </span>
          {t('tools.timer.reset')}
        </button>
      </div>
      {enabled && !synced ? <p className="field__hint">{t('tools.timer.syncing')}</p> : null}
    </section>
  );
}
