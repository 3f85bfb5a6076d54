/**
 * Opens the storage the configuration names, with what guards it: for SQLite
 * the lock that keeps a second server off the files and the watch that notices
 * them vanish or turn read-only; for PostgreSQL neither (the database is shared
 * and watched by its own server). Startup problems are put on `status`.
 */
import type { Config } from './config.ts';
import type { Logger } from './log.ts';
import { InstanceLock } from './storage/instance-lock.ts';
import { MemoryStore } from './storage/memory-store.ts';
import { PgStore } from './storage/pg-store.ts';
import { SqliteStore } from './storage/sqlite-store.ts';
import type { StorageStatus } from './storage/storage-status.ts';
import { StorageWatch } from './storage/storage-watch.ts';
import type { RoomStore } from './storage/types.ts';

/** How often the storage is checked for having vanished or turned read-only while idle. */
const STORAGE_WATCH_INTERVAL_MS = 1000;

export type OpenedStore = { store: RoomStore; lock: InstanceLock | null; watch: StorageWatch | null };

export function openStore(config: Config, logger: Logger, status: StorageStatus): OpenedStore {
  if (config.storage === 'memory') return { store: new MemoryStore(), lock: null, watch: null };
  if (config.storage === 'postgres') {
    const store = new PgStore({ url: config.databaseUrl!, nodeId: config.nodeId, leaseMs: config.leaseMs });
    reportProblems(store.check(), status, logger);
    return { store, lock: null, watch: null };
  }
  // First the lock: a second server must not so much as open the database.
  const lock = InstanceLock.acquire(config.dataDir);
  try {
    const store = new SqliteStore(config.dataDir, lock.previousStopUnclean);
    status.lock = 'held';
    reportProblems(store.check(), status, logger);
    const watch = new StorageWatch(config.dataDir, store.file, status, logger);
    watch.check();
    watch.start(STORAGE_WATCH_INTERVAL_MS);
    return { store, lock, watch };
  } catch (error) {
    lock.release();
    throw error;
  }
}

function reportProblems(problems: string[], status: StorageStatus, logger: Logger): void {
  status.startupProblems.push(...problems);
  if (problems.length > 0) logger.error('storage_check_failed', { problems });
}
