/**
 * SQLite through Node's built-in `node:sqlite`: an embedded, well-tested store
 * with atomic transactions and no native module to install. Reads use a
 * connection on the main thread; every write goes to the one writing
 * connection in the storage worker (sqlite-writer.ts), so the fsync of a
 * commit does not stall the event loop. See sqlite-db.ts for durability.
 */
import fs from 'node:fs';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { ParticipantId, RoomId } from '../../src/model/ids.ts';
import type { Locale } from '../../src/model/locale.ts';
import type { DocName } from '../../src/model/roles.ts';
import { databaseFile, openDatabase, prepareSchema } from './sqlite-db.ts';
import { SqliteWriter } from './sqlite-writer.ts';
import type {
  JoinCodeHit,
  RoomStore,
  StoredDoc,
  StoredRoom,
  StoredSeat,
  UpdateRecord,
  WriteDone,
} from './types.ts';

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
  join_code: string | null;
};

export class SqliteStore implements RoomStore {
  private readonly db: DatabaseSync;
  private readonly writer: SqliteWriter;
  private readonly selectRoom: StatementSync;
  private readonly selectUpdates: StatementSync;
  private readonly sizeOf: StatementSync;
  private readonly selectSeat: StatementSync;
  private readonly countSeats: StatementSync;
  private readonly selectByCode: StatementSync;
  private readonly selectRetiredCode: StatementSync;

  /** Problems found before opening (a torn write-ahead log), reported by check(). */
  private readonly openingProblems: string[];

  constructor(dataDir: string) {
    const file = databaseFile(dataDir);
    this.openingProblems = inspectWal(`${file}-wal`);
    // SQLite's recovery keeps every complete, checksummed commit of the log and drops a torn tail.
    this.db = openDatabase(file);
    prepareSchema(this.db);
    this.selectRoom = this.db.prepare('SELECT * FROM rooms WHERE id = ?');
    this.selectUpdates = this.db.prepare('SELECT seq, data FROM updates WHERE room = ? AND doc = ? ORDER BY seq');
    this.sizeOf = this.db.prepare(
      'SELECT count(*) AS updates, coalesce(sum(length(data)), 0) AS bytes FROM updates WHERE room = ? AND doc = ?',
    );
    this.selectSeat = this.db.prepare('SELECT secret_hash, created_at FROM seats WHERE room = ? AND id = ?');
    this.countSeats = this.db.prepare('SELECT count(*) AS n FROM seats WHERE room = ?');
    this.selectByCode = this.db.prepare('SELECT id FROM rooms WHERE join_code = ?');
    this.selectRetiredCode = this.db.prepare('SELECT room FROM retired_codes WHERE code = ?');
    this.writer = new SqliteWriter(file);
    this.writer.start();
  }

  /** Checks the database file; a damaged store is reported at start rather than discovered mid-workshop. */
  check(): string[] {
    const rows = this.db.prepare('PRAGMA quick_check').all() as { quick_check: string }[];
    return [...this.openingProblems, ...rows.map((r) => r.quick_check).filter((r) => r !== 'ok')];
  }

  setInvite(id: string, invite: string, joinCode?: string): void {
    this.writer.run({ op: 'setInvite', id, invite, joinCode });
  }

  findJoinCode(code: string): JoinCodeHit | null {
    const live = this.selectByCode.get(code) as { id: string } | undefined;
    if (live) return { room: live.id as RoomId, current: true };
    const retired = this.selectRetiredCode.get(code) as { room: string } | undefined;
    return retired ? { room: retired.room as RoomId, current: false } : null;
  }

  createRoom(room: StoredRoom): void {
    this.writer.run({ op: 'createRoom', room });
  }

  createSeat(seat: StoredSeat): void {
    this.writer.run({ op: 'createSeat', seat });
  }

  getSeat(room: string, seat: string): StoredSeat | null {
    const row = this.selectSeat.get(room, seat) as { secret_hash: Uint8Array; created_at: number } | undefined;
    if (!row) return null;
    return {
      room: room as RoomId,
      id: seat as ParticipantId,
      secretHash: Buffer.from(row.secret_hash),
      createdAt: row.created_at,
    };
  }

  seatCount(room: string): number {
    return (this.countSeats.get(room) as { n: number }).n;
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
      joinCode: row.join_code ?? null,
    };
  }

  loadDoc(room: RoomId, doc: DocName): StoredDoc {
    const rows = this.selectUpdates.all(room, doc) as { seq: number; data: Uint8Array }[];
    return { updates: rows.map((r) => new Uint8Array(r.data)), lastSeq: rows.at(-1)?.seq ?? 0 };
  }

  appendUpdates(records: readonly UpdateRecord[]): void {
    if (records.length > 0) this.writer.run({ op: 'append', records });
  }

  compact(room: RoomId, doc: DocName, snapshot: Uint8Array, uptoSeq: number): void {
    this.writer.run({ op: 'compact', room, doc, snapshot, uptoSeq });
  }

  appendUpdatesAsync(records: readonly UpdateRecord[], done: WriteDone): void {
    this.writer.post({ op: 'append', records }, done);
  }

  compactAsync(room: RoomId, doc: DocName, snapshot: Uint8Array, uptoSeq: number, done: WriteDone): void {
    this.writer.post({ op: 'compact', room, doc, snapshot, uptoSeq }, done);
  }

  drain(): void {
    this.writer.drain();
  }

  docSize(room: RoomId, doc: DocName): { updates: number; bytes: number } {
    return this.sizeOf.get(room, doc) as { updates: number; bytes: number };
  }

  close(): void {
    this.writer.close();
    if (this.db.isOpen) this.db.close();
  }
}
