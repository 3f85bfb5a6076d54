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
import { checkFilesBelong, openOrSalvage } from './open-files.ts';
import { databaseFile } from './sqlite-db.ts';
import { DocReader } from './sqlite-read.ts';
import { SqliteWriter } from './sqlite-writer.ts';
import type {
  HistoryRecord,
  JoinCodeHit,
  RoomStore,
  StoredDoc,
  StoredRoom,
  StoredSeat,
  UpdateRecord,
  WriteDone,
} from './types.ts';
import { historyRecordOf, type HistoryRow } from './history-row.ts';

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
  active_at: number | null;
  join_code: string | null;
};

export class SqliteStore implements RoomStore {
  private readonly db: DatabaseSync;
  private readonly writer: SqliteWriter;
  private readonly selectRoom: StatementSync;
  private readonly selectSeatUsage: StatementSync;
  private readonly selectHistory: StatementSync;
  private readonly reader: DocReader;
  private readonly sizeOf: StatementSync;
  private readonly selectSeat: StatementSync;
  private readonly countSeats: StatementSync;
  private readonly selectSeatIds: StatementSync;
  private readonly selectByCode: StatementSync;
  private readonly selectRetiredCode: StatementSync;

  /** Problems found before opening (a torn write-ahead log), reported by check(). */
  private readonly openingProblems: string[];

  readonly file: string;

  /** `previousStopUnclean`: the last server here was killed, so a missing write-ahead log means lost commits. */
  constructor(dataDir: string, previousStopUnclean = false) {
    const file = databaseFile(dataDir);
    this.file = file;
    this.openingProblems = inspectWal(`${file}-wal`);
    checkFilesBelong(file, previousStopUnclean, this.openingProblems);
    // SQLite's recovery keeps every complete, checksummed commit of the log and drops a torn tail.
    this.db = openOrSalvage(file, this.openingProblems);
    this.selectRoom = this.db.prepare('SELECT * FROM rooms WHERE id = ?');
    this.selectSeatUsage = this.db.prepare('SELECT seat, bytes FROM seat_usage WHERE room = ? AND doc = ?');
    this.selectHistory = this.db.prepare(
      'SELECT seq, at, role, seat, name, data FROM history WHERE room = ? AND doc = ? ORDER BY seq',
    );
    this.reader = new DocReader(this.db);
    // Everything kept for the document: the update log and the snapshots (the previous one is kept too).
    this.sizeOf = this.db.prepare(
      `SELECT count(*) AS updates, coalesce(sum(length(data)), 0) AS bytes FROM (
         SELECT data FROM updates WHERE room = ?1 AND doc = ?2 UNION ALL SELECT data FROM snapshots WHERE room = ?1 AND doc = ?2)`,
    );
    this.selectSeat = this.db.prepare('SELECT secret_hash, anon_key, created_at FROM seats WHERE room = ? AND id = ?');
    this.countSeats = this.db.prepare('SELECT count(*) AS n FROM seats WHERE room = ?');
    this.selectSeatIds = this.db.prepare('SELECT id FROM seats WHERE room = ? ORDER BY created_at, id');
    this.selectByCode = this.db.prepare('SELECT id FROM rooms WHERE join_code = ?');
    this.selectRetiredCode = this.db.prepare('SELECT room FROM retired_codes WHERE code = ?');
    this.writer = new SqliteWriter(file);
    this.writer.start();
  }

  /** Checks the database file; a damaged store is reported at start rather than discovered mid-workshop. */
  check(): string[] {
    // A badly damaged file can make the check itself fail; that is a finding, not a reason to stop.
    try {
      const rows = this.db.prepare('PRAGMA quick_check').all() as { quick_check: string }[];
      return [...this.openingProblems, ...rows.map((r) => r.quick_check).filter((r) => r !== 'ok')];
    } catch (error) {
      return [...this.openingProblems, `quick_check failed: ${error instanceof Error ? error.message : String(error)}`];
    }
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

  setSeatSecret(room: string, seat: string, secretHash: Buffer): void {
    this.writer.run({ op: 'setSeatSecret', room, seat, secretHash });
  }

  removeSeat(room: string, seat: string): void {
    this.writer.run({ op: 'removeSeat', room, seat });
  }

  getSeat(room: string, seat: string): StoredSeat | null {
    const row = this.selectSeat.get(room, seat) as { secret_hash: Uint8Array; anon_key: string; created_at: number } | undefined;
    if (!row) return null;
    return {
      room: room as RoomId,
      id: seat as ParticipantId,
      secretHash: Buffer.from(row.secret_hash),
      anonKey: row.anon_key,
      createdAt: row.created_at,
    };
  }

  seatCount(room: string): number {
    return (this.countSeats.get(room) as { n: number }).n;
  }

  listSeats(room: string): ParticipantId[] {
    return (this.selectSeatIds.all(room) as { id: string }[]).map((row) => row.id as ParticipantId);
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
      activeAt: row.active_at,
      joinCode: row.join_code ?? null,
    };
  }

  loadDoc(room: RoomId, doc: DocName): StoredDoc {
    const usage = this.selectSeatUsage.all(room, doc) as { seat: string; bytes: number }[];
    return { ...this.reader.load(room, doc), seatBytes: usage.map((u) => [u.seat, u.bytes]) };
  }

  loadHistory(room: RoomId, doc: DocName): HistoryRecord[] {
    return (this.selectHistory.all(room, doc) as HistoryRow[]).map(historyRecordOf);
  }

  deleteRoom(id: string): void {
    this.writer.run({ op: 'deleteRoom', id });
  }

  touchRoom(id: string, at: number): void {
    this.writer.post({ op: 'touchRoom', id, at }, () => {});
  }

  idleRooms(before: number): string[] {
    const rows = this.db.prepare('SELECT id FROM rooms WHERE coalesce(active_at, created_at) < ?').all(before) as {
      id: string;
    }[];
    return rows.map((r) => r.id);
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
