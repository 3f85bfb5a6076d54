import type { Translate } from '../../i18n/index.ts';
import { Done } from '../../model/done.ts';
import type { Workshop, WorkshopStep } from '../../model/workshop.ts';
import type { Identity } from '../../sync/device.ts';
import type { RoomConnection } from '../../sync/room-connection.ts';
import { announce } from '../announce.ts';
import { useStepOpen } from '../steps/use-step-open.ts';
import { takesDone, useDoneIds } from './use-done.ts';

type Props = {
  step: WorkshopStep;
  workshop: Workshop;
  connection: RoomConnection;
  identity: Identity;
  t: Translate;
};

/**
 * A participant's "I'm done" for the step the room is on: one large toggle
 * (aria-pressed) with a line saying the state in words. Kept per step, so it
 * starts off again on the next one.
 */
export function DoneToggle(props: Props) {
  return takesDone(props.step) ? <DoneToggleInner {...props} /> : null;
}

function DoneToggleInner({ step, workshop, connection, identity, t }: Props) {
  // The rule table decides when it may change, as on the server (current step, not locked).
  const open = useStepOpen({ step, workshop, role: 'participant', connection, identity }, 'done').ok;
  const done = useDoneIds(connection, step.id).has(identity.id);
  const toggle = () => {
    new Done(connection.boardDoc).set(step.id, identity.id, !done);
    announce(done ? t('done.announceOff') : t('done.announceOn'));
  };
  return (
    <section className={`done-toggle${done ? ' done-toggle--on' : ''}`} aria-label={t('done.title')}>
      <button
        type="button"
        className="btn btn--large done-toggle__button"
        aria-pressed={done}
        aria-describedby={`done-state-${step.id}`}
        disabled={!open}
        onClick={toggle}
      >
        <span className="done-toggle__box" aria-hidden="true">
          {done ? '✓' : ''}
        </span>
        {t('done.button')}
      </button>
      <p className="done-toggle__state" id={`done-state-${step.id}`}>
        {done ? t('done.on') : t('done.off')}
      </p>
    </section>
  );
}
