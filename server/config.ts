/**
 * Every setting of the server as the code reads it: typed, in units, grouped
 * (the limits apart), checked across settings, and derived where a setting is
 * left unset. The environment variables themselves, each with its range and
 * default, are declared in env-schema.ts.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { envSchema, type Env } from './env-schema.ts';

const MIB = 1024 * 1024;

/**
 * A big room's commit spacing when BIG_ROOM_PEERS and BIG_ROOM_COMMIT_INTERVAL_MS
 * are unset, and of a WriteQueue built without a config (tests). Off (0): the
 * writes in flight already batch by the disk's flush and the fan-out's send
 * time, so an interval only adds latency; a 250-writer room measured with and
 * without a 20 ms one is in docs/performance.md.
 */
export const BIG_ROOM_DEFAULTS = { peers: 64, commitIntervalMs: 0 } as const;

/**
 * Group-commit writes handed to the store at once (rooms/write-queue.ts): one
 * on the disk and the next waiting beside it, so a commit starts as soon as
 * the disk is free. More would only split the batches into more fsyncs.
 */
export const WRITES_IN_FLIGHT = 2;

export type Config = {
  port: number;
  host: string | undefined;
  dataDir: string;
  publicUrl: string | undefined;
  storage: 'sqlite' | 'postgres' | 'memory';
  /** Set when storage is `postgres`. */
  databaseUrl: string | undefined;
  nodeId: string;
  leaseMs: number;
  /** Set by INTERNAL_URL; else derived from HOST and the port listened on (see internalUrlOf). */
  internalUrl: string | undefined;
  /** Null: no forwarding between servers, and no forwarded request trusted. */
  clusterSecret: string | null;
  workshopsDir: string;
  logLevel: 'silent' | 'error' | 'info';
  limits: Limits;
  allowedOrigins: string[];
  trustProxy: boolean;
  servePages: boolean;
  idleUnloadMs: number;
  /** Anonymous notes are gathered this long, then published in one shuffled batch. */
  anonymousBatchMs: number;
  compactAfterUpdates: number;
  pingIntervalMs: number;
  shutdownGraceMs: number;
  roomRetentionDays: number;
};

export type Limits = {
  maxFrameBytes: number;
  maxHttpBodyBytes: number;
  maxImportBytes: number;
  maxClientsPerRoom: number;
  maxDocBytes: number;
  maxAwarenessBytes: number;
  seatShareBytes: number;
  facilitatorReserveBytes: number;
  maxClientsPerAddressPerRoom: number;
  maxPresenceClientsPerConnection: number;
  presenceTickMs: number;
  presenceChangesPerSec: number;
  presenceStatesPerRoomPerSec: number;
  maxSocketBufferBytes: number;
  slowReaderGraceMs: number;
  slowReaderCloseWaitMs: number;
  bigRoomPeers: number;
  bigRoomCommitIntervalMs: number;
  messageRatePerSec: number;
  messageBurst: number;
  connectionRatePerIpPerSec: number;
  connectionBurstPerIp: number;
  acceptRatePerSec: number;
  acceptBurst: number;
  roomsPerIpPerMin: number;
  seatsPerIpPerMin: number;
  seatClaimsPerIpPerMin: number;
  joinLookupsPerIpPerMin: number;
  maxSeatsPerRoom: number;
  refusalBurst: number;
  refusalRatePerSec: number;
  roomQuotaBytesPerIpPerDay: number;
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.FACILITATOR_RESERVE_BYTES >= e.MAX_DOC_BYTES) {
    throw new ConfigError(
      'Invalid configuration:\n  FACILITATOR_RESERVE_BYTES: must be below MAX_DOC_BYTES, or participants could write nothing',
    );
  }
  if (e.STORAGE === 'postgres' && !e.DATABASE_URL) {
    throw new ConfigError('Invalid configuration:\n  DATABASE_URL: required when STORAGE=postgres');
  }
  if (e.CLUSTER_SECRET && e.STORAGE !== 'postgres') {
    throw new ConfigError(
      'Invalid configuration:\n  CLUSTER_SECRET: servers share rooms only with STORAGE=postgres; unset it or set STORAGE=postgres',
    );
  }
  if (e.SEAT_SHARE_BYTES > e.MAX_DOC_BYTES) {
    throw new ConfigError('Invalid configuration:\n  SEAT_SHARE_BYTES: must not exceed MAX_DOC_BYTES');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    publicUrl: e.PUBLIC_URL,
    storage: e.STORAGE,
    databaseUrl: e.DATABASE_URL,
    nodeId:
      e.NODE_ID ?? (e.PORT > 0 ? `${os.hostname()}:${e.PORT}` : `${os.hostname()}:${process.pid}:${randomUUID()}`),
    leaseMs: e.LEASE_MS,
    internalUrl: e.INTERNAL_URL,
    clusterSecret: e.CLUSTER_SECRET ?? null,
    workshopsDir: path.resolve(e.WORKSHOPS_DIR),
    logLevel: e.LOG_LEVEL,
    limits: limitsOf(e),
    allowedOrigins: e.ALLOWED_ORIGINS.split(',')
      .map((o) => o.trim().replace(/\/+$/, ''))
      .filter(Boolean),
    trustProxy: e.TRUST_PROXY,
    servePages: e.SERVE_PAGES,
    idleUnloadMs: e.IDLE_UNLOAD_MS,
    anonymousBatchMs: e.ANONYMOUS_BATCH_MS,
    compactAfterUpdates: e.COMPACT_AFTER_UPDATES,
    pingIntervalMs: e.PING_INTERVAL_MS,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    roomRetentionDays: e.ROOM_RETENTION_DAYS,
  };
}

/** The limits in the code's units; also the defaults of code built without a config (DEFAULT_LIMITS). */
function limitsOf(e: Env): Limits {
  return {
    maxFrameBytes: e.MAX_FRAME_BYTES,
    maxHttpBodyBytes: e.MAX_HTTP_BODY_BYTES,
    maxImportBytes: e.MAX_IMPORT_BYTES,
    maxClientsPerRoom: e.MAX_CLIENTS_PER_ROOM,
    maxDocBytes: e.MAX_DOC_BYTES,
    maxAwarenessBytes: e.MAX_AWARENESS_BYTES,
    seatShareBytes: e.SEAT_SHARE_BYTES,
    facilitatorReserveBytes: e.FACILITATOR_RESERVE_BYTES,
    maxClientsPerAddressPerRoom: e.MAX_CLIENTS_PER_ADDRESS_PER_ROOM,
    maxPresenceClientsPerConnection: e.MAX_PRESENCE_CLIENTS_PER_CONNECTION,
    presenceTickMs: e.PRESENCE_TICK_MS,
    presenceChangesPerSec: e.PRESENCE_CHANGES_PER_SEC,
    presenceStatesPerRoomPerSec: e.PRESENCE_STATES_PER_ROOM_PER_SEC,
    maxSocketBufferBytes: e.MAX_SOCKET_BUFFER_BYTES,
    slowReaderGraceMs: e.SLOW_READER_GRACE_MS,
    slowReaderCloseWaitMs: e.SLOW_READER_CLOSE_WAIT_MS,
    bigRoomPeers: e.BIG_ROOM_PEERS ?? BIG_ROOM_DEFAULTS.peers,
    bigRoomCommitIntervalMs: e.BIG_ROOM_COMMIT_INTERVAL_MS ?? BIG_ROOM_DEFAULTS.commitIntervalMs,
    messageRatePerSec: e.MSG_RATE_PER_SEC,
    messageBurst: e.MSG_BURST,
    connectionRatePerIpPerSec: e.CONN_RATE_PER_IP_PER_SEC,
    connectionBurstPerIp: e.CONN_BURST_PER_IP,
    acceptRatePerSec: e.ACCEPT_RATE_PER_SEC,
    acceptBurst: e.ACCEPT_BURST,
    roomsPerIpPerMin: e.ROOMS_PER_IP_PER_MIN,
    seatsPerIpPerMin: e.SEATS_PER_IP_PER_MIN,
    seatClaimsPerIpPerMin: e.SEAT_CLAIMS_PER_IP_PER_MIN,
    joinLookupsPerIpPerMin: e.JOIN_LOOKUPS_PER_IP_PER_MIN,
    maxSeatsPerRoom: e.MAX_SEATS_PER_ROOM,
    refusalBurst: e.REFUSAL_BURST,
    refusalRatePerSec: e.REFUSAL_RATE_PER_SEC,
    roomQuotaBytesPerIpPerDay: Math.round(e.ROOM_QUOTA_MIB_PER_IP_PER_DAY * MIB),
  };
}

/** Every limit at its default (env-schema.ts): for modules built without a config, such as in tests. */
export const DEFAULT_LIMITS: Limits = limitsOf(envSchema.parse({}));

/** How other servers reach this one: INTERNAL_URL, else this host (loopback for a wildcard) and the port listened on. */
export function internalUrlOf(config: Config, port: number): string {
  if (config.internalUrl) return config.internalUrl;
  const host = !config.host || config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
