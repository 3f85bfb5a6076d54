/**
 * Carrying a seat to another device (README, "Sync and API contract"):
 * `POST /api/rooms/<room>/seats/<seat>/transfer` (facilitator) answers a code,
 * `POST /api/rooms/<room>/seats/claim` with `{ code }` answers the seat with a
 * fresh secret. The old device's secret stops working and its sockets close
 * with "unknown seat", so two devices never write as one seat.
 */
import type http from 'node:http';
import { z } from 'zod';
import { normalizeSeatCode, type SeatGrant, type SeatTransfer } from '../../src/model/protocol.ts';
import type { RoomRegistry } from '../rooms/registry.ts';
import { SeatTransfers } from '../rooms/seat-transfers.ts';
import type { StoredRoom } from '../storage/types.ts';
import { perMinute, spend, TOO_MANY_CODES } from './guards.ts';
import { HttpError, readJsonBody, sendJson } from './json.ts';

export type SeatMoveOptions = {
  registry: RoomRegistry;
  maxBodyBytes: number;
  seatClaimsPerIpPerMin: number;
  trustProxy: boolean;
};

/** Longer than any code, so a typo with spaces still reaches the "wrong code" answer rather than a schema error. */
const MAX_TYPED_CODE_CHARS = 32;
const claimBody = z.object({ code: z.string().max(MAX_TYPED_CODE_CHARS) });

export function createSeatMoves(options: SeatMoveOptions) {
  const transfers = new SeatTransfers();
  const claims = perMinute(options.seatClaimsPerIpPerMin);

  /** The caller has checked the facilitator key. */
  function transfer(res: http.ServerResponse, room: StoredRoom, seat: string): void {
    if (!options.registry.hasSeat(room.id, seat)) {
      throw new HttpError(404, 'unknown_seat', 'This room has no such seat.');
    }
    const answer: SeatTransfer = transfers.create(room.id, seat);
    sendJson(res, 201, answer);
  }

  async function claim(req: http.IncomingMessage, res: http.ServerResponse, room: StoredRoom): Promise<void> {
    // Counted before the code is looked at: every guess costs, right or wrong.
    spend(claims, req, options.trustProxy, TOO_MANY_CODES);
    const body = claimBody.safeParse(await readJsonBody(req, options.maxBodyBytes));
    if (!body.success) throw new HttpError(400, 'invalid_request', 'Expected {"code": "<six letters and digits>"}.');
    const code = normalizeSeatCode(body.data.code);
    const seat = code === null ? null : transfers.claim(room.id, code);
    if (seat === null) {
      throw new HttpError(404, 'invalid_code', 'This code is wrong, already used or expired; ask the facilitator for a new one.');
    }
    // The registry says so (seatMoved): the sync server closes the old device's connections.
    const secret = options.registry.replaceSeatSecret(room.id, seat);
    // The anonymity key moves with the seat: its pseudonyms, and so its anonymous notes, stay its own.
    const anonKey = options.registry.seatAnonKey(room.id, seat);
    const grant: SeatGrant = { seat, secret, anonKey };
    sendJson(res, 200, grant);
  }

  return { transfer, claim };
}
