/**
 * The HTTP API under /api. Every answer is JSON (exports aside); every error
 * is `{ error: { code, message } }` with a 4xx status, never a 500 for bad input.
 */
import type http from 'node:http';
import QRCode from 'qrcode';
import { z } from 'zod';
import { isFacilitatorKey, isRoomId } from '../../src/model/ids.ts';
import { isLocale, LOCALES } from '../../src/model/locale.ts';
import {
  roomPaths,
  TIME_PATH,
  type CreatedRoom,
  type RoomLinks,
  type SeatGrant,
  type TimeAnswer,
} from '../../src/model/protocol.ts';
import type { Workshop } from '../../src/model/workshop.ts';
import { KeyedRateLimiter } from '../net/rate-limit.ts';
import type { RoomRegistry } from '../rooms/registry.ts';
import { inviteMatches, keyMatches } from '../rooms/room-records.ts';
import { clientAddress } from '../net/client-address.ts';
import { createSeatAdmission } from './seat-admission.ts';
import { createSeatMoves } from './seat-moves.ts';
import { sendExport } from './export-route.ts';
import { restore, sendStepHistory } from './history-route.ts';
import { HistoryReaders } from '../rooms/history-readers.ts';
import type { RoomStore } from '../storage/types.ts';
import type { StoredRoom } from '../storage/types.ts';
import type { RoomRecovery } from '../storage/storage-status.ts';
import { initialDocs } from './import-room.ts';
import { createJoinRoute } from './join-route.ts';
import { HttpError, readJsonBody, sendError, sendJson } from './json.ts';
import { resolvePublicOrigin, requestUrlOf } from './public-origin.ts';

export type ApiOptions = {
  registry: RoomRegistry;
  /** The room's history (read by the facilitator's history routes). */
  store: RoomStore;
  workshops: ReadonlyMap<string, Workshop>;
  publicUrl: string | undefined;
  /** HOST, the address the server listens on (undefined: every interface): links must use one it answers on. */
  listenHost: string | undefined;
  maxBodyBytes: number;
  /** Body limit of `POST /api/rooms`, which may carry exports to start from. */
  maxImportBytes: number;
  roomsPerIpPerMin: number;
  seatsPerIpPerMin: number;
  seatClaimsPerIpPerMin: number;
  joinLookupsPerIpPerMin: number;
  maxSeatsPerRoom: number;
  /** Bytes one address may store per day through new rooms and imports. */
  roomQuotaBytesPerIpPerDay: number;
  trustProxy: boolean;
  /** Why storage refuses writes right now (files gone, read-only, full), or null. */
  storageRefusal: () => string | null;
  onRefusedWrite: (kind: 'room' | 'seat') => void;
  /** When an idle room will be deleted by the retention (ms since the epoch). */
  deletesAt: (room: StoredRoom) => number;
  /** What of the room's documents was recovered from damage when they were loaded (for its facilitator only). */
  recoveriesOf: (room: StoredRoom['id']) => RoomRecovery[];
  /** The seats some device holds a connection as. */
  onlineSeats: (room: string) => Set<string>;
};

/** Retry-After when storage is unavailable: an operator needs minutes, a client should not hammer meanwhile. */
const STORAGE_RETRY_AFTER_SECONDS = 30;

/** What a new room counts against its address's storage quota at least: its rows, seats and a first run of writing. */
const MIN_ROOM_COST_BYTES = 64 * 1024;

const seatBody = z.object({ invite: z.string().max(64).optional() });

const createRoomBody = z.object({
  workshop: z.string(),
  locale: z.string(),
  /** A JSON export of a room of this workshop to continue (see server/http/import-room.ts). */
  import: z.unknown().optional(),
  /** A JSON export of an earlier workshop whose results flow on into this one. */
  carryFrom: z.unknown().optional(),
});

export function createApiHandler(options: ApiOptions) {
  const SECONDS_PER_MINUTE = 60;
  const roomCreation = new KeyedRateLimiter(options.roomsPerIpPerMin, options.roomsPerIpPerMin / SECONDS_PER_MINUTE);
  // A byte bucket per address, refilled over a day: the rate limit bounds how many rooms, this how much they hold.
  const SECONDS_PER_DAY = 24 * 60 * 60;
  const storageQuota = new KeyedRateLimiter(
    options.roomQuotaBytesPerIpPerDay,
    options.roomQuotaBytesPerIpPerDay / SECONDS_PER_DAY,
  );
  const seatIssue = new KeyedRateLimiter(options.seatsPerIpPerMin, options.seatsPerIpPerMin / SECONDS_PER_MINUTE);
  const seatMoves = createSeatMoves(options);
  const admission = createSeatAdmission(options);
  const history = { ...options, readers: new HistoryReaders() };
  const handleJoin = createJoinRoute(options);
  return async function handleApi(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = requestUrlOf(req.url ?? '/', req.headers.host, isEncrypted(req));
    try {
      const parts = url.pathname.split('/').filter(Boolean); // ['api', ...]
      if (url.pathname === TIME_PATH) {
        allow(req, 'GET');
        // Screens estimate their clock offset from this; sendJson already forbids caching.
        const answer: TimeAnswer = { now: Date.now() };
        return sendJson(res, 200, answer);
      }
      if (parts[1] === 'workshops' && parts.length === 2) {
        allow(req, 'GET');
        return sendJson(res, 200, { workshops: [...options.workshops.values()].map(summary) });
      }
      if (parts[1] === 'join' && parts.length === 3) {
        allow(req, 'GET');
        return handleJoin(req, res, parts[2] ?? '');
      }
      if (parts[1] === 'rooms' && parts.length === 2) {
        allow(req, 'POST');
        return await createRoom(req, res, url);
      }
      if (parts[1] === 'rooms' && parts.length >= 3) {
        const room = findRoom(parts[2]);
        if (parts.length === 3 && req.method === 'DELETE') {
          requireFacilitator(req, room);
          options.registry.deleteRoom(room.id);
          return sendJson(res, 200, { deleted: room.id });
        }
        if (parts.length === 3) {
          allow(req, 'GET');
          return sendJson(res, 200, {
            room: room.id,
            workshop: room.workshop,
            locale: room.locale,
            createdAt: new Date(room.createdAt).toISOString(),
            // Unless someone opens it again before then.
            deletesAt: new Date(options.deletesAt(room)).toISOString(),
          });
        }
        if (parts.length === 4 && parts[3] === 'export') {
          allow(req, 'GET');
          requireLink(req, room, url);
          return await sendExport(res, room, url.searchParams.get('format'), options);
        }
        if (parts.length === 4 && parts[3] === 'recovery') {
          allow(req, 'GET');
          // The problems name rows and pages, not people, but they are the facilitator's business.
          requireFacilitator(req, room);
          const recovered = options
            .recoveriesOf(room.id)
            .map(({ doc, source, problems, at }) => ({ doc, source, problems, at }));
          return sendJson(res, 200, { recovered });
        }
        if (parts.length === 4 && parts[3] === 'links') {
          allow(req, 'GET');
          requireFacilitator(req, room);
          return sendJson(res, 200, await linksOf(room, room.invite, url));
        }
        if (parts.length === 4 && parts[3] === 'seats' && req.method === 'GET') {
          requireFacilitator(req, room);
          return admission.list(res, room);
        }
        if (parts.length === 4 && parts[3] === 'seats') {
          allow(req, 'POST');
          return await issueSeat(req, res, room);
        }
        if (parts.length === 5 && parts[3] === 'seats' && req.method === 'DELETE') {
          requireFacilitator(req, room);
          return admission.remove(res, room, decodeURIComponent(parts[4] as string));
        }
        if (parts.length === 5 && parts[3] === 'seats' && parts[4] === 'claim') {
          allow(req, 'POST');
          return await seatMoves.claim(req, res, room);
        }
        if (parts.length === 6 && parts[3] === 'seats' && parts[5] === 'transfer') {
          allow(req, 'POST');
          requireFacilitator(req, room);
          return seatMoves.transfer(res, room, decodeURIComponent(parts[4] as string));
        }
        if (parts.length === 4 && parts[3] === 'history') {
          allow(req, 'GET');
          requireFacilitator(req, room);
          return sendStepHistory(res, room, url, history);
        }
        if (parts.length === 4 && parts[3] === 'restore') {
          allow(req, 'POST');
          requireFacilitator(req, room);
          return await restore(req, res, room, history);
        }
        if (parts.length === 4 && parts[3] === 'invite') {
          allow(req, 'POST');
          requireFacilitator(req, room);
          // The registry says so (linkReplaced): the sync server closes the old link's connections.
          const invite = options.registry.rotateInvite(room.id);
          return sendJson(res, 200, await linksOf(room, invite, url));
        }
      }
      throw new HttpError(404, 'not_found', `No API route ${url.pathname}.`);
    } catch (error) {
      if (error instanceof HttpError) return sendError(res, error);
      throw error;
    }
  };

  /** A write that could not be kept is refused before anything is promised. */
  function requireWritableStorage(kind: 'room' | 'seat'): void {
    const refusal = options.storageRefusal();
    if (refusal) {
      options.onRefusedWrite(kind);
      throw new HttpError(503, 'storage_unavailable', 'The server cannot store anything right now; try again later.', {
        'retry-after': String(STORAGE_RETRY_AFTER_SECONDS),
      });
    }
  }

  async function createRoom(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    requireWritableStorage('room');
    const waitMs = roomCreation.check(clientAddress(req, options.trustProxy));
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      throw new HttpError(429, 'rate_limited', `Too many new rooms from this address; try again in ${seconds} s.`, {
        'retry-after': String(seconds),
      });
    }
    const body = createRoomBody.safeParse(await readJsonBody(req, options.maxImportBytes));
    if (!body.success) {
      throw new HttpError(400, 'invalid_request', 'Expected {"workshop": "<id>", "locale": "da" | "nb" | "en"}.');
    }
    const workshop = options.workshops.get(body.data.workshop);
    if (!workshop) {
      const known = [...options.workshops.keys()].join(', ');
      throw new HttpError(400, 'unknown_workshop', `Unknown workshop "${body.data.workshop}". Known: ${known}.`);
    }
    if (!isLocale(body.data.locale)) {
      throw new HttpError(
        400,
        'unknown_locale',
        `Unknown locale "${body.data.locale}". Use one of: ${LOCALES.join(', ')}.`,
      );
    }
    const locale = body.data.locale;
    const cost = Math.max(MIN_ROOM_COST_BYTES, Buffer.byteLength(JSON.stringify(body.data)));
    const quotaWaitMs = storageQuota.check(clientAddress(req, options.trustProxy), cost);
    if (quotaWaitMs > 0) {
      const seconds = Math.ceil(quotaWaitMs / 1000);
      throw new HttpError(
        429,
        'quota_exceeded',
        `This address has stored its share for now; try again in ${seconds} s.`,
        {
          'retry-after': String(seconds),
        },
      );
    }
    const initial = initialDocs(body.data, workshop, locale, options.workshops) ?? undefined;
    const { room, key } = options.registry.createRoom(workshop.id, locale, Date.now(), initial);
    const { origin } = resolvePublicOrigin(options.publicUrl, url, options.listenHost);
    const created: CreatedRoom = {
      room: room.id,
      facilitatorKey: key,
      participantUrl: origin + roomPaths.participant(room.id),
      projectorUrl: origin + roomPaths.projector(room.id),
      facilitatorUrl: origin + roomPaths.facilitator(room.id, key),
      joinCode: room.joinCode,
    };
    sendJson(res, 201, created, { location: roomPaths.participant(room.id) });
  }

  /**
   * A seat for a device: participants show the current link (its invite once
   * replaced), the facilitator its key. Each address may take only so many
   * seats a minute, and a room only so many in all.
   */
  async function issueSeat(req: http.IncomingMessage, res: http.ServerResponse, room: StoredRoom): Promise<void> {
    requireWritableStorage('seat');
    const body = seatBody.safeParse(await readJsonBody(req, options.maxBodyBytes));
    if (!body.success) throw new HttpError(400, 'invalid_request', 'Expected {} or {"invite": "<token>"}.');
    if (req.headers.authorization !== undefined) requireFacilitator(req, room);
    else if (!inviteMatches(room, body.data.invite ?? null)) {
      throw new HttpError(410, 'invite_revoked', 'This link was replaced; ask the facilitator for the new one.');
    } else if (admission.closed(room.id)) {
      throw new HttpError(403, 'room_closed', 'The facilitator has closed this room to new people; ask them to open it.');
    }
    const waitMs = seatIssue.check(clientAddress(req, options.trustProxy));
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      throw new HttpError(429, 'rate_limited', `Too many seats from this address; try again in ${seconds} s.`, {
        'retry-after': String(seconds),
      });
    }
    if (options.registry.seatCount(room.id) >= options.maxSeatsPerRoom) {
      throw new HttpError(409, 'room_full', 'This room has given out all its seats.');
    }
    const grant: SeatGrant = options.registry.issueSeat(room.id);
    sendJson(res, 201, grant);
  }

  async function linksOf(room: StoredRoom, invite: string | null, url: URL): Promise<RoomLinks> {
    const { origin } = resolvePublicOrigin(options.publicUrl, url, options.listenHost);
    const participantUrl = origin + roomPaths.participant(room.id, invite);
    return {
      participantUrl,
      projectorUrl: origin + roomPaths.projector(room.id, invite),
      inviteRequired: invite !== null,
      joinCode: options.registry.getRoom(room.id)?.joinCode ?? null,
      participantQrSvg: await QRCode.toString(participantUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 }),
    };
  }

  function findRoom(id: string | undefined): StoredRoom {
    const room = isRoomId(id) ? options.registry.getRoom(id) : null;
    if (!room) throw new HttpError(404, 'unknown_room', 'No room with that id.');
    return room;
  }
}

/** Facilitator-only routes take the key as `Authorization: Bearer <key>`, never in the URL. */
function requireFacilitator(req: http.IncomingMessage, room: StoredRoom): void {
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

/**
 * What the room's pages ask of a visitor, asked of a download too: the
 * facilitator's key (as Bearer), or a participant or projector link that is
 * still current. After the link is replaced, the old one exports nothing.
 */
function requireLink(req: http.IncomingMessage, room: StoredRoom, url: URL): void {
  if (req.headers.authorization !== undefined) return requireFacilitator(req, room);
  if (!inviteMatches(room, url.searchParams.get('invite'))) {
    throw new HttpError(410, 'invite_revoked', 'This link was replaced; ask the facilitator for the new one.');
  }
}

function allow(req: http.IncomingMessage, method: string): void {
  if (req.method === method || (method === 'GET' && req.method === 'HEAD')) return;
  throw new HttpError(405, 'method_not_allowed', `Use ${method}.`, { allow: method });
}

function summary(w: Workshop) {
  return { id: w.id, title: w.title, summary: w.summary, minutes: w.minutes, steps: w.steps.length };
}

function isEncrypted(req: http.IncomingMessage): boolean {
  return Boolean((req.socket as { encrypted?: boolean }).encrypted);
}
