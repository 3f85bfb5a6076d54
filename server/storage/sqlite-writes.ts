/**
 * Every write the SQLite store makes, as statements prepared once on the one
 * writing connection (sqlite-writer-worker.ts). Each write is one transaction,
 * so one fsync: with the pragmas set in sqlite-db.ts a write that returned
 * survives kill -9 and power loss, and rows that belong together (an update,
 * its seat's usage and its history row) are stored together or not at all.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { RoomId } from '../../src/model/ids.ts';
import { seatDocName, type DocName } from '../../src/model/roles.ts';
import { sha256 } from './sqlite-db.ts';
import type { StoredRoom, StoredSeat, UpdateRecord } from './types.ts';

/** user_version is a signed 32-bit number; the counter wraps below it. */
const MAX_USER_VERSION = 2 ** 31 - 1;

/** Every write the store makes, each one transaction (one fsync). */
export class SqliteWrites {
  private readonly db: DatabaseSync;
  private readonly insertRoom: StatementSync;
  private readonly updateInvite: StatementSync;
  private readonly insertUpdate: StatementSync;
  private readonly insertHistory: StatementSync;
  private readonly insertSeat: StatementSync;
  private readonly updateSeatSecret: StatementSync;
  private readonly deleteUpTo: StatementSync;
  private readonly addSeatUsage: StatementSync;
  private readonly newestSnapshot: StatementSync;
  private readonly insertSnapshot: StatementSync;
  private readonly deleteSnapshotsBefore: StatementSync;
  private readonly deleteRoomRows: StatementSync[];
  private readonly deleteSeatRows: StatementSync[];
  private readonly updateActive: StatementSync;
  /** Rewritten by every commit, so that every commit's frames in the log carry page 1 (see open-files.ts). */
  private commitCounter: number;
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
    this.insertHistory = db.prepare(
      'INSERT INTO history (room, doc, seq, at, role, seat, name, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.insertSeat = db.prepare(
      'INSERT INTO seats (room, id, secret_hash, anon_key, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.updateSeatSecret = db.prepare('UPDATE seats SET secret_hash = ? WHERE room = ? AND id = ?');
    this.deleteUpTo = db.prepare('DELETE FROM updates WHERE room = ? AND doc = ? AND seq <= ?');
    this.addSeatUsage = db.prepare(
      'INSERT INTO seat_usage (room, doc, seat, bytes) VALUES (?, ?, ?, ?) ' +
        'ON CONFLICT (room, doc, seat) DO UPDATE SET bytes = bytes + excluded.bytes',
    );
    this.newestSnapshot = db.prepare(
      'SELECT seq, data, sha256 FROM snapshots WHERE room = ? AND doc = ? ORDER BY seq DESC LIMIT 1',
    );
    this.insertSnapshot = db.prepare(
      'INSERT OR REPLACE INTO snapshots (room, doc, seq, data, sha256) VALUES (?, ?, ?, ?, ?)',
    );
    this.deleteSnapshotsBefore = db.prepare('DELETE FROM snapshots WHERE room = ? AND doc = ? AND seq < ?');
    this.deleteRoomRows = ['updates', 'snapshots', 'seats', 'seat_usage', 'history', 'retired_codes'].map((table) =>
      db.prepare(`DELETE FROM ${table} WHERE room = ?`),
    );
    this.deleteRoomRows.push(db.prepare('DELETE FROM rooms WHERE id = ?'));
    // The seat's private document goes with it; what it wrote to the board stays, with its usage.
    this.deleteSeatRows = ['updates', 'snapshots', 'history', 'seat_usage'].map((table) =>
      db.prepare(`DELETE FROM ${table} WHERE room = ? AND doc = ?`),
    );
    this.updateActive = db.prepare('UPDATE rooms SET active_at = ? WHERE id = ?');
    this.commitCounter = (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version;
  }

  /** Notes that a room was in use at `at` (ms since the epoch), for the retention. */
  touchRoom(id: string, at: number): void {
    this.transaction(() => this.updateActive.run(at, id));
  }

  /** Removes a seat and its private document, in one transaction. */
  removeSeat(room: string, seat: string): void {
    this.transaction(() => {
      this.db.prepare('DELETE FROM seats WHERE room = ? AND id = ?').run(room, seat);
      for (const statement of this.deleteSeatRows) statement.run(room, seatDocName(seat));
    });
  }

  /** Removes a room and everything stored for it, in one transaction. */
  deleteRoom(id: string): void {
    this.transaction(() => {
      for (const statement of this.deleteRoomRows) statement.run(id);
    });
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
    this.transaction(() => this.insertSeat.run(seat.room, seat.id, seat.secretHash, seat.anonKey, seat.createdAt));
  }

  setSeatSecret(room: string, seat: string, secretHash: Uint8Array): void {
    this.transaction(() => this.updateSeatSecret.run(secretHash, room, seat));
  }

  appendUpdates(records: readonly UpdateRecord[]): void {
    if (records.length === 0) return;
    this.transaction(() => {
      const now = Date.now();
      for (const r of records) {
        this.insertUpdate.run(r.room, r.doc, r.seq, r.data);
        // In the same transaction: a seat's count is never behind or ahead of its stored updates.
        if (r.seat !== undefined) this.addSeatUsage.run(r.room, r.doc, r.seat, r.data.byteLength);
        // History too: an update is in both or in neither. Compaction leaves it alone.
        const w = r.writer;
        this.insertHistory.run(
          r.room,
          r.doc,
          r.seq,
          r.at ?? now,
          w?.role ?? null,
          w?.seat ?? null,
          w?.name ?? null,
          r.data,
        );
      }
    });
  }

  /**
   * Stores a snapshot of the document up to `uptoSeq`. What it replaces is
   * not dropped yet: the previous snapshot and the updates since it stay, so
   * a damaged newest snapshot costs nothing (loading falls back to the
   * previous one and replays the updates). Only what came before the previous
   * snapshot is dropped, and only once that snapshot has been read back from
   * disk and matched its checksum.
   */
  compact(room: RoomId, doc: DocName, snapshot: Uint8Array, uptoSeq: number): void {
    this.transaction(() => {
      const previous = this.newestSnapshot.get(room, doc) as
        { seq: number; data: Uint8Array; sha256: Uint8Array } | undefined;
      this.insertSnapshot.run(room, doc, uptoSeq, snapshot, sha256(snapshot));
      if (previous && previous.seq < uptoSeq && sha256(previous.data).equals(previous.sha256)) {
        this.deleteSnapshotsBefore.run(room, doc, previous.seq);
        this.deleteUpTo.run(room, doc, previous.seq);
      }
    });
  }

  private transaction(work: () => void): void {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      work();
      this.commitCounter = (this.commitCounter + 1) % MAX_USER_VERSION;
      this.db.exec(`PRAGMA user_version = ${this.commitCounter}`);
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }
}
