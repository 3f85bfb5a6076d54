/**
 * `POST /api/rooms`: a new room of an installed workshop, empty or continued
 * from an export (server/http/import-room.ts). Anyone may make one, so each
 * address is limited twice: in how many rooms a minute, and in how many
 * bytes a day those rooms and imports may store.
 */
import type http from 'node:http';
import { z } from 'zod';
import { isLocale, LOCALES } from '../../src/model/locale.ts';
import { roomPaths, type CreatedRoom } from '../../src/model/protocol.ts';
import type { Workshop } from '../../src/model/workshop.ts';
import { KeyedRateLimiter } from '../net/rate-limit.ts';
import type { RoomRegistry } from '../rooms/registry.ts';
import { perMinute, requireWritableStorage, spend, type StorageGate } from './guards.ts';
import { initialDocs } from './import-room.ts';
import { HttpError, readJsonBody, sendJson } from './json.ts';
import { resolvePublicOrigin } from './public-origin.ts';

export type RoomCreationOptions = StorageGate & {
  registry: RoomRegistry;
  workshops: ReadonlyMap<string, Workshop>;
  publicUrl: string | undefined;
  listenHost: string | undefined;
  /** Body limit of `POST /api/rooms`, which may carry exports to start from. */
  maxImportBytes: number;
  roomsPerIpPerMin: number;
  /** Bytes one address may store per day through new rooms and imports. */
  roomQuotaBytesPerIpPerDay: number;
  trustProxy: boolean;
};

/** What a new room counts against its address's storage quota at least: its rows, seats and a first run of writing. */
const MIN_ROOM_COST_BYTES = 64 * 1024;
const SECONDS_PER_DAY = 24 * 60 * 60;

const createRoomBody = z.object({
  workshop: z.string(),
  locale: z.string(),
  /** A JSON export of a room of this workshop to continue (see server/http/import-room.ts). */
  import: z.unknown().optional(),
  /** A JSON export of an earlier workshop whose results flow on into this one. */
  carryFrom: z.unknown().optional(),
});

export function createRoomCreation(options: RoomCreationOptions) {
  const rooms = perMinute(options.roomsPerIpPerMin);
  // A byte bucket per address, refilled over a day: the rate limit bounds how many rooms, this how much they hold.
  const storageQuota = new KeyedRateLimiter(
    options.roomQuotaBytesPerIpPerDay,
    options.roomQuotaBytesPerIpPerDay / SECONDS_PER_DAY,
  );

  return async function createRoom(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    requireWritableStorage(options, 'room');
    spend(rooms, req, options.trustProxy, {
      code: 'rate_limited',
      message: (seconds) => `Too many new rooms from this address; try again in ${seconds} s.`,
    });
    const body = createRoomBody.safeParse(await readJsonBody(req, options.maxImportBytes));
    if (!body.success) {
      throw new HttpError(400, 'invalid_request', 'Expected {"workshop": "<id>", "locale": "da" | "nb" | "en"}.');
    }
    const workshop = options.workshops.get(body.data.workshop);
    if (!workshop) {
      const known = [...options.workshops.keys()].join(', ');
      throw new HttpError(400, 'unknown_workshop', `Unknown workshop "${body.data.workshop}". Known: ${known}.`);
    }
    const locale = body.data.locale;
    if (!isLocale(locale)) {
      throw new HttpError(400, 'unknown_locale', `Unknown locale "${locale}". Use one of: ${LOCALES.join(', ')}.`);
    }
    const cost = Math.max(MIN_ROOM_COST_BYTES, Buffer.byteLength(JSON.stringify(body.data)));
    spend(
      storageQuota,
      req,
      options.trustProxy,
      {
        code: 'quota_exceeded',
        message: (seconds) => `This address has stored its share for now; try again in ${seconds} s.`,
      },
      cost,
    );
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
  };
}
