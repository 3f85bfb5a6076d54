/** Builds the cluster part of a server (core.ts), or nothing when this server shares no rooms. */
import type { RoomId } from '../../src/model/ids.ts';
import type { Config } from '../config.ts';
import type { Logger } from '../log.ts';
import type { RoomRegistry } from '../rooms/registry.ts';
import { RoomOwnedElsewhere } from '../storage/pg-leases.ts';
import { PgStore } from '../storage/pg-store.ts';
import type { RoomStore } from '../storage/types.ts';
import { Cluster } from './cluster.ts';

/** A Cluster with STORAGE=postgres and CLUSTER_SECRET; null otherwise (then nothing is forwarded, and no forward trusted). */
export function createCluster(
  config: Config,
  store: RoomStore,
  registry: RoomRegistry,
  logger: Logger,
): Cluster | null {
  if (!(store instanceof PgStore) || !config.clusterSecret) return null;
  return new Cluster({
    nodeId: config.nodeId,
    secret: config.clusterSecret,
    store,
    leaseMs: config.leaseMs,
    maxFrameBytes: config.limits.maxFrameBytes,
    trustProxy: config.trustProxy,
    logger,
    claim: (room) => {
      // No lease is written for a room that does not exist: the socket is refused as unknown without it.
      if (!registry.getRoom(room)) return 'failed';
      try {
        store.claimRoom(room as RoomId);
        return 'claimed';
      } catch (error) {
        return error instanceof RoomOwnedElsewhere ? 'taken' : 'failed';
      }
    },
    releaseUnlessLive: (room) => {
      if (!registry.isRoomLive(room)) store.releaseRoom(room as RoomId);
    },
  });
}
