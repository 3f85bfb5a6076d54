/**
 * The console's list of seats (GET /api/rooms/<room>/seats) and their removal
 * (DELETE .../seats/<seat>), with the facilitator key. Read when shown, and
 * again while shown, so seats taken meanwhile appear.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { seatPath, seatsPath, type SeatList } from '../../model/protocol.ts';
import type { RoomId } from '../../model/ids.ts';

const REFRESH_MS = 5000;

export type SeatListState = {
  list: SeatList | null;
  failed: boolean;
  refresh: () => void;
  remove: (seat: string) => Promise<void>;
};

export function useSeatList(room: RoomId, key: string, shown: boolean): SeatListState {
  const [list, setList] = useState<SeatList | null>(null);
  const [failed, setFailed] = useState(false);
  // Only the newest request may set the list: answers can arrive out of order.
  const latest = useRef(0);

  const refresh = useCallback(() => {
    const ticket = ++latest.current;
    fetch(seatsPath(room), { headers: { authorization: `Bearer ${key}` } })
      .then(async (response) => {
        if (!response.ok) throw new Error(`seats: ${response.status}`);
        return (await response.json()) as SeatList;
      })
      .then((next) => {
        if (ticket !== latest.current) return;
        setList(next);
        setFailed(false);
      })
      .catch(() => ticket === latest.current && setFailed(true));
  }, [room, key]);

  useEffect(() => {
    if (!shown) return;
    refresh();
    const timer = setInterval(refresh, REFRESH_MS);
    return () => clearInterval(timer);
  }, [shown, refresh]);

  const remove = useCallback(
    async (seat: string) => {
      const response = await fetch(seatPath(room, seat), {
        method: 'DELETE',
        headers: { authorization: `Bearer ${key}` },
      });
      if (!response.ok) throw new Error(`remove seat: ${response.status}`);
      refresh();
    },
    [room, key, refresh],
  );

  return { list, failed, refresh, remove };
}
