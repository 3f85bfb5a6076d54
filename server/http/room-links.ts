/**
 * The room's links, for its facilitator (the caller has checked the key):
 * `GET /api/rooms/<room>/links` gives the participant and projector links,
 * the join code and a QR code of the participant link;
 * `POST /api/rooms/<room>/invite` replaces the participant link and answers
 * the new ones. Links are made on the origin the server is reached on.
 */
import type http from 'node:http';
import QRCode from 'qrcode';
import { roomPaths, type RoomLinks } from '../../src/model/protocol.ts';
import type { RoomRegistry } from '../rooms/registry.ts';
import type { StoredRoom } from '../storage/types.ts';
import { sendJson } from './json.ts';
import { resolvePublicOrigin } from './public-origin.ts';

export type RoomLinkOptions = {
  registry: RoomRegistry;
  publicUrl: string | undefined;
  /** HOST, the address the server listens on (undefined: every interface): links must use one it answers on. */
  listenHost: string | undefined;
};

export function createRoomLinks(options: RoomLinkOptions) {
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

  async function send(res: http.ServerResponse, room: StoredRoom, url: URL): Promise<void> {
    sendJson(res, 200, await linksOf(room, room.invite, url));
  }

  /** The old link stops working: the registry says so (linkReplaced), and the sync server closes its connections. */
  async function replace(res: http.ServerResponse, room: StoredRoom, url: URL): Promise<void> {
    const invite = options.registry.rotateInvite(room.id);
    sendJson(res, 200, await linksOf(room, invite, url));
  }

  return { send, replace };
}
