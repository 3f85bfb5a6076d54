/**
 * The console's list of seats (GET /api/rooms/<room>/seats) and their removal
 * (DELETE .../seats/<seat>), with the facilitator key. Read when shown, and
 * again while shown, so seats taken meanwhile appear.
 */
import { useCallback, useEffect } from 'react';
import { seatPath, seatsPath, type SeatList } from '../../model/protocol.ts';
import type { RoomId } from '../../model/ids.ts';
import { useFacilitatorRead } from './use-facilitator-read.ts';

const REFRESH_MS = 5000;

export type SeatListState = {
  list: SeatList | null;
  failed: boolean;
  refresh: () => void;
  remove: (seat: string) => Promise<void>;
};

export function useSeatList(room: RoomId, key: string, shown: boolean): SeatListState {
  const { data: list, failed, refresh } = useFacilitatorRead(seatsPath(room), key, (body) => body as SeatList);

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
