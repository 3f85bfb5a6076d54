/**
 * The console's view of one step's history (GET /api/rooms/<room>/history)
 * and the restore action (POST /api/rooms/<room>/restore), both with the
 * facilitator key. The list is read again while it is shown and the board
 * changes, so a wipe appears without a manual refresh.
 */
import { useCallback, useEffect } from 'react';
import {
  historyAnswer,
  historyPaths,
  restoreAnswer,
  type HistoryAnswer,
  type RestoreAnswer,
  type RestoreRequest,
} from '../../model/history.ts';
import type { RoomConnection } from '../../sync/room-connection.ts';
import { useFacilitatorRead } from './use-facilitator-read.ts';

/** Quiet time after the last board change before the list is read again: a burst of typing costs one request. */
const REFRESH_AFTER_CHANGE_MS = 800;

export type StepHistory = {
  answer: HistoryAnswer | null;
  loading: boolean;
  failed: boolean;
  refresh: () => void;
  restore: (request: RestoreRequest) => Promise<RestoreAnswer>;
};

export function useStepHistory(
  room: string,
  key: string,
  stepId: string,
  connection: RoomConnection | null,
  shown: boolean,
): StepHistory {
  const {
    data: answer,
    loading,
    failed,
    refresh,
    clear,
  } = useFacilitatorRead(historyPaths.list(room, stepId), key, (body) => historyAnswer.parse(body));

  useEffect(() => {
    clear();
    if (shown) refresh();
  }, [shown, refresh, clear]);

  useEffect(() => {
    if (!shown || !connection) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onUpdate = () => {
      clearTimeout(timer);
      timer = setTimeout(refresh, REFRESH_AFTER_CHANGE_MS);
    };
    connection.boardDoc.on('update', onUpdate);
    return () => {
      clearTimeout(timer);
      connection.boardDoc.off('update', onUpdate);
    };
  }, [shown, connection, refresh]);

  const restore = useCallback(
    async (request: RestoreRequest) => {
      const response = await fetch(historyPaths.restore(room), {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(request),
      });
      if (!response.ok) throw new Error(`restore: ${response.status}`);
      const done = restoreAnswer.parse(await response.json());
      refresh();
      return done;
    },
    [room, key, refresh],
  );

  return { answer, loading, failed, refresh, restore };
}
