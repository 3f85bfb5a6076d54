/** React hooks over a RoomConnection; islands use these and never touch providers. */
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { presenceValue, type PresenceValue } from '../model/schema.ts';
import { RoomConnection, type ConnectionStatus, type RoomConnectionOptions } from './room-connection.ts';

/** Opens the room once per mount and closes it on unmount. */
export function useRoomConnection(options: RoomConnectionOptions | null): RoomConnection | null {
  const [connection, setConnection] = useState<RoomConnection | null>(null);
  const identity = options ? `${options.room}|${options.role}|${options.facilitatorKey ?? ''}` : '';
  useEffect(() => {
    if (!options) return;
    const next = new RoomConnection(options);
    setConnection(next);
    return () => {
      next.destroy();
      setConnection(null);
    };
    // The connection depends only on who we are in which room; presence changes go through updatePresence.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [identity]);
  return connection;
}

export function useConnectionStatus(connection: RoomConnection | null): ConnectionStatus {
  return useSyncExternalStore(
    (onChange) => connection?.subscribe(onChange) ?? (() => {}),
    () => connection?.status ?? 'connecting',
    () => 'connecting',
  );
}

/** True once the server refused this device's seat (its private document will not sync). */
export function useSeatRefused(connection: RoomConnection | null): boolean {
  return useSyncExternalStore(
    (onChange) => connection?.subscribe(onChange) ?? (() => {}),
    () => connection?.seatRefused ?? false,
    () => false,
  );
}

/** The shared types the typed wrappers (Board, Control) hand out. */
export type SharedType = Y.Map<unknown> | Y.Array<unknown> | Y.Text;

/**
 * Re-renders when any of the given shared types (or anything inside them)
 * changes, and returns `read()` computed afresh. `read` must be cheap.
 */
export function useShared<T>(types: readonly (SharedType | null | undefined)[], read: () => T): T {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const live = types.filter((t): t is SharedType => Boolean(t));
    const bump = () => setVersion((v) => v + 1);
    for (const t of live) t.observeDeep(bump);
    return () => {
      for (const t of live) t.unobserveDeep(bump);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, types);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(read, [version, ...types]);
}

export type PresentPerson = PresenceValue & { clientId: number; self: boolean };

/** Everyone present in the room, parsed from awareness (which is untrusted), one entry per person id. */
export function usePresence(awareness: Awareness | null | undefined): PresentPerson[] {
  const [people, setPeople] = useState<PresentPerson[]>([]);
  useEffect(() => {
    if (!awareness) return;
    const read = () => {
      const byId = new Map<string, PresentPerson>();
      for (const [clientId, state] of awareness.getStates()) {
        const parsed = presenceValue.safeParse((state as { user?: unknown }).user);
        if (!parsed.success) continue;
        const self = clientId === awareness.clientID;
        // One entry per person and role: a console and a participant tab in one browser are two presences.
        const key = `${parsed.data.id}|${parsed.data.role}`;
        const existing = byId.get(key);
        if (!existing || self) byId.set(key, { ...parsed.data, clientId, self });
      }
      setPeople([...byId.values()]);
    };
    read();
    awareness.on('change', read);
    return () => awareness.off('change', read);
  }, [awareness]);
  return people;
}
