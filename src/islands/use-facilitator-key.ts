import { useEffect, useState } from 'react';
import { isFacilitatorKey } from '../model/ids.ts';
import { loadRecentRooms } from '../sync/device.ts';
import { rememberThisRoom, type RoomViewProps } from './room-view.ts';

/** undefined while we look, null when this device has no key for the room. */
export type KeyState = string | null | undefined;

/**
 * Reads the facilitator key from the fragment (`#key=…`), then removes it from
 * the address bar so it is not shown on a shared screen or copied by accident.
 * It stays in memory and in this device's recent rooms, so a reload works.
 */
export function useFacilitatorKey(props: RoomViewProps): KeyState {
  const [key, setKey] = useState<KeyState>(undefined);
  const { room } = props;
  useEffect(() => {
    const read = (fromStorage: boolean) => {
      const fromFragment = new URLSearchParams(location.hash.slice(1)).get('key');
      if (fromFragment !== null) history.replaceState(history.state, '', location.pathname + location.search);
      const stored = fromStorage ? loadRecentRooms().find((r) => r.room === room)?.facilitatorKey : undefined;
      const found = isFacilitatorKey(fromFragment) ? fromFragment : (stored ?? null);
      if (!found && !fromStorage) return;
      rememberThisRoom(props, found ?? undefined);
      setKey(found);
    };
    read(true);
    // A facilitator link pasted into this tab only changes the fragment: no page load, so listen.
    const onHashChange = () => read(false);
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
    // Once per room; the other props come with it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [room]);
  return key;
}
