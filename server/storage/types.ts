import type { RoomId } from '../../src/model/ids.ts';
import type { Locale } from '../../src/model/locale.ts';
import type { DocKind } from '../../src/model/roles.ts';

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
};

export type StoredDoc = {
  /** Updates in the order they were received (a snapshot first, after compaction). */
  updates: Uint8Array[];
  /** Sequence number of the last stored update; 0 when empty. */
  lastSeq: number;
};

export type UpdateRecord = { room: RoomId; doc: DocKind; seq: number; data: Uint8Array };

/**
 * Durable storage of rooms and their documents' update logs.
 * Every method is synchronous: when it returns, the data is on disk
 * (or it threw, and nothing of the call was stored).
 */
export interface RoomStore {
  createRoom(room: StoredRoom): void;
  getRoom(id: string): StoredRoom | null;
  setInvite(id: string, invite: string): void;
  loadDoc(room: RoomId, doc: DocKind): StoredDoc;
  /** Appends many updates, of any rooms, in one atomic, durable write. */
  appendUpdates(records: readonly UpdateRecord[]): void;
  /** Replaces updates up to and including `uptoSeq` with one snapshot stored at `uptoSeq`. */
  compact(room: RoomId, doc: DocKind, snapshot: Uint8Array, uptoSeq: number): void;
  /** Bytes stored for one document (for tests and benchmarks). */
  docSize(room: RoomId, doc: DocKind): { updates: number; bytes: number };
  close(): void;
}
