/**
 * One server per DATA_DIR. Two processes writing the same database fight
 * (each one's commits look like damage to the other's caches, and clients
 * bounce between them), so the second refuses to start.
 *
 * The lock is an exclusive SQLite lock on a small file of its own: the
 * operating system releases it when the process ends in any way, kill -9
 * included, so a crashed server never leaves a stale lock behind. Who holds
 * it is written beside it for the refusal message.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { ConfigError } from '../config.ts';

const LOCK_FILE = 'instance.lock';
const HOLDER_FILE = 'instance.json';

/** Refuses to start; the message tells the operator what to do. */
export class StorageLockedError extends ConfigError {}

export type LockHolder = { pid: number; host: string; since: string; state: 'running' | 'stopped' };

export class InstanceLock {
  private db: DatabaseSync | null;
  private readonly holderFile: string;
  /** How the previous server left the directory: null when none ever ran here. */
  readonly previous: LockHolder | null;

  private constructor(db: DatabaseSync, holderFile: string, previous: LockHolder | null) {
    this.db = db;
    this.holderFile = holderFile;
    this.previous = previous;
  }

  static acquire(dataDir: string): InstanceLock {
    fs.mkdirSync(dataDir, { recursive: true });
    const holderFile = path.join(dataDir, HOLDER_FILE);
    const previous = readHolder(holderFile);
    const db = new DatabaseSync(path.join(dataDir, LOCK_FILE));
    try {
      db.exec('PRAGMA busy_timeout = 0; PRAGMA locking_mode = EXCLUSIVE; PRAGMA journal_mode = DELETE;');
      // The first write in exclusive locking mode takes the lock, and it is kept until the connection closes.
      db.exec(
        'BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS held (at TEXT); DELETE FROM held; INSERT INTO held VALUES (datetime()); COMMIT;',
      );
    } catch (error) {
      db.close();
      if (!/locked|busy/i.test(error instanceof Error ? error.message : String(error))) throw error;
      const who = previous ? ` (process ${previous.pid} on ${previous.host}, since ${previous.since})` : '';
      throw new StorageLockedError(
        `DATA_DIR ${dataDir} is in use by another server${who}. Stop that server first, or give this one its own DATA_DIR.`,
      );
    }
    const lock = new InstanceLock(db, holderFile, previous);
    lock.writeHolder('running');
    return lock;
  }

  /** True if the previous server did not stop cleanly (it was killed, or the machine went down). */
  get previousStopUnclean(): boolean {
    return this.previous?.state === 'running';
  }

  release(): void {
    if (!this.db) return;
    this.writeHolder('stopped');
    this.db.close();
    this.db = null;
  }

  private writeHolder(state: LockHolder['state']): void {
    const holder: LockHolder = { pid: process.pid, host: os.hostname(), since: new Date().toISOString(), state };
    try {
      fs.writeFileSync(this.holderFile, `${JSON.stringify(holder)}\n`);
    } catch {
      // Only the message to a second server and the unclean-stop hint depend on it.
    }
  }
}

function readHolder(file: string): LockHolder | null {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LockHolder;
  } catch {
    return null;
  }
}
