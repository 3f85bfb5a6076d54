/**
 * Who may take a seat, for the facilitator (README, "Sync and API contract"):
 * the room's door (closed in the control document, so it holds across
 * restarts and every console sees it), the list of seats given out, and the
 * removal of a seat nobody recognises. One person can take many seats within
 * the rate limits; the facilitator closes the door once everyone is in and
 * removes the extra seats, and their ballots stop counting.
 */
import type http from 'node:http';
import { Control } from '../../src/model/control.ts';
import type { RoomId } from '../../src/model/ids.ts';
import type { SeatList } from '../../src/model/protocol.ts';
import type { RoomRegistry } from '../rooms/registry.ts';
import type { StoredRoom } from '../storage/types.ts';
import { HttpError, sendJson } from './json.ts';

export type SeatAdmissionOptions = {
  registry: RoomRegistry;
  /** The seats some device holds a connection as. */
  onlineSeats: (room: string) => Set<string>;
};

export function createSeatAdmission(options: SeatAdmissionOptions) {
  const { registry } = options;

  /** True once the facilitator closed the door (read from the control document, live or stored). */
  function closed(room: RoomId): boolean {
    return registry.readDoc(room, 'control', (doc) => new Control(doc).seatsClosed());
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

  return { closed, list, remove };
}
