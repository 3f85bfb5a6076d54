/**
 * The seat this device holds in a room: asked of the server once
 * (POST /api/rooms/<room>/seats) and kept on the device, so a reload or a
 * reconnect writes as the same seat and finds its own private document again.
 * Without storage or without the server's answer there is no seat: the room
 * still opens, read-only for what needs one (a ballot).
 */
import { useEffect, useState } from 'react';
import { z } from 'zod';
import type { RoomId } from '../model/ids.ts';
import { seatsPath, type SeatGrant } from '../model/protocol.ts';

const seatKey = (room: RoomId) => `ledestjerne.seat.${room}`;
const seatGrant = z.object({ seat: z.string().min(1).max(64), secret: z.string().min(1).max(128) });

function remembered(room: RoomId): SeatGrant | null {
  try {
    const parsed = seatGrant.safeParse(JSON.parse(localStorage.getItem(seatKey(room)) ?? 'null'));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Forgets a seat the server no longer knows, so the next visit asks for a new one. */
export function forgetSeat(room: RoomId): void {
  try {
    localStorage.removeItem(seatKey(room));
  } catch {
    // Nothing stored, nothing to forget.
  }
}

export async function claimSeat(room: RoomId, invite: string | null): Promise<SeatGrant | null> {
  const known = remembered(room);
  if (known) return known;
  try {
    const response = await fetch(seatsPath(room), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(invite ? { invite } : {}),
    });
    if (!response.ok) return null;
    const grant = seatGrant.parse(await response.json());
    try {
      localStorage.setItem(seatKey(room), JSON.stringify(grant));
    } catch {
      // Not remembered: this tab still holds the seat until it closes.
    }
    return grant;
  } catch {
    return null;
  }
}

/** `undefined` while asking, then the seat or null. Skipped (null at once) when `wanted` is false. */
export function useSeat(room: RoomId, invite: string | null, wanted: boolean): SeatGrant | null | undefined {
  const [seat, setSeat] = useState<SeatGrant | null | undefined>(undefined);
  useEffect(() => {
    if (!wanted) {
      setSeat(null);
      return;
    }
    let current = true;
    void claimSeat(room, invite).then((grant) => {
      if (current) setSeat(grant);
    });
    return () => {
      current = false;
    };
  }, [room, invite, wanted]);
  return seat;
}
