/** Every setting of the server, read once from the environment and validated. */
import path from 'node:path';
import { z } from 'zod';

const MIB = 1024 * 1024;

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4321),
  /** Unset: listen on every interface, so participants on the room's network can join. */
  HOST: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  /** The address participants use, e.g. https://workshop.example.org. Unset: derived from the request. */
  PUBLIC_URL: z
    .string()
    .url()
    .transform((u) => u.replace(/\/+$/, ''))
    .optional(),
  /** `memory` keeps nothing across restarts; for tests and benchmarks only. */
  STORAGE: z.enum(['sqlite', 'memory']).default('sqlite'),
  WORKSHOPS_DIR: z.string().min(1).default('./workshops'),
  LOG_LEVEL: z.enum(['silent', 'error', 'info']).default('info'),
  MAX_FRAME_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(2 * MIB)
    .default(2 * MIB),
  MAX_HTTP_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(16 * MIB)
    .default(64 * 1024),
  /** `POST /api/rooms` may carry a room's JSON export (to continue it or bring its results along). */
  MAX_IMPORT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(64 * MIB)
    .default(4 * MIB),
  /** A room with no clients is unloaded from memory after this long. */
  IDLE_UNLOAD_MS: z.coerce.number().int().min(0).default(30_000),
  /** Stored updates of one document are merged into a snapshot after this many. */
  COMPACT_AFTER_UPDATES: z.coerce.number().int().min(2).default(500),
  MAX_CLIENTS_PER_ROOM: z.coerce.number().int().min(1).default(400),
  MAX_DOC_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(16 * MIB),
  MAX_AWARENESS_BYTES: z.coerce
    .number()
    .int()
    .min(256)
    .default(8 * 1024),
  MSG_RATE_PER_SEC: z.coerce.number().positive().default(100),
  MSG_BURST: z.coerce.number().int().min(1).default(1000),
  CONN_RATE_PER_IP_PER_SEC: z.coerce.number().positive().default(10),
  CONN_BURST_PER_IP: z.coerce.number().int().min(1).default(400),
  /** New WebSocket connections accepted per second across all clients; beyond it clients are asked to retry. */
  ACCEPT_RATE_PER_SEC: z.coerce.number().positive().default(400),
  ACCEPT_BURST: z.coerce.number().int().min(1).default(800),
  ROOMS_PER_IP_PER_MIN: z.coerce.number().positive().default(20),
  /** New seats one address may take per minute (a room's people join within a minute or two). */
  SEATS_PER_IP_PER_MIN: z.coerce.number().positive().default(60),
  /** Join codes one address may look up per minute: a room joining behind one NAT fits, guessing does not. */
  JOIN_LOOKUPS_PER_IP_PER_MIN: z.coerce.number().positive().default(60),
  /** Seats one room may issue in all; far above a workshop, so seat stuffing stops long before it matters. */
  MAX_SEATS_PER_ROOM: z.coerce.number().int().min(1).default(1000),
  /** Comma-separated origins allowed to open sockets, besides the page's own and PUBLIC_URL. */
  ALLOWED_ORIGINS: z.string().default(''),
  /** Behind a reverse proxy: take the client address from X-Forwarded-For. */
  TRUST_PROXY: z
    .enum(['true', 'false', '1', '0'])
    .default('false')
    .transform((v) => v === 'true' || v === '1'),
  /** `false`: serve only the API and sync, no pages (benchmarks and protocol tests). */
  SERVE_PAGES: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  PING_INTERVAL_MS: z.coerce.number().int().min(1000).default(30_000),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(5_000),
});

export type Config = {
  port: number;
  host: string | undefined;
  dataDir: string;
  publicUrl: string | undefined;
  storage: 'sqlite' | 'memory';
  workshopsDir: string;
  logLevel: 'silent' | 'error' | 'info';
  limits: Limits;
  allowedOrigins: string[];
  trustProxy: boolean;
  servePages: boolean;
  idleUnloadMs: number;
  compactAfterUpdates: number;
  pingIntervalMs: number;
  shutdownGraceMs: number;
};

export type Limits = {
  maxFrameBytes: number;
  maxHttpBodyBytes: number;
  maxImportBytes: number;
  maxClientsPerRoom: number;
  maxDocBytes: number;
  maxAwarenessBytes: number;
  messageRatePerSec: number;
  messageBurst: number;
  connectionRatePerIpPerSec: number;
  connectionBurstPerIp: number;
  acceptRatePerSec: number;
  acceptBurst: number;
  roomsPerIpPerMin: number;
  seatsPerIpPerMin: number;
  joinLookupsPerIpPerMin: number;
  maxSeatsPerRoom: number;
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    publicUrl: e.PUBLIC_URL,
    storage: e.STORAGE,
    workshopsDir: path.resolve(e.WORKSHOPS_DIR),
    logLevel: e.LOG_LEVEL,
    limits: {
      maxFrameBytes: e.MAX_FRAME_BYTES,
      maxHttpBodyBytes: e.MAX_HTTP_BODY_BYTES,
      maxImportBytes: e.MAX_IMPORT_BYTES,
      maxClientsPerRoom: e.MAX_CLIENTS_PER_ROOM,
      maxDocBytes: e.MAX_DOC_BYTES,
      maxAwarenessBytes: e.MAX_AWARENESS_BYTES,
      messageRatePerSec: e.MSG_RATE_PER_SEC,
      messageBurst: e.MSG_BURST,
      connectionRatePerIpPerSec: e.CONN_RATE_PER_IP_PER_SEC,
      connectionBurstPerIp: e.CONN_BURST_PER_IP,
      acceptRatePerSec: e.ACCEPT_RATE_PER_SEC,
      acceptBurst: e.ACCEPT_BURST,
      roomsPerIpPerMin: e.ROOMS_PER_IP_PER_MIN,
      seatsPerIpPerMin: e.SEATS_PER_IP_PER_MIN,
      joinLookupsPerIpPerMin: e.JOIN_LOOKUPS_PER_IP_PER_MIN,
      maxSeatsPerRoom: e.MAX_SEATS_PER_ROOM,
    },
    allowedOrigins: e.ALLOWED_ORIGINS.split(',')
      .map((o) => o.trim().replace(/\/+$/, ''))
      .filter(Boolean),
    trustProxy: e.TRUST_PROXY,
    servePages: e.SERVE_PAGES,
    idleUnloadMs: e.IDLE_UNLOAD_MS,
    compactAfterUpdates: e.COMPACT_AFTER_UPDATES,
    pingIntervalMs: e.PING_INTERVAL_MS,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
  };
}
