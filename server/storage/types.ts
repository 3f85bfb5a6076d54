import type { ParticipantId, RoomId } from '../../src/model/ids.ts';
import type { Locale } from '../../src/model/locale.ts';
import type { DocName } from '../../src/model/roles.ts';

export type StoredRoom = {
  id: RoomId;
  workshop: string;
  locale: Locale;
  /** SHA-256 of the facilitator key; the key itself is never stored. */
  keyHash: Buffer;
  createdAt: number;
  schemaVersion: number;
  /**
   * Once the facilitator has rotated the participant link: the token that
   * participant and projector links must carry. Null until then. A link
   * secret like the room id, kept in clear so the console can show the link again.
   */
  invite: string | null;
  /**
   * The short code people type to join (src/model/join-code.ts), unique among
   * rooms; replaced with the invite. Null for rooms made before codes existed.
   */
  joinCode: string | null;
};

/** Where a join code leads: its room, and whether it is still the room's current code. */
export type JoinCodeHit = { room: RoomId; current: boolean };

/**
 * A participant's (or the facilitator's) place in a room: the server issues
 * it, the device keeps the secret, and every write of a connection is checked
 * against the seat it presented. Only the secret's hash is stored.
 */
export type StoredSeat = {
  room: RoomId;
  id: ParticipantId;
  /** SHA-256 of the seat's secret. */
  secretHash: Buffer;
  createdAt: number;
};

export type StoredDoc = {
  /** Updates in the order they were received (a snapshot first, after compaction). */
  updates: Uint8Array[];
  /** Sequence number of the last stored update; 0 when empty. */
  lastSeq: number;
};

export type UpdateRecord = { room: RoomId; doc: DocName; seq: number; data: Uint8Array };

/** Called once a write has returned: with null when it is durable, with the error when none of it was stored. */
export type WriteDone = (error: Error | null) => void;

/**
 * Durable storage of rooms and their documents' update logs.
 * The plain methods are synchronous: when one returns, the data is on disk
 * (or it threw, and nothing of the call was stored). Live rooms write
 * through the *Async methods instead, which need not block the event loop.
 */
export interface RoomStore {
  createRoom(room: StoredRoom): void;
  getRoom(id: string): StoredRoom | null;
  /**
   * Replaces the participant link's invite; with `joinCode`, the room's code
   * too, in the same write (the old code is kept as retired, so it answers 410).
   */
  setInvite(id: string, invite: string, joinCode?: string): void;
  /** The room a join code belongs or belonged to; null for a code never issued. */
  findJoinCode(code: string): JoinCodeHit | null;
  /** Stores a new seat, durably, before the call returns. */
  createSeat(seat: StoredSeat): void;
  getSeat(room: string, seat: string): StoredSeat | null;
  /** How many seats a room has issued. */
  seatCount(room: string): number;
  loadDoc(room: RoomId, doc: DocName): StoredDoc;
  /** Appends many updates, of any rooms, in one atomic, durable write. */
  appendUpdates(records: readonly UpdateRecord[]): void;
  /** Replaces updates up to and including `uptoSeq` with one snapshot stored at `uptoSeq`. */
  compact(room: RoomId, doc: DocName, snapshot: Uint8Array, uptoSeq: number): void;
  /**
   * appendUpdates without waiting: `done` runs once the write has returned.
   * Every write of a store, of either kind, is applied in the order it was
   * made. `done` may run before the call returns (a store with nothing to wait for).
   */
  appendUpdatesAsync(records: readonly UpdateRecord[], done: WriteDone): void;
  /** compact without waiting; as appendUpdatesAsync. */
  compactAsync(room: RoomId, doc: DocName, snapshot: Uint8Array, uptoSeq: number, done: WriteDone): void;
  /** Blocks until every write made so far has returned and its `done` has run (shutdown). */
  drain(): void;
  /** Bytes stored for one document (for tests and benchmarks). */
  docSize(room: RoomId, doc: DocName): { updates: number; bytes: number };
  /** Drains, then closes. */
  close(): void;
}
