/**
 * What the pages ask of the server while they render (src/lib/host.ts): a
 * room's public facts, whether an invite is current, the origin links use,
 * the workshops and a room's export. Answered from the registry, so a page
 * sees the same room as the API and the sync server.
 */
import type { HostContext } from '../../src/lib/host.ts';
import type { Workshop } from '../../src/model/workshop.ts';
import type { RoomRegistry } from '../rooms/registry.ts';
import { inviteMatches } from '../rooms/room-records.ts';
import { roomExportModel } from './export-route.ts';
import { resolvePublicOrigin } from './public-origin.ts';

export type PageHostOptions = {
  registry: RoomRegistry;
  workshops: ReadonlyMap<string, Workshop>;
  /** PUBLIC_URL, if set. */
  publicUrl: string | undefined;
  /** HOST, the address the server listens on (undefined: every interface). */
  listenHost: string | undefined;
};

export function pageHost({ registry, workshops, publicUrl, listenHost }: PageHostOptions): HostContext {
  return {
    lookupRoom: (id) => {
      const room = registry.getRoom(id);
      if (!room) return null;
      return {
        room: room.id,
        workshop: room.workshop,
        locale: room.locale,
        createdAt: room.createdAt,
        joinCode: room.joinCode,
      };
    },
    inviteValid: (id, invite) => {
      const room = registry.getRoom(id);
      return room !== null && inviteMatches(room, invite);
    },
    publicOrigin: (requestUrl) => resolvePublicOrigin(publicUrl, requestUrl, listenHost),
    workshops: () => [...workshops.values()],
    roomExport: (id) => {
      const room = registry.getRoom(id);
      return room && workshops.has(room.workshop) ? roomExportModel(room, { registry, workshops }) : null;
    },
  };
}
