/**
 * The contract between browsers and the room server: paths, close codes and
 * HTTP error codes. Documented in README.md ("Sync and API contract").
 */
import type { DocKind } from './roles.ts';
import { isRoomId, type RoomId } from './ids.ts';

export const SYNC_PATH_PREFIX = '/sync';

/** `GET` answers `{ now }`: the server's clock in ms since epoch, for timers that agree on every screen. */
export const TIME_PATH = '/api/time';
export type TimeAnswer = { now: number };

/**
 * WebSocket close codes. Following the y-websocket convention, 4400-4499 are
 * permanent (the client stops reconnecting) and 4500-4599 mean "try again later".
 */
export const CLOSE_CODES = {
  /** Malformed path or room id. */
  badRequest: 4400,
  /** The page that opened the socket is not on an allowed origin. */
  originNotAllowed: 4401,
  /** The facilitator key did not match. */
  forbidden: 4403,
  /** No room with that id. */
  unknownRoom: 4404,
  /** The seat and secret do not match a seat of this room: ask for a new seat (`seatsPath`) and reconnect. */
  unknownSeat: 4407,
  /** The facilitator replaced the participant link; this one no longer works. */
  inviteRevoked: 4410,
  /**
   * No longer sent for a full document: a write over the budget is refused
   * alone (a "permission denied" with rule `too_large`) and the socket stays.
   * Kept so that older clients' handling of it stays meaningful.
   */
  documentTooLarge: 4413,
  /** A malformed or unappliable message; only this connection is closed. */
  protocolError: 4422,
  /** Update after update broke the workshop's rules (see `REFUSAL_MESSAGE`); this connection is closed. */
  tooManyRefusals: 4429,
  /** The server could not store an update; reconnect to resend it. */
  storageFailure: 4500,
  /** The server is shutting down; reconnect soon. */
  serverRestarting: 4503,
  /** The client did not read what the server sent (its unsent bytes stayed over MAX_SOCKET_BUFFER_BYTES); reconnect. */
  slowReader: 4509,
  /** Too many messages or connections; back off. */
  rateLimited: 4529,
  /** The room is at its client limit. */
  roomFull: 4530,
  /** This address holds its maximum of connections to the room (MAX_CLIENTS_PER_ADDRESS_PER_ROOM). */
  addressFull: 4531,
  /** The facilitator closed the room to new people: no new seat is given out (a device's own seat still works). */
  roomClosed: 4532,
} as const;
export type CloseCodeName = keyof typeof CLOSE_CODES;

/** A frame over the size cap is closed by the WebSocket layer itself with the standard 1009 (message too big). */
export const FRAME_TOO_LARGE_CLOSE_CODE = 1009;

/** Close codes after which a client should not try again on its own. */
export const isPermanentCloseCode = (code: number): boolean => code >= 4400 && code < 4500;

export const CLOSE_REASONS: Record<CloseCodeName, string> = {
  badRequest: 'bad request: expected /sync/<room>, /sync/<room>/control or /sync/<room>/seat',
  originNotAllowed: 'origin not allowed',
  forbidden: 'forbidden: wrong facilitator key',
  unknownRoom: 'unknown room',
  inviteRevoked: 'invite revoked: ask the facilitator for the new link',
  unknownSeat: 'unknown seat: ask for a new seat and reconnect',
  tooManyRefusals: 'too many refused updates',
  documentTooLarge: 'document too large',
  rateLimited: 'rate limited',
  roomFull: 'room is full',
  addressFull: 'too many connections from this address to the room',
  roomClosed: 'the room is closed to new people',
  slowReader: 'too slow to read: reconnect',
  protocolError: 'protocol error',
  storageFailure: 'storage failure: reconnect to resend',
  serverRestarting: 'server restarting',
};

/**
 * Query parameters of a sync connection (y-websocket's `params`): `key` makes
 * it the facilitator, `role=projector` read-only, `invite` is the current
 * participant link's token, `seat` and `secret` say whose entries it writes.
 */
export const SYNC_PARAMS = { key: 'key', role: 'role', invite: 'invite', seat: 'seat', secret: 'secret' } as const;

/**
 * `POST /api/rooms/<room>/seats` issues a seat: `{ seat, secret }` (see SeatGrant).
 * Participants pass `{ invite }` once the link was replaced; the facilitator
 * sends its key as `Authorization: Bearer`.
 */
export const seatsPath = (room: RoomId) => `/api/rooms/${room}/seats`;
export type SeatGrant = {
  seat: string;
  secret: string;
  /** Derives the seat's pseudonyms on anonymous steps (src/model/anonymous.ts); kept like the secret. */
  anonKey: string;
};

/**
 * Carrying a seat to another device: the facilitator asks for a short code
 * (`POST seatTransferPath`, Bearer key, answers SeatTransfer), the new device
 * claims it (`POST seatClaimPath` with `{ code }`, answers SeatGrant with a
 * fresh secret); the old device's secret stops working at that moment.
 */
export const seatTransferPath = (room: RoomId, seat: string) =>
  `/api/rooms/${room}/seats/${encodeURIComponent(seat)}/transfer`;
export const seatClaimPath = (room: RoomId) => `/api/rooms/${room}/seats/claim`;

/**
 * The facilitator's view of the seats (`GET seatsPath`, Bearer key): every seat
 * given out, oldest first, and whether a device holds it open now. A seat
 * nobody recognises (one person taking many to stuff a vote) is removed with
 * `DELETE seatPath`: its sockets close, its private document (ballots, drafts)
 * is deleted and its ballots stop counting; what it published stays.
 */
export const seatPath = (room: RoomId, seat: string) => `/api/rooms/${room}/seats/${encodeURIComponent(seat)}`;
export type SeatSummary = { seat: string; joinedAt: number; online: boolean };
export type SeatList = { seats: SeatSummary[]; closed: boolean };
export type SeatTransfer = { code: string; expiresAt: number };

/** Letters and digits that cannot be mistaken for one another when read off a screen (no 0/O, 1/I/L, 5/S, 2/Z, 8/B). */
export const SEAT_CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
export const SEAT_CODE_LENGTH = 6;
export const SEAT_CODE_TTL_MS = 10 * 60 * 1000;

/** What a person typed, as a code: upper case, without spaces or dashes; null when it cannot be one. */
export function normalizeSeatCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== SEAT_CODE_LENGTH) return null;
  return [...code].every((c) => SEAT_CODE_ALPHABET.includes(c)) ? code : null;
}

/**
 * A refused update is answered with y-protocols' auth message "permission
 * denied", whose reason is this JSON; the sender's document is then ahead of
 * the server's, and an honest client starts over from the server's state.
 */
export type RefusalReason = { refused: true; rule: string; message: string };

export type SyncTarget = { room: RoomId; doc: DocKind };

/** Parses `/sync/<room>`, `/sync/<room>/control` or `/sync/<room>/seat` (query string already removed). */
export function parseSyncPath(pathname: string): SyncTarget | null {
  if (!pathname.startsWith(`${SYNC_PATH_PREFIX}/`)) return null;
  const parts = pathname.slice(SYNC_PATH_PREFIX.length + 1).split('/');
  const [room, sub, ...rest] = parts;
  if (!isRoomId(room) || rest.length > 0) return null;
  if (sub === undefined) return { room, doc: 'board' };
  if (sub === 'control') return { room, doc: 'control' };
  if (sub === 'seat') return { room, doc: 'seat' };
  return null;
}

/** Error codes of the HTTP API; every error body is `{ error: { code, message } }`. */
export const API_ERROR_CODES = [
  'malformed_json',
  'invalid_request',
  'unknown_workshop',
  'unknown_locale',
  'unknown_room',
  'unauthorized',
  'forbidden',
  'unknown_format',
  /** `POST /api/rooms`: an `import` or `carryFrom` that is not a readable export; the message names the field. */
  'invalid_import',
  /** `POST /api/rooms`: the `import` is an export of another workshop than `workshop`. */
  'workshop_mismatch',
  /** `POST /api/rooms`: the `carryFrom` export has no result any step of the workshop takes in. */
  'nothing_to_carry',
  'not_found',
  /** `POST /api/rooms/<room>/seats`: the participant link was replaced; the old one gets no seat. */
  'invite_revoked',
  'invalid_code',
  'unknown_code',
  'code_replaced',
  /** `POST /api/rooms/<room>/seats`: the room has issued its maximum of seats. */
  'room_full',
  /** `POST /api/rooms/<room>/seats`: the facilitator closed the room to new people. */
  'room_closed',
  /** `POST .../seats/<seat>/transfer`, `DELETE .../seats/<seat>`: the room has no such seat. */
  'unknown_seat',
  /** `POST .../seats/claim`: the code is wrong, already used or expired. */
  'invalid_code',
  /** History routes: no step of that id in the room's workshop. */
  'unknown_step',
  /** `POST /api/rooms/<room>/restore`: the room's history does not reach back to its start. */
  'history_incomplete',
  /** `POST /api/rooms/<room>/restore`: the restored board could not be stored. */
  'store_failed',
  'method_not_allowed',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  /** 503: storage refuses writes (files gone, read-only, full); nothing was stored. Retry-After says when to try again. */
  'storage_unavailable',
  /** 503, several servers: the server holding the room cannot be reached right now; Retry-After says when to try again. */
  'owner_unreachable',
  /** `POST /api/rooms`: this address has used its storage quota of rooms and imported bytes; Retry-After says when it frees up. */
  'quota_exceeded',
  'internal',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];
export type ApiError = { error: { code: ApiErrorCode; message: string } };

/** What `POST /api/rooms` answers. */
export type CreatedRoom = {
  room: RoomId;
  facilitatorKey: string;
  participantUrl: string;
  projectorUrl: string;
  facilitatorUrl: string;
  /** The short code people can type at /j instead of the link (src/model/join-code.ts). */
  joinCode: string | null;
};

const inviteQuery = (invite?: string | null) => (invite ? `?invite=${encodeURIComponent(invite)}` : '');

/** What `GET /api/rooms/<room>/links` and `POST /api/rooms/<room>/invite` answer (facilitator only). */
export type RoomLinks = {
  participantUrl: string;
  projectorUrl: string;
  inviteRequired: boolean;
  /** The room's current join code (replaced with the invite); null for rooms older than codes. */
  joinCode: string | null;
  /** The participant link's QR code as SVG, drawn by the server. */
  participantQrSvg: string;
};

/** Page paths of a room; the facilitator key travels in the fragment so it never reaches a server log or a Referer. */
export const roomPaths = {
  participant: (room: RoomId, invite?: string | null) => `/r/${room}${inviteQuery(invite)}`,
  projector: (room: RoomId, invite?: string | null) => `/r/${room}/projector${inviteQuery(invite)}`,
  facilitator: (room: RoomId, key: string) => `/r/${room}/facilitator#key=${encodeURIComponent(key)}`,
};
