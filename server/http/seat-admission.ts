/**
 * Who may take a seat (README, "Sync and API contract"): `POST
 * /api/rooms/<room>/seats` gives one to a device that shows the current link
 * (or the facilitator's key) while the room's door is open; the door is
 * closed in the control document, so it holds across restarts and every
 * console sees it. For the facilitator: the list of seats given out, and the
 * removal of a seat nobody recognises. One person can take many seats within
 * the rate limits; the facilitator closes the door once everyone is in and
 * removes the extra seats, and their ballots stop counting.
 */
import type http from 'node:http';
import { z } from 'zod';
import { Control } from '../../src/model/control.ts';
import type { RoomId } from '../../src/model/ids.ts';
import type { SeatGrant, SeatList } from '../../src/model/protocol.ts';
import type { RoomRegistry } from '../rooms/registry.ts';
import type { StoredRoom } from '../storage/types.ts';
import {
  perMinute,
  requireCurrentInvite,
  requireFacilitator,
  requireWritableStorage,
  spend,
  type StorageGate,
} from './guards.ts';
import { HttpError, readJsonBody, sendJson } from './json.ts';

export type SeatAdmissionOptions = StorageGate & {
  registry: RoomRegistry;
  /** The seats some device holds a connection as. */
  onlineSeats: (room: string) => Set<string>;
  maxBodyBytes: number;
  seatsPerIpPerMin: number;
  maxSeatsPerRoom: number;
  trustProxy: boolean;
};

const seatBody = z.object({ invite: z.string().max(64).optional() });

export function createSeatAdmission(options: SeatAdmissionOptions) {
  const { registry } = options;
  const issued = perMinute(options.seatsPerIpPerMin);

  /** True once the facilitator closed the door (read from the control document, live or stored). */
  function closed(room: RoomId): boolean {
    return registry.readDoc(room, 'control', (doc) => new Control(doc).seatsClosed());
  }

  /**
   * A seat for a device: participants show the current link (its invite once
   * replaced), the facilitator its key. Each address may take only so many
   * seats a minute, and a room only so many in all.
   */
  async function issue(req: http.IncomingMessage, res: http.ServerResponse, room: StoredRoom): Promise<void> {
    requireWritableStorage(options, 'seat');
    const body = seatBody.safeParse(await readJsonBody(req, options.maxBodyBytes));
    if (!body.success) throw new HttpError(400, 'invalid_request', 'Expected {} or {"invite": "<token>"}.');
    if (req.headers.authorization !== undefined) requireFacilitator(req, room);
    else {
      requireCurrentInvite(room, body.data.invite ?? null);
      if (closed(room.id)) {
        throw new HttpError(
          403,
          'room_closed',
          'The facilitator has closed this room to new people; ask them to open it.',
        );
      }
    }
    spend(issued, req, options.trustProxy, {
      code: 'rate_limited',
      message: (seconds) => `Too many seats from this address; try again in ${seconds} s.`,
    });
    if (registry.seatCount(room.id) >= options.maxSeatsPerRoom) {
      throw new HttpError(409, 'room_full', 'This room has given out all its seats.');
    }
    const grant: SeatGrant = registry.issueSeat(room.id);
    sendJson(res, 201, grant);
  }

  /** The caller has checked the facilitator key. */
  function list(res: http.ServerResponse, room: StoredRoom): void {
    // One pass over the connections, not one per seat: a room may hold many seats.
    const online = options.onlineSeats(room.id);
    const seats = registry.listSeats(room.id).map((seat) => ({
      seat,
      joinedAt: registry.seatJoinedAt(room.id, seat),
      online: online.has(seat),
    }));
    const answer: SeatList = { seats, closed: closed(room.id) };
    sendJson(res, 200, answer);
  }

  /** The caller has checked the facilitator key. */
  function remove(res: http.ServerResponse, room: StoredRoom, seat: string): void {
    if (!registry.hasSeat(room.id, seat)) throw new HttpError(404, 'unknown_seat', 'This room has no such seat.');
    // The registry says so (seatRemoved): its connections close and its ballots stop counting.
    registry.removeSeat(room.id, seat);
    sendJson(res, 200, { removed: seat });
  }

  return { closed, issue, list, remove };
}
