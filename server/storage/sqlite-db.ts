/**
 * The SQLite file shared by the store's reading connection (main thread) and
 * its one writing connection (server/storage/sqlite-writer-worker.ts): how a
 * connection is opened, the tables, and every statement that writes.
 *
 * WAL mode with synchronous=FULL makes every committed transaction durable
 * (fsync) before the call returns, so "stored" means it survives kill -9 and
 * power loss. One connection does all the writing, so writes never wait for
 * each other's locks and are applied in the order they were made.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { RoomId } from '../../src/model/ids.ts';
import type { DocName } from '../../src/model/roles.ts';
import type { StoredRoom, StoredSeat, UpdateRecord } from './types.ts';

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
`;

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
  if (!columns.some((c) => c.name === 'join_code')) db.exec('ALTER TABLE rooms ADD COLUMN join_code TEXT');
  // Unique among rooms; rooms made before join codes have none (NULLs do not collide).
  db.exec('CREATE UNIQUE INDEX IF NOT EXISTS rooms_join_code ON rooms (join_code)');
}

/** Every write the store makes, each one transaction (one fsync). */
export class SqliteWrites {
  private readonly db: DatabaseSync;
  private readonly insertRoom: StatementSync;
  private readonly updateInvite: StatementSync;
  private readonly insertUpdate: StatementSync;
  private readonly insertSeat: StatementSync;
  private readonly deleteUpTo: StatementSync;
  private readonly updateJoinCode: StatementSync;
  private readonly retireJoinCode: StatementSync;

  constructor(db: DatabaseSync) {
    this.db = db;
    this.insertRoom = db.prepare(
      'INSERT INTO rooms (id, workshop, locale, key_hash, created_at, schema_version, join_code) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    this.updateJoinCode = db.prepare('UPDATE rooms SET join_code = ? WHERE id = ?');
    this.retireJoinCode = db.prepare(
      'INSERT OR IGNORE INTO retired_codes (code, room, retired_at) SELECT join_code, id, ? FROM rooms WHERE id = ? AND join_code IS NOT NULL',
    );
    this.updateInvite = db.prepare('UPDATE rooms SET invite = ? WHERE id = ?');
    this.insertUpdate = db.prepare('INSERT INTO updates (room, doc, seq, data) VALUES (?, ?, ?, ?)');
    this.insertSeat = db.prepare('INSERT INTO seats (room, id, secret_hash, created_at) VALUES (?, ?, ?, ?)');
    this.deleteUpTo = db.prepare('DELETE FROM updates WHERE room = ? AND doc = ? AND seq <= ?');
  }

  createRoom(room: StoredRoom): void {
    this.transaction(() =>
      this.insertRoom.run(
        room.id,
        room.workshop,
        room.locale,
        room.keyHash,
        room.createdAt,
        room.schemaVersion,
        room.joinCode,
      ),
    );
  }

  setInvite(id: string, invite: string, joinCode?: string): void {
    this.transaction(() => {
      this.updateInvite.run(invite, id);
      if (joinCode === undefined) return;
      this.retireJoinCode.run(Date.now(), id);
      this.updateJoinCode.run(joinCode, id);
    });
  }

  createSeat(seat: StoredSeat): void {
    this.transaction(() => this.insertSeat.run(seat.room, seat.id, seat.secretHash, seat.createdAt));
  }

  appendUpdates(records: readonly UpdateRecord[]): void {
    if (records.length === 0) return;
    this.transaction(() => {
      for (const r of records) this.insertUpdate.run(r.room, r.doc, r.seq, r.data);
    });
  }

  compact(room: RoomId, doc: DocName, snapshot: Uint8Array, uptoSeq: number): void {
    this.transaction(() => {
      this.deleteUpTo.run(room, doc, uptoSeq);
      this.insertUpdate.run(room, doc, uptoSeq, snapshot);
    });
  }

  private transaction(work: () => void): void {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      work();
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }
}
