/**
 * SQLite through Node's built-in `node:sqlite`: an embedded, well-tested store
 * with atomic transactions and no native module to install. WAL mode with
 * synchronous=FULL makes every committed transaction durable (fsync) before
 * the call returns, so "stored" means it survives kill -9 and power loss.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { RoomId } from '../../src/model/ids.ts';
import type { Locale } from '../../src/model/locale.ts';
import type { DocKind } from '../../src/model/roles.ts';
import type { RoomStore, StoredDoc, StoredRoom, UpdateRecord } from './types.ts';

const DB_FILE = 'ledestjerne.sqlite';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS rooms (
  id TEXT PRIMARY KEY,
  workshop TEXT NOT NULL,
  locale TEXT NOT NULL,
  key_hash BLOB NOT NULL,
  created_at INTEGER NOT NULL,
  schema_version INTEGER NOT NULL,
  invite TEXT
) STRICT;
CREATE TABLE IF NOT EXISTS updates (
  room TEXT NOT NULL,
  doc TEXT NOT NULL,
  seq INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (room, doc, seq)
) STRICT, WITHOUT ROWID;
`;

const WAL_HEADER_BYTES = 32;
const WAL_FRAME_HEADER_BYTES = 24;
const WAL_MAGIC = [0x377f0682, 0x377f0683];

/**
 * A crash in the middle of a write leaves a partial frame at the end of the
 * write-ahead log. SQLite ignores it safely; we report it so it is not silent.
 */
export function inspectWal(walPath: string): string[] {
  if (!fs.existsSync(walPath)) return [];
  const size = fs.statSync(walPath).size;
  if (size === 0) return [];
  if (size < WAL_HEADER_BYTES) return [`write-ahead log has a torn header (${size} bytes); it is ignored`];
  const header = Buffer.alloc(WAL_HEADER_BYTES);
  const fd = fs.openSync(walPath, 'r');
  try {
    fs.readSync(fd, header, 0, WAL_HEADER_BYTES, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (!WAL_MAGIC.includes(header.readUInt32BE(0))) return ['write-ahead log header is damaged; it is ignored'];
  const frameBytes = WAL_FRAME_HEADER_BYTES + header.readUInt32BE(8);
  const torn = (size - WAL_HEADER_BYTES) % frameBytes;
  return torn === 0
    ? []
    : [`write-ahead log ends in a torn frame (${torn} bytes); the complete commits before it are kept`];
}

type RoomRow = {
  id: string;
  workshop: string;
  locale: string;
  key_hash: Uint8Array;
  created_at: number;
  schema_version: number;
  invite: string | null;
};

export class SqliteStore implements RoomStore {
  private readonly db: DatabaseSync;
  private readonly insertRoom: StatementSync;
  private readonly selectRoom: StatementSync;
  private readonly selectUpdates: StatementSync;
  private readonly insertUpdate: StatementSync;
  private readonly deleteUpTo: StatementSync;
  private readonly sizeOf: StatementSync;

  /** Problems found before opening (a torn write-ahead log), reported by check(). */
  private readonly openingProblems: string[];

  constructor(dataDir: string) {
    fs.mkdirSync(dataDir, { recursive: true });
    const file = path.join(dataDir, DB_FILE);
    this.openingProblems = inspectWal(`${file}-wal`);
    // SQLite's recovery keeps every complete, checksummed commit of the log and drops a torn tail.
    this.db = new DatabaseSync(file);
    this.db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;');
    this.db.exec(SCHEMA);
    this.migrate();
    this.insertRoom = this.db.prepare(
      'INSERT INTO rooms (id, workshop, locale, key_hash, created_at, schema_version) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.selectRoom = this.db.prepare('SELECT * FROM rooms WHERE id = ?');
    this.selectUpdates = this.db.prepare('SELECT seq, data FROM updates WHERE room = ? AND doc = ? ORDER BY seq');
    this.insertUpdate = this.db.prepare('INSERT INTO updates (room, doc, seq, data) VALUES (?, ?, ?, ?)');
    this.deleteUpTo = this.db.prepare('DELETE FROM updates WHERE room = ? AND doc = ? AND seq <= ?');
    this.sizeOf = this.db.prepare(
      'SELECT count(*) AS updates, coalesce(sum(length(data)), 0) AS bytes FROM updates WHERE room = ? AND doc = ?',
    );
  }

  /** Checks the database file; a damaged store is reported at start rather than discovered mid-workshop. */
  check(): string[] {
    const rows = this.db.prepare('PRAGMA quick_check').all() as { quick_check: string }[];
    return [...this.openingProblems, ...rows.map((r) => r.quick_check).filter((r) => r !== 'ok')];
  }

  /** Brings databases made by earlier versions up to the current tables. */
  private migrate(): void {
    const columns = this.db.prepare('PRAGMA table_info(rooms)').all() as { name: string }[];
    if (!columns.some((c) => c.name === 'invite')) this.db.exec('ALTER TABLE rooms ADD COLUMN invite TEXT');
  }

  setInvite(id: string, invite: string): void {
    this.db.prepare('UPDATE rooms SET invite = ? WHERE id = ?').run(invite, id);
  }

  createRoom(room: StoredRoom): void {
    this.insertRoom.run(room.id, room.workshop, room.locale, room.keyHash, room.createdAt, room.schemaVersion);
  }

  getRoom(id: string): StoredRoom | null {
    const row = this.selectRoom.get(id) as RoomRow | undefined;
    if (!row) return null;
    return {
      id: row.id as RoomId,
      workshop: row.workshop,
      locale: row.locale as Locale,
      keyHash: Buffer.from(row.key_hash),
      createdAt: row.created_at,
      schemaVersion: row.schema_version,
      invite: row.invite,
    };
  }

  loadDoc(room: RoomId, doc: DocKind): StoredDoc {
    const rows = this.selectUpdates.all(room, doc) as { seq: number; data: Uint8Array }[];
    return { updates: rows.map((r) => new Uint8Array(r.data)), lastSeq: rows.at(-1)?.seq ?? 0 };
  }

  appendUpdates(records: readonly UpdateRecord[]): void {
    if (records.length === 0) return;
    this.transaction(() => {
      for (const r of records) this.insertUpdate.run(r.room, r.doc, r.seq, r.data);
    });
  }

  compact(room: RoomId, doc: DocKind, snapshot: Uint8Array, uptoSeq: number): void {
    this.transaction(() => {
      this.deleteUpTo.run(room, doc, uptoSeq);
      this.insertUpdate.run(room, doc, uptoSeq, snapshot);
    });
  }

  docSize(room: RoomId, doc: DocKind): { updates: number; bytes: number } {
    return this.sizeOf.get(room, doc) as { updates: number; bytes: number };
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
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
