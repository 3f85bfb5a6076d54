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
import { VotePublisher } from './rooms/vote-results.ts';

export type Core = {
  config: Config;
  logger: Logger;
  store: RoomStore;
  workshops: ReadonlyMap<string, Workshop>;
  registry: RoomRegistry;
  votes: VotePublisher;
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
    liveDoc: {
      presence: {
        tickMs: config.limits.presenceTickMs,
        perConnectionPerSec: config.limits.presenceChangesPerSec,
        perRoomPerSec: config.limits.presenceStatesPerRoomPerSec,
      },
      budget: {
        maxDocBytes: config.limits.maxDocBytes,
        seatShareBytes: config.limits.seatShareBytes,
        facilitatorReserveBytes: config.limits.facilitatorReserveBytes,
      },
    },
    onStorageFailure: (live) => {
      sync?.dropDocument(live);
      registry.discard(live);
    },
  });
  // Counts the ballots in the seat documents and publishes what the board may show.
  const votes = new VotePublisher({ registry, workshops, logger });
  sync = new SyncServer({
    registry,
    logger,
    limits: config.limits,
    allowedOrigins: config.publicUrl ? [config.publicUrl, ...config.allowedOrigins] : config.allowedOrigins,
    trustProxy: config.trustProxy,
    pingIntervalMs: config.pingIntervalMs,
    workshops,
  });
  installHost({
    lookupRoom: (id) => {
      const room = registry.getRoom(id);
      return room ? { room: room.id, workshop: room.workshop, locale: room.locale, createdAt: room.createdAt } : null;
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
    store,
    workshops,
    publicUrl: config.publicUrl,
    maxBodyBytes: config.limits.maxHttpBodyBytes,
    maxImportBytes: config.limits.maxImportBytes,
    roomsPerIpPerMin: config.limits.roomsPerIpPerMin,
    seatsPerIpPerMin: config.limits.seatsPerIpPerMin,
    seatClaimsPerIpPerMin: config.limits.seatClaimsPerIpPerMin,
    maxSeatsPerRoom: config.limits.maxSeatsPerRoom,
    trustProxy: config.trustProxy,
    onInviteRotated: (room) => syncServer.revokeGuests(room),
    onSeatMoved: (room, seat) => syncServer.closeSeat(room, seat),
  });
  const syncServer = sync;
  return {
    config,
    logger,
    store,
    workshops,
    registry,
    votes,
    sync: syncServer,
    handleApi,
    shutdown() {
      votes.flush();
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
