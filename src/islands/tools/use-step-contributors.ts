import { useEffect, useMemo, useState } from 'react';
import { stepContributors } from '../../lib/contributors.ts';
import type { WorkshopStep } from '../../model/workshop.ts';
import type { RoomConnection } from '../../sync/room-connection.ts';

/** The ids who contributed to `step`, recounted whenever either document changes. */
export function useStepContributors(connection: RoomConnection | null, step: WorkshopStep): ReadonlySet<string> {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    if (!connection) return;
    const docs = [connection.board.doc, connection.control.doc];
    const bump = () => setVersion((v) => v + 1);
    for (const doc of docs) doc.on('update', bump);
    return () => {
      for (const doc of docs) doc.off('update', bump);
    };
  }, [connection]);
  return useMemo(
    () =>
      connection
        ? stepContributors(step, { board: connection.board.doc, control: connection.control.doc })
        : new Set<string>(),
    // version: recount after every change of the documents.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [connection, step, version],
  );
}
