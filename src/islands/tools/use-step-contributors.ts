import { useEffect, useMemo, useState } from 'react';
import { stepContributors } from '../../lib/contributors.ts';
import type { WorkshopStep } from '../../model/workshop.ts';
import type { RoomConnection } from '../../sync/room-connection.ts';

/** The ids who contributed to `step`, recounted whenever either document changes. */
export function useStepContributors(connection: RoomConnection | null, step: WorkshopStep): ReadonlySet<string> {
  const [version, setVersion] = useState(0);
  const board = connection?.board.doc;
  const control = connection?.control.doc;
  useEffect(() => {
    if (!board || !control) return;
    const docs = [board, control];
    const bump = () => setVersion((v) => v + 1);
    for (const doc of docs) doc.on('update', bump);
    return () => {
      for (const doc of docs) doc.off('update', bump);
    };
    // Keyed on the documents: the connection replaces one after a refused update.
  }, [board, control]);
  return useMemo(
    () => (board && control ? stepContributors(step, { board, control }) : new Set<string>()),
    // version: recount after every change of the documents.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [board, control, step, version],
  );
}
