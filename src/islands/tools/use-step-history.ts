/**
 * The console's view of one step's history (GET /api/rooms/<room>/history)
 * and the restore action (POST /api/rooms/<room>/restore), both with the
 * facilitator key. The list is read again while it is shown and the board
 * changes, so a wipe appears without a manual refresh.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  historyAnswer,
  historyPaths,
  restoreAnswer,
  type HistoryAnswer,
  type RestoreAnswer,
  type RestoreRequest,
} from '../../model/history.ts';
import type { RoomConnection } from '../../sync/room-connection.ts';

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
  const [answer, setAnswer] = useState<HistoryAnswer | null>(null);
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState(false);
  // Only the newest request may set the list: answers can arrive out of order.
  const latest = useRef(0);

  const refresh = useCallback(() => {
    const ticket = ++latest.current;
    setLoading(true);
    fetch(historyPaths.list(room, stepId), { headers: { authorization: `Bearer ${key}` } })
      .then(async (response) => {
        if (!response.ok) throw new Error(`history: ${response.status}`);
        return historyAnswer.parse(await response.json());
      })
      .then((next) => {
        if (ticket !== latest.current) return;
        setAnswer(next);
        setFailed(false);
      })
      .catch(() => ticket === latest.current && setFailed(true))
      .finally(() => ticket === latest.current && setLoading(false));
  }, [room, key, stepId]);

  useEffect(() => {
    setAnswer(null);
    if (shown) refresh();
  }, [shown, refresh]);

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
