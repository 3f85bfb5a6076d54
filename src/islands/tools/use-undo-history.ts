import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { UndoHistory, type UndoAction } from '../../model/undo-history.ts';
import type { RoomConnection } from '../../sync/room-connection.ts';

export type UndoState = {
  /** What Undo would take back now; null when there is nothing of the facilitator's own. */
  next: UndoAction | null;
  undo: () => UndoAction | null;
};

/** The facilitator's own undo over both documents of the room, for as long as the connection lives. */
export function useUndoHistory(connection: RoomConnection | null): UndoState {
  const [history, setHistory] = useState<UndoHistory | null>(null);
  useEffect(() => {
    if (!connection) return;
    const created = new UndoHistory([connection.control.doc, connection.board.doc]);
    setHistory(created);
    return () => {
      created.destroy();
      setHistory(null);
    };
  }, [connection]);
  const subscribe = useCallback((onChange: () => void) => history?.subscribe(onChange) ?? (() => {}), [history]);
  const next = useSyncExternalStore(
    subscribe,
    () => history?.next() ?? null,
    () => null,
  );
  const undo = useCallback(() => history?.undo() ?? null, [history]);
  return useMemo(() => ({ next, undo }), [next, undo]);
}
