/**
 * Everything the server is, apart from how pages are rendered: storage,
 * rooms, the sync server and the API. Production (server/index.ts) and the
 * dev server (server/http/dev-integration.ts) both build on this.
 */
import type { Workshop } from '../src/model/workshop.ts';
import { installHost } from '../src/lib/host.ts';
import type { Config } from './config.ts';
import { loadWorkshops } from './content/workshops.ts';
import { createApiHandler } from './http/api.ts';
import { roomExportModel } from './http/export-route.ts';
import { resolvePublicOrigin } from './http/public-origin.ts';
import type { Logger } from './log.ts';
import { ServerMetrics } from './http/metrics.ts';
import { inviteMatches, RoomRegistry } from './rooms/registry.ts';
import { RoomRetention } from './rooms/retention.ts';
import type { RoomId } from '../src/model/ids.ts';
import { MemoryStore } from './storage/memory-store.ts';
import { SqliteStore } from './storage/sqlite-store.ts';
import { PgStore } from './storage/pg-store.ts';
import { InstanceLock } from './storage/instance-lock.ts';
import { StorageStatus } from './storage/storage-status.ts';
import { StorageWatch } from './storage/storage-watch.ts';
import type { RoomStore } from './storage/types.ts';
import { SyncServer } from './sync/ws-server.ts';
import type { Cluster } from './cluster/cluster.ts';
import { createCluster } from './cluster/create.ts';
import { migrateLegacyBallots } from './rooms/ballot-migration.ts';
import { SeatPublisher } from './rooms/seat-publisher.ts';
import { VotePublisher } from './rooms/vote-results.ts';

export type Core = {
  config: Config;
  logger: Logger;
  store: RoomStore;
  status: StorageStatus;
  metrics: ServerMetrics;
  workshops: ReadonlyMap<string, Workshop>;
  registry: RoomRegistry;
  votes: VotePublisher;
  seatWork: SeatPublisher;
  retention: RoomRetention;
  /** Deletes a room and everything in it: its clients are closed as for an unknown room. */
  deleteRoom(room: RoomId): void;
  sync: SyncServer;
  /** Several servers on one database (STORAGE=postgres with CLUSTER_SECRET); null otherwise. */
  cluster: Cluster | null;
  handleApi: ReturnType<typeof createApiHandler>;
  /** Stores what is pending, closes storage (giving leases back), then disconnects clients with "server restarting". */
  shutdown(): void;
};

export function createCore(config: Config, logger: Logger): Core {
  const workshops = loadWorkshops(config.workshopsDir);
  const status = new StorageStatus();
  const { store, lock, watch } = openStore(config, logger, status);
  // The sync server is created below; storage failures are routed to it.
  let sync: SyncServer | null = null;
  const metrics: ServerMetrics = new ServerMetrics(status, {
    rooms: (): number => registry.liveCount(),
    clients: (): number => sync?.size ?? 0,
  });
  const registry = new RoomRegistry({
    store,
    status,
    metrics,
    logger,
    idleUnloadMs: config.idleUnloadMs,
    compactAfterUpdates: config.compactAfterUpdates,
    commitSpacing: config.limits,
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
      // A failed write may mean the files are gone or read-only: then every room must stop taking writes.
      watch?.check();
    },
  });
  // Another server took a room over (this one was paused or cut off): its clients go, to come back to the owner.
  store.onRoomLost?.((room) => {
    logger.error('room_lease_lost', { room });
    sync?.closeRoom(room, 'serverRestarting');
    registry.dropRoom(room);
  });
  // Boards stored before the seat documents: their ballots move into seats when they load.
  migrateLegacyBallots(registry, logger);
  // Counts the ballots in the seat documents and publishes what the board may show.
  const votes = new VotePublisher({ registry, workshops, logger });
  // Publishes silent notes and own definitions at the reveal, and anonymous notes without their writers.
  const seatWork = new SeatPublisher({ registry, workshops, logger, batchMs: config.anonymousBatchMs });
  // Nothing can be stored: every client is told so, rather than left believing its changes are kept.
  status.onChange((refusal) => {
    if (refusal) sync?.disconnectAll('storageFailure');
  });
  // Several servers on one database: sockets and calls for rooms held elsewhere go to their owner.
  const cluster = createCluster(config, store, registry, logger);
  sync = new SyncServer({
    registry,
    logger,
    limits: config.limits,
    allowedOrigins: config.publicUrl ? [config.publicUrl, ...config.allowedOrigins] : config.allowedOrigins,
    trustProxy: config.trustProxy,
    pingIntervalMs: config.pingIntervalMs,
    workshops,
    onSocketClosed: (code) => metrics.socketClosed(code),
    relay: cluster
      ? (request, socket, head, serveHere) => cluster.relayUpgrade(request, socket, head, serveHere)
      : undefined,
  });
  const deleteRoom = (room: RoomId) => {
    sync?.closeRoom(room, 'unknownRoom');
    registry.deleteRoom(room);
    logger.info('room_deleted', { room });
  };
  const retention = new RoomRetention({
    store,
    retentionDays: config.roomRetentionDays,
    isLive: (room) => registry.isRoomLive(room),
    deleteRoom,
    logger,
  });
  if (config.storage !== 'memory') retention.start();
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
    publicOrigin: (requestUrl) => resolvePublicOrigin(config.publicUrl, requestUrl, config.host),
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
    listenHost: config.host,
    maxBodyBytes: config.limits.maxHttpBodyBytes,
    maxImportBytes: config.limits.maxImportBytes,
    roomsPerIpPerMin: config.limits.roomsPerIpPerMin,
    seatsPerIpPerMin: config.limits.seatsPerIpPerMin,
    seatClaimsPerIpPerMin: config.limits.seatClaimsPerIpPerMin,
    joinLookupsPerIpPerMin: config.limits.joinLookupsPerIpPerMin,
    maxSeatsPerRoom: config.limits.maxSeatsPerRoom,
    roomQuotaBytesPerIpPerDay: config.limits.roomQuotaBytesPerIpPerDay,
    trustProxy: config.trustProxy,
    storageRefusal: () => status.writesRefused,
    onRefusedWrite: (kind) => metrics.refusedWrite(kind),
    deleteRoom,
    deletesAt: (room) => retention.deletesAt(room.activeAt ?? room.createdAt),
    recoveriesOf: (room) => [...status.recoveredRooms.values()].filter((r) => r.room === room),
    onInviteRotated: (room) => syncServer.revokeGuests(room),
    onSeatMoved: (room, seat) => syncServer.closeSeat(room, seat),
    onlineSeats: (room) => syncServer.onlineSeats(room),
    onSeatRemoved: (room, seat) => {
      syncServer.closeSeat(room, seat);
      votes.seatRemoved(room as RoomId, seat);
      logger.info('seat_removed', { room, seat });
    },
  });
  const syncServer = sync;
  return {
    config,
    logger,
    store,
    status,
    metrics,
    workshops,
    registry,
    votes,
    seatWork,
    retention,
    deleteRoom,
    sync: syncServer,
    cluster,
    handleApi,
    shutdown() {
      // First: no peer sends anything more here, and relayed clients are told to reconnect.
      cluster?.shutdown();
      votes.flush();
      seatWork.flush();
      watch?.stop();
      retention.stop();
      registry.writes.flush();
      registry.closeAll();
      // Stored and leases given back before any client is told to go: a client reconnecting at once (through a
      // front door, to another server) finds its room free to take and loaded with everything, not still held here.
      store.close();
      syncServer.closeAll('serverRestarting');
      lock?.release();
    },
  };
}

/** How often the storage is checked for having vanished or turned read-only while idle. */
const STORAGE_WATCH_INTERVAL_MS = 1000;

function openStore(
  config: Config,
  logger: Logger,
  status: StorageStatus,
): { store: RoomStore; lock: InstanceLock | null; watch: StorageWatch | null } {
  if (config.storage === 'memory') return { store: new MemoryStore(), lock: null, watch: null };
  if (config.storage === 'postgres') {
    // No file lock and no file watch: the database is shared and watched by its own server.
    const store = new PgStore({ url: config.databaseUrl!, nodeId: config.nodeId, leaseMs: config.leaseMs });
    const problems = store.check();
    status.startupProblems.push(...problems);
    if (problems.length > 0) logger.error('storage_check_failed', { problems });
    return { store, lock: null, watch: null };
  }
  // First the lock: a second server must not so much as open the database.
  const lock = InstanceLock.acquire(config.dataDir);
  try {
    const store = new SqliteStore(config.dataDir, lock.previousStopUnclean);
    status.lock = 'held';
    const problems = store.check();
    status.startupProblems.push(...problems);
    if (problems.length > 0) logger.error('storage_check_failed', { problems });
    const watch = new StorageWatch(config.dataDir, store.file, status, logger);
    watch.check();
    watch.start(STORAGE_WATCH_INTERVAL_MS);
    return { store, lock, watch };
  } catch (error) {
    lock.release();
    throw error;
  }
}
