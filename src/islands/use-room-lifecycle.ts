/**
 * The console's view of the room's data lifecycle: when the retention will
 * delete the room if nobody opens it, what was recovered from damage when its
 * documents were loaded (asked with the key; the server tells only the
 * facilitator), and deleting the room now.
 */
import { useCallback, useEffect, useState } from 'react';

export type Recovery = { doc: string; source: string; problems: string[]; at: string };

export type LifecycleState = {
  /** When the room is deleted unless someone opens it again; null until known. */
  deletesAt: Date | null;
  recovered: Recovery[];
  deleting: boolean;
  deleteFailed: boolean;
  deleteRoom: () => Promise<void>;
};

/**
 * `loaded`: the room's documents are loaded on the server (the console is synced), so recoveries are known.
 * `onDeleted` is told once the server has deleted the room (the console stops its connection then).
 */
export function useRoomLifecycle(
  room: string,
  key: string | null | undefined,
  loaded: boolean,
  onDeleted: () => void,
): LifecycleState {
  const [deletesAt, setDeletesAt] = useState<Date | null>(null);
  const [recovered, setRecovered] = useState<Recovery[]>([]);
  const [deleting, setDeleting] = useState(false);
  const [deleteFailed, setDeleteFailed] = useState(false);
  const base = `/api/rooms/${encodeURIComponent(room)}`;

  useEffect(() => {
    if (!key || !loaded) return;
    let cancelled = false;
    const auth = { headers: { authorization: `Bearer ${key}` } };
    // Opening the room moved its retention date: asked again each time the console is synced.
    void fetch(base)
      .then((r) => (r.ok ? (r.json() as Promise<{ deletesAt?: string }>) : null))
      .then((info) => !cancelled && info?.deletesAt && setDeletesAt(new Date(info.deletesAt)))
      .catch(() => {});
    void fetch(`${base}/recovery`, auth)
      .then((r) => (r.ok ? (r.json() as Promise<{ recovered: Recovery[] }>) : null))
      .then((answer) => !cancelled && answer && setRecovered(answer.recovered))
      .catch(() => {});
    return () => {
      cancelled = true;
    };
  }, [base, key, loaded]);

  const deleteRoom = useCallback(async () => {
    setDeleting(true);
    setDeleteFailed(false);
    try {
      const response = await fetch(base, { method: 'DELETE', headers: { authorization: `Bearer ${key}` } });
      if (!response.ok) throw new Error(`delete: ${response.status}`);
      onDeleted();
    } catch {
      setDeleteFailed(true);
    } finally {
      setDeleting(false);
    }
  }, [base, key, onDeleted]);

  return { deletesAt, recovered, deleting, deleteFailed, deleteRoom };
}
