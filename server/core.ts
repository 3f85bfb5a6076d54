/**
 * Everything the server is, apart from how pages are rendered: storage,
 * rooms, the sync server and the API. Production (server/index.ts) and the
 * dev server (server/http/dev-integration.ts) both build on this.
 */
import type { Workshop } from '../src/model/workshop.ts';
import { installHost } from '../src/model/host.ts';
import type { Config } from './config.ts';
import { loadWorkshops } from './content/workshops.ts';
import { createApiHandler } from './http/api.ts';
import { roomExportModel } from './http/export-route.ts';
import { resolvePublicOrigin } from './http/public-origin.ts';
import type { Logger } from './log.ts';
import { inviteMatches, RoomRegistry } from './rooms/registry.ts';
import { MemoryStore } from './storage/memory-store.ts';
import { SqliteStore } from './storage/sqlite-store.ts';
import type { RoomStore } from './storage/types.ts';
import { SyncServer } from './sync/ws-server.ts';

export type Core = {
  config: Config;
  logger: Logger;
  store: RoomStore;
  workshops: ReadonlyMap<string, Workshop>;
  registry: RoomRegistry;
  sync: SyncServer;
  handleApi: ReturnType<typeof createApiHandler>;
  /** Stores what is pending, disconnects clients with "server restarting", closes storage. */
  shutdown(): void;
};

export function createCore(config: Config, logger: Logger): Core {
  const workshops = loadWorkshops(config.workshopsDir);
  const store = openStore(config, logger);
  // The sync server is created below; storage failures are routed to it.
  let sync: SyncServer | null = null;
  const registry = new RoomRegistry({
    store,
    logger,
    idleUnloadMs: config.idleUnloadMs,
    compactAfterUpdates: config.compactAfterUpdates,
    onStorageFailure: (live) => {
      sync?.dropDocument(live);
      registry.discard(live);
    },
  });
  sync = new SyncServer({
    registry,
    logger,
    limits: config.limits,
    allowedOrigins: config.publicUrl ? [config.publicUrl, ...config.allowedOrigins] : config.allowedOrigins,
    trustProxy: config.trustProxy,
    pingIntervalMs: config.pingIntervalMs,
  });
  installHost({
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
    publicOrigin: (requestUrl) => resolvePublicOrigin(config.publicUrl, requestUrl),
    workshops: () => [...workshops.values()],
    roomExport: (id) => {
      const room = registry.getRoom(id);
      return room && workshops.has(room.workshop) ? roomExportModel(room, { registry, workshops }) : null;
    },
  });
  const handleApi = createApiHandler({
    registry,
    workshops,
    publicUrl: config.publicUrl,
    maxBodyBytes: config.limits.maxHttpBodyBytes,
    maxImportBytes: config.limits.maxImportBytes,
    roomsPerIpPerMin: config.limits.roomsPerIpPerMin,
    seatsPerIpPerMin: config.limits.seatsPerIpPerMin,
    joinLookupsPerIpPerMin: config.limits.joinLookupsPerIpPerMin,
    maxSeatsPerRoom: config.limits.maxSeatsPerRoom,
    trustProxy: config.trustProxy,
    onInviteRotated: (room) => syncServer.revokeGuests(room),
  });
  const syncServer = sync;
  return {
    config,
    logger,
    store,
    workshops,
    registry,
    sync: syncServer,
    handleApi,
    shutdown() {
      registry.writes.flush();
      syncServer.closeAll('serverRestarting');
      registry.closeAll();
      store.close();
    },
  };
}

function openStore(config: Config, logger: Logger): RoomStore {
  if (config.storage === 'memory') return new MemoryStore();
  const store = new SqliteStore(config.dataDir);
  const problems = store.check();
  if (problems.length > 0) logger.error('storage_check_failed', { problems });
  return store;
}
