/** Keeps everything in memory: for unit tests and benchmarks that measure the sync path alone. */
import type { ParticipantId, RoomId } from '../../src/model/ids.ts';
import { seatDocName, type DocName } from '../../src/model/roles.ts';
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

type Row = { seq: number; data: Uint8Array };

export class MemoryStore implements RoomStore {
  private readonly rooms = new Map<string, StoredRoom>();
  private readonly docs = new Map<string, Row[]>();
  private readonly seats = new Map<string, StoredSeat>();
  private readonly seatBytes = new Map<string, Map<string, number>>();
  private readonly history = new Map<string, HistoryRecord[]>();
  /** Codes replaced with their room's link: code -> room. */
  private readonly retiredCodes = new Map<string, RoomId>();
  /** Set to make the next writes fail, as a full disk would. */
  failWrites = false;

  createRoom(room: StoredRoom): void {
    if (this.rooms.has(room.id)) throw new Error(`room ${room.id} exists`);
    this.rooms.set(room.id, { ...room });
  }

  getRoom(id: string): StoredRoom | null {
    return this.rooms.get(id) ?? null;
  }

  setInvite(id: string, invite: string, joinCode?: string): void {
    const room = this.rooms.get(id);
    if (!room) return;
    room.invite = invite;
    if (joinCode === undefined) return;
    if (room.joinCode !== null) this.retiredCodes.set(room.joinCode, room.id);
    room.joinCode = joinCode;
  }

  findJoinCode(code: string): JoinCodeHit | null {
    for (const room of this.rooms.values()) if (room.joinCode === code) return { room: room.id, current: true };
    const retired = this.retiredCodes.get(code);
    return retired ? { room: retired, current: false } : null;
  }

  createSeat(seat: StoredSeat): void {
    if (this.failWrites) throw new Error('write failed (simulated)');
    this.seats.set(key(seat.room, seat.id), { ...seat });
  }

  setSeatSecret(room: string, seat: string, secretHash: Buffer): void {
    if (this.failWrites) throw new Error('write failed (simulated)');
    const stored = this.seats.get(key(room, seat));
    if (stored) stored.secretHash = secretHash;
  }

  removeSeat(room: string, seat: string): void {
    if (this.failWrites) throw new Error('write failed (simulated)');
    this.seats.delete(key(room, seat));
    const doc = key(room, seatDocName(seat));
    for (const map of [this.docs, this.seatBytes, this.history]) map.delete(doc);
  }

  getSeat(room: string, seat: string): StoredSeat | null {
    return this.seats.get(key(room, seat)) ?? null;
  }

  seatCount(room: string): number {
    let count = 0;
    for (const seat of this.seats.values()) if (seat.room === room) count++;
    return count;
  }

  listSeats(room: string): ParticipantId[] {
    return [...this.seats.values()].filter((seat) => seat.room === room).map((seat) => seat.id);
  }

  loadDoc(room: RoomId, doc: DocName): StoredDoc {
    const rows = this.docs.get(key(room, doc)) ?? [];
    return {
      updates: rows.map((r) => r.data),
      lastSeq: rows.at(-1)?.seq ?? 0,
      seatBytes: [...(this.seatBytes.get(key(room, doc)) ?? [])],
    };
  }

  appendUpdates(records: readonly UpdateRecord[]): void {
    if (this.failWrites) throw new Error('write failed (simulated)');
    for (const r of records) {
      const rows = this.docs.get(key(r.room, r.doc)) ?? [];
      rows.push({ seq: r.seq, data: r.data });
      this.docs.set(key(r.room, r.doc), rows);
      if (r.seat !== undefined) {
        const usage = this.seatBytes.get(key(r.room, r.doc)) ?? new Map<string, number>();
        usage.set(r.seat, (usage.get(r.seat) ?? 0) + r.data.byteLength);
        this.seatBytes.set(key(r.room, r.doc), usage);
      }
      const past = this.history.get(key(r.room, r.doc)) ?? [];
      past.push({ seq: r.seq, at: r.at ?? Date.now(), writer: r.writer ?? null, data: r.data });
      this.history.set(key(r.room, r.doc), past);
    }
  }

  loadHistory(room: RoomId, doc: DocName): HistoryRecord[] {
    return [...(this.history.get(key(room, doc)) ?? [])];
  }

  compact(room: RoomId, doc: DocName, snapshot: Uint8Array, uptoSeq: number): void {
    if (this.failWrites) throw new Error('write failed (simulated)');
    const rows = (this.docs.get(key(room, doc)) ?? []).filter((r) => r.seq > uptoSeq);
    this.docs.set(key(room, doc), [{ seq: uptoSeq, data: snapshot }, ...rows]);
  }

  /** Nothing to wait for: the write happens, and `done` runs, before the call returns. */
  appendUpdatesAsync(records: readonly UpdateRecord[], done: WriteDone): void {
    done(attempt(() => this.appendUpdates(records)));
  }

  compactAsync(room: RoomId, doc: DocName, snapshot: Uint8Array, uptoSeq: number, done: WriteDone): void {
    done(attempt(() => this.compact(room, doc, snapshot, uptoSeq)));
  }

  drain(): void {}

  touchRoom(id: string, at: number): void {
    const room = this.rooms.get(id);
    if (room) room.activeAt = at;
  }

  idleRooms(before: number): string[] {
    return [...this.rooms.values()].filter((r) => (r.activeAt ?? r.createdAt) < before).map((r) => r.id);
  }

  deleteRoom(id: string): void {
    if (this.failWrites) throw new Error('write failed (simulated)');
    this.rooms.delete(id);
    for (const k of [...this.docs.keys()]) if (k.startsWith(`${id}/`)) this.docs.delete(k);
    for (const [k, seat] of [...this.seats]) if (seat.room === id) this.seats.delete(k);
    for (const map of [this.seatBytes, this.history]) {
      for (const k of [...map.keys()]) if (k.startsWith(`${id}/`)) map.delete(k);
    }
    for (const [code, room] of [...this.retiredCodes]) if (room === id) this.retiredCodes.delete(code);
  }

  docSize(room: RoomId, doc: DocName): { updates: number; bytes: number } {
    const rows = this.docs.get(key(room, doc)) ?? [];
    return { updates: rows.length, bytes: rows.reduce((sum, r) => sum + r.data.byteLength, 0) };
  }

  close(): void {}
}

const key = (room: string, doc: string) => `${room}/${doc}`;

function attempt(write: () => void): Error | null {
  try {
    write();
    return null;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}
