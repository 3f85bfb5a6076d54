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
  /** When the room was last opened or left by anyone (ms since the epoch); null if never since it was created. */
  activeAt?: number | null;
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
  /** Derives the seat's pseudonyms on anonymous steps; the server must compute them, so it is kept in clear. */
  anonKey: string;
  createdAt: number;
};

export type StoredDoc = {
  /** Updates in the order they were received (a snapshot first, after compaction). */
  updates: Uint8Array[];
  /** Sequence number of the last stored update; 0 when empty. */
  lastSeq: number;
  /** Bytes each seat has written to the document in all, kept through compaction ('' for writes without a seat). */
  seatBytes: [seat: string, bytes: number][];
  /** Present when part of the stored document could not be read as written: where it was loaded from, and what was lost. */
  recovery?: { source: string; problems: string[] };
};

export type UpdateRecord = {
  room: RoomId;
  doc: DocName;
  seq: number;
  data: Uint8Array;
  /** When the server received it (ms since epoch); the time of writing when absent. */
  at?: number;
  /** Who wrote it, for the room's history (server/rooms/history.ts); absent for writes of no one (an import). */
  writer?: HistoryWriter;
  /** Whose document budget it counts against ('' a connection without a seat); absent for the server's own writes. */
  seat?: string;
};

/**
 * The writer of a stored update as history keeps it: a connection's role,
 * seat and the name its presence showed at the time, or the server itself
 * (`role: 'server'`, `seat: null`, `name` saying why, e.g. a restore).
 */
export type HistoryWriter = {
  role: 'facilitator' | 'participant' | 'server';
  seat: string | null;
  name: string | null;
};

/** One stored update in a document's history, which compaction never touches. */
export type HistoryRecord = { seq: number; at: number; writer: HistoryWriter | null; data: Uint8Array };

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
  /** Replaces a seat's secret (the seat moved to another device), durably, before the call returns. */
  setSeatSecret(room: string, seat: string, secretHash: Buffer): void;
  /**
   * Removes a seat the facilitator does not recognise, with its private
   * document (ballots, drafts), durably, before the call returns. What it
   * published on the board stays.
   */
  removeSeat(room: string, seat: string): void;
  /** How many seats a room has issued. */
  seatCount(room: string): number;
  /** The ids of every seat a room has issued, oldest first (the vote publisher reads their documents). */
  listSeats(room: string): ParticipantId[];
  loadDoc(room: RoomId, doc: DocName): StoredDoc;
  /** Appends many updates, of any rooms, in one atomic, durable write. */
  appendUpdates(records: readonly UpdateRecord[]): void;
  /**
   * Every update ever appended to the document, oldest first. Appended in the
   * same transaction as the update log, never compacted; kept as long as the room.
   */
  loadHistory(room: RoomId, doc: DocName): HistoryRecord[];
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
  /** Removes a room, its seats and every stored document, durably, before the call returns. */
  deleteRoom(id: string): void;
  /** Notes that a room is in use now; written in order with the other writes, without waiting. */
  touchRoom(id: string, at: number): void;
  /** Rooms whose last use (or creation) is before `before` (ms since the epoch). */
  idleRooms(before: number): string[];
  /** Bytes stored for one document (for tests and benchmarks). */
  docSize(room: RoomId, doc: DocName): { updates: number; bytes: number };
  /** Drains, then closes. */
  close(): void;
  /**
   * Stores shared by several servers (PostgreSQL) give each room one owner at a
   * time: the registry claims a room before loading any of its documents (this
   * throws when another server holds it), releases it once none is loaded, and
   * drops a room the store says was lost (taken over). Stores owned by one
   * server (SQLite, whose file lock keeps a second one out; memory) have none of these.
   */
  claimRoom?(room: RoomId): void;
  releaseRoom?(room: RoomId): void;
  onRoomLost?(listener: (room: RoomId) => void): void;
}
