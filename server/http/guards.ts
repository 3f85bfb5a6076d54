/**
 * What a request must show before an /api route acts on it: the right
 * method, the facilitator's key or a current link, storage that can keep
 * what it asks for, and room in its address's rate limits. Each check throws
 * an HttpError the router answers with; none of them writes anything.
 */
import type http from 'node:http';
import { isFacilitatorKey } from '../../src/model/ids.ts';
import type { ApiErrorCode } from '../../src/model/protocol.ts';
import { clientAddress } from '../net/client-address.ts';
import { KeyedRateLimiter } from '../net/rate-limit.ts';
import { inviteMatches, keyMatches } from '../rooms/room-records.ts';
import type { StoredRoom } from '../storage/types.ts';
import { HttpError } from './json.ts';

/** Retry-After when storage is unavailable: an operator needs minutes, a client should not hammer meanwhile. */
const STORAGE_RETRY_AFTER_SECONDS = 30;
const SECONDS_PER_MINUTE = 60;

export function allow(req: http.IncomingMessage, method: string): void {
  if (req.method === method || (method === 'GET' && req.method === 'HEAD')) return;
  throw new HttpError(405, 'method_not_allowed', `Use ${method}.`, { allow: method });
}

/** Facilitator-only routes take the key as `Authorization: Bearer <key>`, never in the URL. */
export function requireFacilitator(req: http.IncomingMessage, room: StoredRoom): void {
  const match = /^Bearer ([A-Za-z0-9_-]+)$/.exec(req.headers.authorization ?? '');
  if (!match) {
    throw new HttpError(401, 'unauthorized', 'Send the facilitator key as "Authorization: Bearer <key>".', {
      'www-authenticate': 'Bearer',
    });
  }
  if (!isFacilitatorKey(match[1]) || !keyMatches(room, match[1])) {
    throw new HttpError(403, 'forbidden', 'Wrong facilitator key.');
  }
}

/** A participant's or projector's link (its invite) must still be the room's current one. */
export function requireCurrentInvite(room: StoredRoom, invite: string | null): void {
  if (!inviteMatches(room, invite)) {
    throw new HttpError(410, 'invite_revoked', 'This link was replaced; ask the facilitator for the new one.');
  }
}

/**
 * What the room's pages ask of a visitor, asked of a download too: the
 * facilitator's key (as Bearer), or a participant or projector link that is
 * still current. After the link is replaced, the old one exports nothing.
 */
export function requireLink(req: http.IncomingMessage, room: StoredRoom, url: URL): void {
  if (req.headers.authorization !== undefined) return requireFacilitator(req, room);
  requireCurrentInvite(room, url.searchParams.get('invite'));
}

export type StorageGate = {
  /** Why storage refuses writes right now (files gone, read-only, full), or null. */
  storageRefusal: () => string | null;
  onRefusedWrite: (kind: 'room' | 'seat') => void;
};

/** A write that could not be kept is refused before anything is promised. */
export function requireWritableStorage(gate: StorageGate, kind: 'room' | 'seat'): void {
  if (gate.storageRefusal() === null) return;
  gate.onRefusedWrite(kind);
  throw new HttpError(503, 'storage_unavailable', 'The server cannot store anything right now; try again later.', {
    'retry-after': String(STORAGE_RETRY_AFTER_SECONDS),
  });
}

/** One bucket per address that allows `perMinute` requests, refilled evenly over the minute. */
export function perMinute(perMinute: number): KeyedRateLimiter {
  return new KeyedRateLimiter(perMinute, perMinute / SECONDS_PER_MINUTE);
}

/** How a limit refuses: its code, and a sentence that says when to try again. */
export type LimitRefusal = { code: ApiErrorCode; message: (seconds: number) => string };

/** Join codes and seat codes are short enough to guess: each address may try only so many of either. */
export const TOO_MANY_CODES: LimitRefusal = {
  code: 'rate_limited',
  message: (seconds) => `Too many codes tried from this address; try again in ${seconds} s.`,
};

/**
 * Charges `cost` to the request's address; when its bucket cannot pay, a 429
 * whose Retry-After says how long until it can (nothing is charged then).
 */
export function spend(
  limiter: KeyedRateLimiter,
  req: http.IncomingMessage,
  trustProxy: boolean,
  refusal: LimitRefusal,
  cost = 1,
): void {
  const waitMs = limiter.check(clientAddress(req, trustProxy), cost);
  if (waitMs === 0) return;
  const seconds = Math.ceil(waitMs / 1000);
  throw new HttpError(429, refusal.code, refusal.message(seconds), { 'retry-after': String(seconds) });
}
