/**
 * The HTTP API under /api: which route answers which path and method. Every
 * answer is JSON (exports aside); every error is `{ error: { code, message } }`
 * with a 4xx status, never a 500 for bad input. What a request must show is
 * guards.ts's; each route's work is in its own module, named below.
 */
import type http from 'node:http';
import { isRoomId } from '../../src/model/ids.ts';
import { TIME_PATH, type TimeAnswer } from '../../src/model/protocol.ts';
import type { Workshop } from '../../src/model/workshop.ts';
import { HistoryReaders } from '../rooms/history-readers.ts';
import type { RoomRegistry } from '../rooms/registry.ts';
import type { RoomRecovery } from '../storage/storage-status.ts';
import type { RoomStore, StoredRoom } from '../storage/types.ts';
import { sendExport } from './export-route.ts';
import { allow, requireFacilitator, requireLink } from './guards.ts';
import { restore, sendStepHistory } from './history-route.ts';
import { createJoinRoute } from './join-route.ts';
import { HttpError, sendError, sendJson } from './json.ts';
import { requestUrlOf } from './public-origin.ts';
import { createRoomCreation } from './room-creation.ts';
import { createRoomLinks } from './room-links.ts';
import { createSeatAdmission } from './seat-admission.ts';
import { createSeatMoves } from './seat-moves.ts';

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

export function createApiHandler(options: ApiOptions) {
  const createRoom = createRoomCreation(options);
  const admission = createSeatAdmission(options);
  const seatMoves = createSeatMoves(options);
  const links = createRoomLinks(options);
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
          return await links.send(res, room, url);
        }
        if (parts.length === 4 && parts[3] === 'seats' && req.method === 'GET') {
          requireFacilitator(req, room);
          return admission.list(res, room);
        }
        if (parts.length === 4 && parts[3] === 'seats') {
          allow(req, 'POST');
          return await admission.issue(req, res, room);
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
          return await links.replace(res, room, url);
        }
      }
      throw new HttpError(404, 'not_found', `No API route ${url.pathname}.`);
    } catch (error) {
      if (error instanceof HttpError) return sendError(res, error);
      throw error;
    }
  };

  function findRoom(id: string | undefined): StoredRoom {
    const room = isRoomId(id) ? options.registry.getRoom(id) : null;
    if (!room) throw new HttpError(404, 'unknown_room', 'No room with that id.');
    return room;
  }
}

function summary(w: Workshop) {
  return { id: w.id, title: w.title, summary: w.summary, minutes: w.minutes, steps: w.steps.length };
}

function isEncrypted(req: http.IncomingMessage): boolean {
  return Boolean((req.socket as { encrypted?: boolean }).encrypted);
}
