import type { Translate } from '../../i18n/index.ts';
import type { WorkshopStep } from '../../model/workshop.ts';
import type { PresentPerson } from '../../sync/hooks.ts';
import type { RoomConnection } from '../../sync/room-connection.ts';
import { doneTally, takesDone, useDoneIds } from '../done/use-done.ts';

type Props = { t: Translate; connection: RoomConnection; step: WorkshopStep; people: readonly PresentPerson[] };

/** The wall's "7 of 12 done": the count only, never who. Nothing until someone is in the room. */
export function WallDone({ t, connection, step, people }: Props) {
  const doneIds = useDoneIds(connection, step.id);
  if (!takesDone(step)) return null;
  const tally = doneTally(people, doneIds);
  if (tally.total === 0) return null;
  return (
    <p className="projector__done" data-done={tally.count} data-total={tally.total}>
      <span aria-hidden="true">✓ </span>
      {t('done.count', { count: tally.count, total: tally.total })}
    </p>
  );
}
