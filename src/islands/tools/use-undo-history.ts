import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { UndoHistory, type UndoAction } from '../../model/undo-history.ts';
import type { RoomConnection } from '../../sync/room-connection.ts';

export type UndoState = {
  /** What Undo would take back now; null when there is nothing of the facilitator's own. */
  next: UndoAction | null;
  undo: () => UndoAction | null;
};

/**
 * The facilitator's own undo over both documents of the room, for as long as
 * the documents live (a document replaced after a refused update starts a new history).
 */
export function useUndoHistory(connection: RoomConnection | null): UndoState {
  const [history, setHistory] = useState<UndoHistory | null>(null);
  const board = connection?.board.doc;
  const control = connection?.control.doc;
  useEffect(() => {
    if (!board || !control) return;
    const created = new UndoHistory([control, board]);
    setHistory(created);
    return () => {
      created.destroy();
      setHistory(null);
    };
  }, [board, control]);
  const subscribe = useCallback((onChange: () => void) => history?.subscribe(onChange) ?? (() => {}), [history]);
  const next = useSyncExternalStore(
    subscribe,
    () => history?.next() ?? null,
    () => null,
  );
  const undo = useCallback(() => history?.undo() ?? null, [history]);
  return useMemo(() => ({ next, undo }), [next, undo]);
}
