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
  /** A room with no clients is unloaded from memory after this long. */
  IDLE_UNLOAD_MS: z.coerce.number().int().min(0).default(30_000),
  /** Stored updates of one document are merged into a snapshot after this many. */
  COMPACT_AFTER_UPDATES: z.coerce.number().int().min(2).default(500),
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
  limits: {
    maxFrameBytes: number;
    maxHttpBodyBytes: number;
  };
  idleUnloadMs: number;
  compactAfterUpdates: number;
  pingIntervalMs: number;
  shutdownGraceMs: number;
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
    limits: { maxFrameBytes: e.MAX_FRAME_BYTES, maxHttpBodyBytes: e.MAX_HTTP_BODY_BYTES },
    idleUnloadMs: e.IDLE_UNLOAD_MS,
    compactAfterUpdates: e.COMPACT_AFTER_UPDATES,
    pingIntervalMs: e.PING_INTERVAL_MS,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
  };
}
