/**
 * `GET /api/join/<code>`: where a typed join code leads. A code is short
 * enough to guess, so lookups are rate-limited per address (each one, found
 * or not, costs a token): at the default 20 a minute, finding any one room by
 * guessing takes years.
 */
import type http from 'node:http';
import { normalizeJoinCode, type JoinAnswer } from '../../src/model/join-code.ts';
import { roomPaths } from '../../src/model/protocol.ts';
import type { RoomRegistry } from '../rooms/registry.ts';
import { perMinute, spend, TOO_MANY_CODES } from './guards.ts';
import { HttpError, sendJson } from './json.ts';

export const JOIN_PATH_PREFIX = '/api/join/';

export type JoinRouteOptions = {
  registry: RoomRegistry;
  joinLookupsPerIpPerMin: number;
  trustProxy: boolean;
};

export function createJoinRoute(options: JoinRouteOptions) {
  const lookups = perMinute(options.joinLookupsPerIpPerMin);

  /** Answers the lookup of `raw` (the path segment after /api/join/). */
  return function handleJoin(req: http.IncomingMessage, res: http.ServerResponse, raw: string): void {
    spend(lookups, req, options.trustProxy, TOO_MANY_CODES);
    let decoded = raw;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      // A malformed escape is just not a code.
    }
    const code = normalizeJoinCode(decoded);
    if (code === null) throw new HttpError(400, 'invalid_code', 'A join code is six letters and digits.');
    const hit = options.registry.findJoinCode(code);
    const room = hit ? options.registry.getRoom(hit.room) : null;
    if (!hit || !room) throw new HttpError(404, 'unknown_code', 'No room has this code.');
    if (!hit.current) {
      throw new HttpError(410, 'code_replaced', 'This code was replaced; ask the facilitator for the new one.');
    }
    const answer: JoinAnswer = { room: room.id, participantPath: roomPaths.participant(room.id, room.invite) };
    sendJson(res, 200, answer);
  };
}
