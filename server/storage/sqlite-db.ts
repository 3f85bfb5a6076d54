/**
 * The SQLite file shared by the store's reading connection (main thread) and
 * its one writing connection (server/storage/sqlite-writer-worker.ts): how a
 * connection is opened and the tables, with what brings a database made by an
 * earlier version up to them. The statements that write are in sqlite-writes.ts.
 *
 * WAL mode with synchronous=FULL makes every committed transaction durable
 * (fsync) before the call returns, so "stored" means it survives kill -9 and
 * power loss. One connection does all the writing, so writes never wait for
 * each other's locks and are applied in the order they were made.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';

const DB_FILE = 'ledestjerne.sqlite';
/** How long a connection waits for another's lock (only the start-up schema step can meet one). */
const BUSY_TIMEOUT_MS = 5000;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS rooms (
  id TEXT PRIMARY KEY,
  workshop TEXT NOT NULL,
  locale TEXT NOT NULL,
  key_hash BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  schema_version INTEGER NOT NULL,
  invite TEXT,
  join_code TEXT
) STRICT;
CREATE TABLE IF NOT EXISTS retired_codes (
  code TEXT PRIMARY KEY,
  room TEXT NOT NULL,
  retired_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS seats (
  room TEXT NOT NULL,
  id TEXT NOT NULL,
  secret_hash BLOB NOT NULL,
  anon_key TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (room, id)
) STRICT, WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS updates (
  room TEXT NOT NULL,
  doc TEXT NOT NULL,
  seq INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (room, doc, seq)
) STRICT, WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS seat_usage (
  room TEXT NOT NULL,
  doc TEXT NOT NULL,
  seat TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  PRIMARY KEY (room, doc, seat)
) STRICT, WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS history (
  room TEXT NOT NULL,
  doc TEXT NOT NULL,
  seq INTEGER NOT NULL,
  at INTEGER NOT NULL,
  role TEXT,
  seat TEXT,
  name TEXT,
  data BLOB NOT NULL,
  PRIMARY KEY (room, doc, seq)
) STRICT, WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS snapshots (
  room TEXT NOT NULL,
  doc TEXT NOT NULL,
  seq INTEGER NOT NULL,
  data BLOB NOT NULL,
  sha256 BLOB NOT NULL,
  PRIMARY KEY (room, doc, seq)
) STRICT, WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
`;

export const sha256 = (data: Uint8Array): Buffer => crypto.createHash('sha256').update(data).digest();

export function databaseFile(dataDir: string): string {
  fs.mkdirSync(dataDir, { recursive: true });
  return path.join(dataDir, DB_FILE);
}

export function openDatabase(file: string): DatabaseSync {
  const db = new DatabaseSync(file);
  db.exec(`PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS};`);
  return db;
}

/** Creates the tables, and brings databases made by earlier versions up to them. */
export function prepareSchema(db: DatabaseSync): void {
  db.exec(SCHEMA);
  const columns = db.prepare('PRAGMA table_info(rooms)').all() as { name: string }[];
  if (!columns.some((c) => c.name === 'invite')) db.exec('ALTER TABLE rooms ADD COLUMN invite TEXT');
  // When the room was last opened or left; rooms idle past the retention are deleted (null: never since creation).
  if (!columns.some((c) => c.name === 'active_at')) db.exec('ALTER TABLE rooms ADD COLUMN active_at INTEGER');
  if (!columns.some((c) => c.name === 'join_code')) db.exec('ALTER TABLE rooms ADD COLUMN join_code TEXT');
  // Unique among rooms; rooms made before join codes have none (NULLs do not collide).
  db.exec('CREATE UNIQUE INDEX IF NOT EXISTS rooms_join_code ON rooms (join_code)');
}
