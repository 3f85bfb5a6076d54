/**
 * The server's environment variables: each one's name, type, range and
 * default, and what it means. Parsed once by loadConfig (config.ts), which
 * turns them into the typed settings the code reads; nothing else reads the
 * environment.
 */
import { z } from 'zod';

const MIB = 1024 * 1024;

export const envSchema = z.object({
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
  /** `memory` keeps nothing across restarts; for tests and benchmarks only. `postgres` needs DATABASE_URL. */
  STORAGE: z.enum(['sqlite', 'postgres', 'memory']).default('sqlite'),
  /** PostgreSQL connection string for STORAGE=postgres, e.g. postgresql://user:password@db.example.org:5432/ledestjerne. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// connection string')
    .optional(),
  /**
   * STORAGE=postgres: this server's name in the room lease table. A server
   * restarted with the same name takes its rooms back at once; two running
   * servers must never share one. Default: host name and PORT (with PORT=0,
   * host name, process id and a random part: such a server cannot take its
   * rooms back after a restart and waits for their leases to run out).
   */
  NODE_ID: z.string().min(1).max(200).optional(),
  /** STORAGE=postgres: how long a room stays this server's without renewal; another may take it over after. */
  LEASE_MS: z.coerce.number().int().min(300).default(10_000),
  /**
   * STORAGE=postgres, several servers: how the other servers reach this one
   * (http://, an address on the servers' own network). Default:
   * http://<HOST, or 127.0.0.1 when HOST is unset or a wildcard>:<PORT>.
   */
  INTERNAL_URL: z
    .string()
    .regex(/^http:\/\/[^/?#]+\/?$/, 'must be http://host:port, with no path')
    .transform((u) => u.replace(/\/+$/, ''))
    .optional(),
  /**
   * STORAGE=postgres, several servers: the secret the servers sign forwarded
   * sockets and calls with (at least 32 characters, the same on every server).
   * Unset: this server forwards nothing and refuses anything claiming to be forwarded.
   */
  CLUSTER_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
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
  ANONYMOUS_BATCH_MS: z.coerce.number().int().min(0).max(60_000).default(1500),
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
  /** A seat's share of a document: the bytes of all updates it ever wrote there (deleting does not refund). */
  SEAT_SHARE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1 * MIB),
  /** Bytes of a document that only the facilitator may fill, so the room can always be steered. */
  FACILITATOR_RESERVE_BYTES: z.coerce
    .number()
    .int()
    .min(0)
    .default(1 * MIB),
  /** Connections one address may hold on one document of a room; sized for a meeting room behind one NAT. */
  MAX_CLIENTS_PER_ADDRESS_PER_ROOM: z.coerce.number().int().min(1).default(60),
  /** Presence client ids one connection may speak for (a tab has one). */
  MAX_PRESENCE_CLIENTS_PER_CONNECTION: z.coerce.number().int().min(1).default(2),
  /** How often a room relays presence: every change within one tick leaves as one merged message. */
  PRESENCE_TICK_MS: z.coerce.number().int().min(10).max(1000).default(100),
  /** How often one connection's presence is relayed; faster changes are merged, the latest wins. */
  PRESENCE_CHANGES_PER_SEC: z.coerce.number().positive().default(2),
  /** Presence states one room relays per second in all; beyond it they wait for a later tick. */
  PRESENCE_STATES_PER_ROOM_PER_SEC: z.coerce.number().positive().default(400),
  /** Bytes a socket may have waiting to be sent; a socket that stays above it is closed (4509). */
  MAX_SOCKET_BUFFER_BYTES: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .default(24 * MIB),
  /** How long a socket may stay above MAX_SOCKET_BUFFER_BYTES before it is closed. */
  SLOW_READER_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  /** How long a slow reader's close frame may wait to be read before its socket is cut. */
  SLOW_READER_CLOSE_WAIT_MS: z.coerce.number().int().min(0).default(1000),
  /**
   * Connections on one document from which its commits are spaced (server/rooms/write-queue.ts).
   * This and the next default to BIG_ROOM_DEFAULTS (config.ts), which a WriteQueue built without a config uses too.
   */
  BIG_ROOM_PEERS: z.coerce.number().int().min(1).optional(),
  /**
   * Shortest time between two commits (and broadcasts) of a big room's document; 0 (the default)
   * spaces nothing. Above 0 each peer gets fewer, larger messages and every edit up to this much latency.
   */
  BIG_ROOM_COMMIT_INTERVAL_MS: z.coerce.number().int().min(0).optional(),
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
  /** Attempts to claim a seat code one address may make per minute: guessing a code takes millions. */
  SEAT_CLAIMS_PER_IP_PER_MIN: z.coerce.number().positive().default(10),
  /** Refused updates a connection may send at once, and per second after that, before it is closed (4429). */
  REFUSAL_BURST: z.coerce.number().int().min(1).default(20),
  REFUSAL_RATE_PER_SEC: z.coerce.number().positive().default(1),
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
  /** Storage one address may fill with new rooms and imports per day (MiB); a room counts at least 64 KiB. */
  ROOM_QUOTA_MIB_PER_IP_PER_DAY: z.coerce.number().positive().default(64),
  /** Rooms nobody has opened for this many days are deleted with everything in them. */
  ROOM_RETENTION_DAYS: z.coerce.number().positive().default(90),
});

/** The environment as parsed: every variable with a default is set. */
export type Env = z.infer<typeof envSchema>;
