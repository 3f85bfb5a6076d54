/**
 * The HTTP API under /api. Every answer is JSON (exports aside); every error
 * is `{ error: { code, message } }` with a 4xx status, never a 500 for bad input.
 */
import type http from 'node:http';
import QRCode from 'qrcode';
import { z } from 'zod';
import { isFacilitatorKey, isRoomId, type RoomId } from '../../src/model/ids.ts';
import { isLocale, LOCALES } from '../../src/model/locale.ts';
import { roomPaths, type CreatedRoom, type RoomLinks } from '../../src/model/protocol.ts';
import type { Workshop } from '../../src/model/workshop.ts';
import { buildExport } from '../../src/lib/export/model.ts';
import { exportToMarkdown } from '../../src/lib/export/markdown.ts';
import { KeyedRateLimiter } from '../rooms/rate-limit.ts';
import { keyMatches, type RoomRegistry } from '../rooms/registry.ts';
import { clientAddress } from './client-address.ts';
import type { StoredRoom } from '../storage/types.ts';
import { HttpError, readJsonBody, sendError, sendJson } from './json.ts';
import { resolvePublicOrigin, requestUrlOf } from './public-origin.ts';

export type ApiOptions = {
  registry: RoomRegistry;
  workshops: ReadonlyMap<string, Workshop>;
  publicUrl: string | undefined;
  maxBodyBytes: number;
  roomsPerIpPerMin: number;
  trustProxy: boolean;
  /** Disconnects participants and projectors of a room whose link was replaced. */
  onInviteRotated: (room: string) => void;
};

const createRoomBody = z.object({ workshop: z.string(), locale: z.string() });
const EXPORT_FORMATS = ['md', 'json'] as const;

export function createApiHandler(options: ApiOptions) {
  const SECONDS_PER_MINUTE = 60;
  const roomCreation = new KeyedRateLimiter(options.roomsPerIpPerMin, options.roomsPerIpPerMin / SECONDS_PER_MINUTE);
  return async function handleApi(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = requestUrlOf(req.url ?? '/', req.headers.host, isEncrypted(req));
    try {
      const parts = url.pathname.split('/').filter(Boolean); // ['api', ...]
      if (parts[1] === 'workshops' && parts.length === 2) {
        allow(req, 'GET');
        return sendJson(res, 200, { workshops: [...options.workshops.values()].map(summary) });
      }
      if (parts[1] === 'rooms' && parts.length === 2) {
        allow(req, 'POST');
        return await createRoom(req, res, url);
      }
      if (parts[1] === 'rooms' && parts.length >= 3) {
        const room = findRoom(parts[2]);
        if (parts.length === 3) {
          allow(req, 'GET');
          return sendJson(res, 200, {
            room: room.id,
            workshop: room.workshop,
            locale: room.locale,
            createdAt: new Date(room.createdAt).toISOString(),
          });
        }
        if (parts.length === 4 && parts[3] === 'export') {
          allow(req, 'GET');
          return exportRoom(res, room, url.searchParams.get('format') ?? 'md');
        }
        if (parts.length === 4 && parts[3] === 'links') {
          allow(req, 'GET');
          requireFacilitator(req, room);
          return sendJson(res, 200, await linksOf(room, room.invite, url));
        }
        if (parts.length === 4 && parts[3] === 'invite') {
          allow(req, 'POST');
          requireFacilitator(req, room);
          const invite = options.registry.rotateInvite(room.id);
          options.onInviteRotated(room.id);
          return sendJson(res, 200, await linksOf(room, invite, url));
        }
      }
      throw new HttpError(404, 'not_found', `No API route ${url.pathname}.`);
    } catch (error) {
      if (error instanceof HttpError) return sendError(res, error);
      throw error;
    }
  };

  async function createRoom(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const waitMs = roomCreation.check(clientAddress(req, options.trustProxy));
    if (waitMs > 0) {
      const seconds = Math.ceil(waitMs / 1000);
      throw new HttpError(429, 'rate_limited', `Too many new rooms from this address; try again in ${seconds} s.`, {
        'retry-after': String(seconds),
      });
    }
    const body = createRoomBody.safeParse(await readJsonBody(req, options.maxBodyBytes));
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
    const { room, key } = options.registry.createRoom(workshop.id, body.data.locale);
    const { origin } = resolvePublicOrigin(options.publicUrl, url);
    const created: CreatedRoom = {
      room: room.id,
      facilitatorKey: key,
      participantUrl: origin + roomPaths.participant(room.id),
      projectorUrl: origin + roomPaths.projector(room.id),
      facilitatorUrl: origin + roomPaths.facilitator(room.id, key),
    };
    sendJson(res, 201, created, { location: roomPaths.participant(room.id) });
  }

  async function linksOf(room: StoredRoom, invite: string | null, url: URL): Promise<RoomLinks> {
    const { origin } = resolvePublicOrigin(options.publicUrl, url);
    const participantUrl = origin + roomPaths.participant(room.id, invite);
    return {
      participantUrl,
      projectorUrl: origin + roomPaths.projector(room.id, invite),
      inviteRequired: invite !== null,
      participantQrSvg: await QRCode.toString(participantUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 }),
    };
  }

  function findRoom(id: string | undefined): StoredRoom {
    const room = isRoomId(id) ? options.registry.getRoom(id) : null;
    if (!room) throw new HttpError(404, 'unknown_room', 'No room with that id.');
    return room;
  }

  function exportRoom(res: http.ServerResponse, room: StoredRoom, format: string): void {
    if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
      throw new HttpError(
        400,
        'unknown_format',
        `Unknown format "${format}". Use one of: ${EXPORT_FORMATS.join(', ')}.`,
      );
    }
    const workshop = options.workshops.get(room.workshop);
    if (!workshop)
      throw new HttpError(404, 'unknown_workshop', `The workshop "${room.workshop}" is no longer installed.`);
    const board = options.registry.snapshot(room.id as RoomId, 'board');
    const control = options.registry.snapshot(room.id as RoomId, 'control');
    try {
      const model = buildExport({
        room: room.id,
        workshop,
        locale: room.locale,
        createdAt: room.createdAt,
        board,
        control,
      });
      const name = `${workshop.id}-${model.exportedAt.slice(0, 10)}`;
      if (format === 'json') {
        return sendJson(res, 200, model, { 'content-disposition': `attachment; filename="${name}.json"` });
      }
      const markdown = exportToMarkdown(model);
      res.writeHead(200, {
        'content-type': 'text/markdown; charset=utf-8',
        'content-disposition': `attachment; filename="${name}.md"`,
        'cache-control': 'no-store',
      });
      res.end(markdown);
    } finally {
      board.destroy();
      control.destroy();
    }
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
