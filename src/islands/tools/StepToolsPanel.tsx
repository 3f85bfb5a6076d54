import type { Translate } from '../../i18n/index.ts';
import { stepHasReveal, stepTakesInput } from '../../lib/step-tools.ts';
import type { WorkshopStep } from '../../model/workshop.ts';
import { useShared } from '../../sync/hooks.ts';
import type { RoomConnection } from '../../sync/room-connection.ts';

type Props = {
  t: Translate;
  connection: RoomConnection;
  step: WorkshopStep;
  enabled: boolean;
  /** True when the step shown is a preview, not where the room is. */
  preview: boolean;
  headingId: string;
};

/**
 * Reveal/Hide and Lock/Unlock for the step shown in the console. Each button
 * names what it will do, and the line beside it says the state in words.
 */
export function StepToolsPanel({ t, connection, step, enabled, preview, headingId }: Props) {
  const { control } = connection;
  const tools = useShared([control.stepToolsMap(step.id)], () => control.stepTools(step.id));
  const reveal = stepHasReveal(step);
  const lock = stepTakesInput(step);
  if (!reveal && !lock) return null;
  return (
    <section className="panel step-tools" aria-labelledby={headingId}>
      <h2 id={headingId} className="panel__title">
        {preview ? t('tools.step.previewTitle') : t('tools.step.title')}
      </h2>
      {reveal ? (
        <div className="step-tools__row" data-state={tools.revealed ? 'revealed' : 'hidden'}>
          <p className="step-tools__state">
            <span aria-hidden="true">{tools.revealed ? '◉ ' : '◌ '}</span>
            {tools.revealed ? t('tools.revealedState') : t('tools.hiddenState')}
          </p>
          <button
            type="button"
            className="btn btn--secondary"
            disabled={!enabled}
            onClick={() => control.setRevealed(step.id, !tools.revealed)}
          >
            {tools.revealed ? t('tools.hide') : t('tools.reveal')}
          </button>
        </div>
      ) : null}
      {lock ? (
        <div className="step-tools__row" data-state={tools.locked ? 'locked' : 'open'}>
          <p className="step-tools__state">
            <span aria-hidden="true">{tools.locked ? '⊘ ' : '✎ '}</span>
            {tools.locked ? t('tools.lockedState') : t('tools.openState')}
          </p>
          <button
            type="button"
            className="btn btn--secondary"
            disabled={!enabled}
            onClick={() => control.setLocked(step.id, !tools.locked)}
          >
            {tools.locked ? t('tools.unlock') : t('tools.lock')}
          </button>
        </div>
      ) : null}
    </section>
  );
}
