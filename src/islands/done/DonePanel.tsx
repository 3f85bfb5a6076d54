import type { Translate } from '../../i18n/index.ts';
import type { WorkshopStep } from '../../model/workshop.ts';
import type { PresentPerson } from '../../sync/hooks.ts';
import type { RoomConnection } from '../../sync/room-connection.ts';
import { doneTally, takesDone, useDoneIds } from './use-done.ts';

type Props = {
  t: Translate;
  connection: RoomConnection | null;
  /** The room's current step (not a previewed one): done is about where everyone is. */
  step: WorkshopStep;
  people: readonly PresentPerson[];
  headingId: string;
};

/** The console's "7 of 12 done" with who, for knowing when to move on. Guests without a name read "Guest". */
export function DonePanel({ t, connection, step, people, headingId }: Props) {
  const doneIds = useDoneIds(connection, step.id);
  if (!takesDone(step) || !connection) return null;
  const tally = doneTally(people, doneIds);
  return (
    <section className="panel done-panel" aria-labelledby={headingId}>
      <h2 className="panel__title" id={headingId}>
        {t('done.title')}
      </h2>
      {/* Polite: people say done from their own screens; the count changes without the facilitator doing anything. */}
      <p className="done-panel__count" aria-live="polite" data-done={tally.count} data-total={tally.total}>
        <strong>{t('done.count', { count: tally.count, total: tally.total })}</strong>
      </p>
      {tally.count === 0 ? (
        <p className="done-panel__empty">{t('done.nobody')}</p>
      ) : (
        <ul className="done-panel__names" aria-label={t('done.namesLabel')}>
          {tally.names.map((name, i) => (
            <li key={`${name ?? ''}-${i}`} className="done-panel__name">
              <span aria-hidden="true">✓ </span>
              {name ?? t('tools.guest')}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
