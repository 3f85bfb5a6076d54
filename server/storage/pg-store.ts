/**
 * STORAGE=postgres: the room store in PostgreSQL, for deployments where the
 * data must outlive one machine. Same interface and same meaning as the SQLite
 * store (sqlite-store.ts): a plain method returns once its transaction is
 * committed; posted writes (a room's group commit, see rooms/write-queue.ts)
 * call back once committed, in the order they were made. "Committed" means
 * COMMIT returned under synchronous_commit = on: the commit record is flushed
 * to the database's write-ahead log, so it survives a crash of either process.
 *
 * The client (node-postgres) runs in a worker thread; pg-bridge.ts says why.
 */
import type { ParticipantId, RoomId } from '../../src/model/ids.ts';
import type { Locale } from '../../src/model/locale.ts';
import type { DocName } from '../../src/model/roles.ts';
import { historyRecordOf, type HistoryRow } from './history-row.ts';
import { PgBridge, type StorageError } from './pg-bridge.ts';
import { FENCE_REFUSED, RoomLeases } from './pg-leases.ts';
import type { RoomRow, SeatRow } from './pg-reads.ts';
import type { Fence } from './pg-writes.ts';
import type { RoomOwner } from '../cluster/node-table.ts';
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

export type PgStoreOptions = {
  url: string;
  /** This server's name in the lease table; a restarted server with the same one takes its rooms back at once. */
  nodeId: string;
  /** How long a room's lease lasts without renewal (renewed every third of it). */
  leaseMs: number;
};

export class PgStore implements RoomStore {
  private readonly bridge: PgBridge;
  private readonly leases: RoomLeases;

  /** Connects, and migrates the schema; throws (and stops the worker) when either fails. */
  constructor(options: PgStoreOptions) {
    this.bridge = new PgBridge(options.url);
    try {
      this.bridge.open();
    } catch (error) {
      this.bridge.close();
      throw new Error(`cannot open the PostgreSQL store: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    }
    this.leases = new RoomLeases(this.bridge, options.nodeId, options.leaseMs);
    this.leases.start();
  }

  claimRoom(room: RoomId): void {
    this.leases.claim(room);
  }

  releaseRoom(room: RoomId): void {
    this.leases.release(room);
  }

  onRoomLost(listener: (room: RoomId) => void): void {
    this.leases.onLost(listener);
  }

  /** Registers this server in the nodes table under `url`, refreshed with every lease renewal (server/cluster/). */
  joinCluster(url: string): void {
    this.leases.join(url);
  }

  /** Removes this server from the nodes table: other servers stop forwarding to it. */
  leaveCluster(): void {
    this.leases.leave();
  }

  /** Who holds the room's lease now, and where to reach it (null: nobody; whoever claims it first serves it). */
  roomOwner(room: string, freshMs: number): RoomOwner | null {
    return this.bridge.read<RoomOwner | null>({ op: 'roomOwner', room, freshMs });
  }

  /** True while this server holds the room's lease (tests, /health). */
  holdsRoom(room: string): boolean {
    return this.leases.holds(room);
  }

  /** Database settings that would make an acknowledged commit losable; reported at start like a damaged SQLite file. */
  check(): string[] {
    return this.bridge.read<string[]>({ op: 'check' });
  }

  createRoom(room: StoredRoom): void {
    this.bridge.run({ op: 'createRoom', room });
  }

  getRoom(id: string): StoredRoom | null {
    const row = this.bridge.read<RoomRow | null>({ op: 'getRoom', id });
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
      joinCode: row.join_code,
    };
  }

  setInvite(id: string, invite: string, joinCode?: string): void {
    this.bridge.run({ op: 'setInvite', id, invite, joinCode });
  }

  findJoinCode(code: string): JoinCodeHit | null {
    return this.bridge.read<JoinCodeHit | null>({ op: 'findJoinCode', code });
  }

  createSeat(seat: StoredSeat): void {
    this.bridge.run({ op: 'createSeat', seat });
  }

  getSeat(room: string, seat: string): StoredSeat | null {
    const row = this.bridge.read<SeatRow | null>({ op: 'getSeat', room, seat });
    if (!row) return null;
    return {
      room: room as RoomId,
      id: seat as ParticipantId,
      secretHash: Buffer.from(row.secret_hash),
      anonKey: row.anon_key,
      createdAt: row.created_at,
    };
  }

  removeSeat(room: string, seat: string): void {
    this.bridge.run({ op: 'removeSeat', room, seat });
  }

  setSeatSecret(room: string, seat: string, secretHash: Buffer): void {
    this.bridge.run({ op: 'setSeatSecret', room, seat, secretHash });
  }

  seatCount(room: string): number {
    return this.bridge.read<number>({ op: 'seatCount', room });
  }

  listSeats(room: string): ParticipantId[] {
    return this.bridge.read<ParticipantId[]>({ op: 'listSeats', room });
  }

  loadDoc(room: RoomId, doc: DocName): StoredDoc {
    return this.bridge.read<StoredDoc>({ op: 'loadDoc', room, doc });
  }

  appendUpdates(records: readonly UpdateRecord[]): void {
    if (records.length === 0) return;
    const fence = this.leases.fenceFor(records.map((r) => r.room));
    try {
      this.bridge.run({ op: 'append', records, fence });
    } catch (error) {
      this.fenceRefused(fence, error as StorageError);
      throw error;
    }
  }

  loadHistory(room: RoomId, doc: DocName): HistoryRecord[] {
    return this.bridge.read<HistoryRow[]>({ op: 'loadHistory', room, doc }).map(historyRecordOf);
  }

  compact(room: RoomId, doc: DocName, snapshot: Uint8Array, uptoSeq: number): void {
    this.bridge.run({ op: 'compact', room, doc, snapshot, uptoSeq, fence: this.leases.fenceFor([room]) });
  }

  appendUpdatesAsync(records: readonly UpdateRecord[], done: WriteDone): void {
    const fence = this.leases.fenceFor(records.map((r) => r.room));
    this.bridge.post({ op: 'append', records, fence }, (error) => {
      if (error) this.fenceRefused(fence, error);
      done(error);
    });
  }

  compactAsync(room: RoomId, doc: DocName, snapshot: Uint8Array, uptoSeq: number, done: WriteDone): void {
    const fence = this.leases.fenceFor([room]);
    this.bridge.post({ op: 'compact', room, doc, snapshot, uptoSeq, fence }, (error) => {
      if (error) this.fenceRefused(fence, error);
      done(error);
    });
  }

  /** The database refused a write for a stale token: the room was taken over, and this server must drop it. */
  private fenceRefused(fence: Fence, error: StorageError): void {
    if (error.code === FENCE_REFUSED) this.leases.refused(fence);
  }

  drain(): void {
    this.bridge.drain();
  }

  deleteRoom(id: string): void {
    this.bridge.run({ op: 'deleteRoom', id });
  }

  touchRoom(id: string, at: number): void {
    this.bridge.post({ op: 'touchRoom', id, at }, () => {});
  }

  idleRooms(before: number): string[] {
    return this.bridge.read<string[]>({ op: 'idleRooms', before });
  }

  docSize(room: RoomId, doc: DocName): { updates: number; bytes: number } {
    return this.bridge.read<{ updates: number; bytes: number }>({ op: 'docSize', room, doc });
  }

  /** Drains, gives back every lease still held (after the last writes), then closes. */
  close(): void {
    this.bridge.drain();
    try {
      this.leases.leave();
      this.leases.releaseAll();
    } catch {
      // Unreachable database: the leases expire by themselves.
    }
    this.bridge.close();
  }
}
