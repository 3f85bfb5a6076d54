/**
 * Everything the server is, apart from how pages are rendered: storage,
 * rooms, the sync server and the API, built in the order they depend on each
 * other, so this reads top to bottom. Production (server/index.ts) and the dev
 * server (server/http/dev-integration.ts) both build on this.
 */
import type { Workshop } from '../src/model/workshop.ts';
import { installHost } from '../src/lib/host.ts';
import type { Config } from './config.ts';
import { loadWorkshops } from './content/workshops.ts';
import { createApiHandler } from './http/api.ts';
import { ServerMetrics } from './http/metrics.ts';
import { pageHost } from './http/page-host.ts';
import type { Logger } from './log.ts';
import { openStore } from './open-store.ts';
import type { Cluster } from './cluster/cluster.ts';
import { createCluster } from './cluster/create.ts';
import { migrateLegacyBallots } from './rooms/ballot-migration.ts';
import { RoomRegistry } from './rooms/registry.ts';
import { RoomRetention } from './rooms/retention.ts';
import { liveDocOptionsOf } from './rooms/live-doc-options.ts';
import { SeatPublisher } from './rooms/seat-publisher.ts';
import { VotePublisher } from './rooms/vote-results.ts';
import { StorageStatus } from './storage/storage-status.ts';
import type { RoomStore } from './storage/types.ts';
import { SyncServer } from './sync/ws-server.ts';

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
  sync: SyncServer;
  /** Several servers on one database (STORAGE=postgres with CLUSTER_SECRET); null otherwise. */
  cluster: Cluster | null;
  handleApi: ReturnType<typeof createApiHandler>;
  /** One ordered shutdown: see the steps in its body. Calling it again does nothing. */
  shutdown(): void;
};

export function createCore(config: Config, logger: Logger): Core {
  const workshops = loadWorkshops(config.workshopsDir);
  const status = new StorageStatus();
  const { store, lock, watch } = openStore(config, logger, status);
  const registry = new RoomRegistry({
    store,
    status,
    logger,
    idleUnloadMs: config.idleUnloadMs,
    compactAfterUpdates: config.compactAfterUpdates,
    commitSpacing: config.limits,
    liveDoc: liveDocOptionsOf(config.limits),
  });
  // Boards stored before the seat documents: their ballots move into seats when they load.
  migrateLegacyBallots(registry, logger);
  // Counts the ballots in the seat documents and publishes what the board may show.
  const votes = new VotePublisher({ registry, workshops, logger });
  // Publishes silent notes and own definitions at the reveal, and anonymous notes without their writers.
  const seatWork = new SeatPublisher({ registry, workshops, logger, batchMs: config.anonymousBatchMs });
  // Several servers on one database: sockets and calls for rooms held elsewhere go to their owner.
  const cluster = createCluster(config, store, registry, logger);
  // Subscribes to the registry's events: the clients of failed, lost and deleted rooms and of moved seats go.
  const sync = new SyncServer({
    registry,
    logger,
    limits: config.limits,
    allowedOrigins: config.publicUrl ? [config.publicUrl, ...config.allowedOrigins] : config.allowedOrigins,
    trustProxy: config.trustProxy,
    pingIntervalMs: config.pingIntervalMs,
    workshops,
    relay: cluster
      ? (request, socket, head, serveHere) => cluster.relayUpgrade(request, socket, head, serveHere)
      : undefined,
  });
  // A failed write may mean the files are gone or read-only: then every room must stop taking writes.
  registry.on('documentFailed', () => watch?.check());
  // Nothing can be stored: every client is told so, rather than left believing its changes are kept.
  status.onChange((refusal) => {
    if (refusal) sync.disconnectAll('storageFailure');
  });
  const metrics = new ServerMetrics(status, { rooms: () => registry.liveCount(), clients: () => sync.size });
  registry.on('committed', (durationMs, ok) => metrics.commit(durationMs, ok));
  sync.on('socketClosed', (code) => metrics.socketClosed(code));
  const retention = new RoomRetention({
    store,
    retentionDays: config.roomRetentionDays,
    isLive: (room) => registry.isRoomLive(room),
    deleteRoom: (room) => registry.deleteRoom(room),
    logger,
  });
  if (config.storage !== 'memory') retention.start();
  installHost(pageHost({ registry, workshops, publicUrl: config.publicUrl, listenHost: config.host }));
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
    deletesAt: (room) => retention.deletesAt(room.activeAt ?? room.createdAt),
    recoveriesOf: (room) => [...status.recoveredRooms.values()].filter((r) => r.room === room),
    onlineSeats: (room) => sync.onlineSeats(room),
  });

  let stopped = false;
  function shutdown(): void {
    if (stopped) return;
    stopped = true;
    // 1. No more input: no peer server sends anything more here (relayed clients are told to reconnect),
    //    no new sockets, no frames read, no sweeps or storage checks that would act on them.
    cluster?.shutdown();
    sync.stopInput();
    retention.stop();
    watch?.stop();
    // 2. What the server itself still meant to write (vote totals, published notes) goes into the documents.
    votes.flush();
    seatWork.flush();
    // 3. One flush: everything pending is stored, and what waited for it is sent to the clients still connected.
    registry.writes.flush();
    // 4. The documents are dropped and the rooms given back (a shared store's leases).
    registry.close();
    // 5. The store closes (it drains what is posted, and the leases are given back).
    store.close();
    // 6. Only now are the clients told to reconnect: one that does so at once (through a front door, to
    //    another server) finds its room free to take and stored whole, not still held here.
    sync.closeAll('serverRestarting');
    // 7. The next server may have the files.
    lock?.release();
  }

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
    sync,
    cluster,
    handleApi,
    shutdown,
  };
}
