/**
 * The registry's dealings with storage for one document at a time, apart
 * from the write queue: claiming a room from a store shared by several
 * servers, reading a document with damage contained to it, and replacing a
 * settled document's log with a snapshot. Each failure is logged with its
 * room and said in the storage status, so the registry itself only decides
 * when.
 */
import type * as Y from 'yjs';
import type { RoomId } from '../../src/model/ids.ts';
import type { DocName } from '../../src/model/roles.ts';
import type { Logger } from '../log.ts';
import type { StorageStatus } from '../storage/storage-status.ts';
import type { RoomStore, StoredDoc } from '../storage/types.ts';
import type { LiveDoc } from './live-doc.ts';
import { applyStoredUpdates } from './stored-updates.ts';

/** A document could not be loaded or storage refuses writes: the connection is closed with "storage failure". */
export class StorageUnavailable extends Error {}

export type DocStorageOptions = { store: RoomStore; status: StorageStatus; logger: Logger };

export class DocStorage {
  private readonly options: DocStorageOptions;

  constructor(options: DocStorageOptions) {
    this.options = options;
  }

  /** A store shared by several servers: the room must be this server's before any of it is loaded. */
  claim(room: RoomId): void {
    const { store, logger } = this.options;
    try {
      store.claimRoom?.(room);
    } catch (error) {
      logger.info('room_claim_refused', { room, error: String(error) });
      throw new StorageUnavailable(`room ${room} is not available on this server`);
    }
  }

  /** Reads a document; damage is contained to it, logged with the room, and what was recovered is said. */
  load(room: RoomId, kind: DocName): StoredDoc {
    const { store, status, logger } = this.options;
    let stored: StoredDoc;
    try {
      stored = store.loadDoc(room, kind);
    } catch (error) {
      status.roomFailed(room, kind, error);
      logger.error('room_load_failed', { room, doc: kind, error: String(error) });
      throw new StorageUnavailable(`room ${room} could not be read`);
    }
    status.roomLoaded(room, kind, stored.recovery);
    if (stored.recovery) logger.error('room_recovered', { room, doc: kind, ...stored.recovery });
    return stored;
  }

  /**
   * Applies a document's stored updates to `doc` (for reading a room not in
   * memory) the same way a live room loads them: a damaged record is skipped, not fatal.
   */
  loadInto(doc: Y.Doc, room: RoomId, kind: DocName): void {
    applyStoredUpdates(doc, this.options.store.loadDoc(room, kind).updates);
  }

  /** Notes that someone was in the room now: retention counts from when a room was last opened or left. */
  touch(room: RoomId): void {
    this.options.store.touchRoom(room, Date.now());
  }

  /** Gives the room back to a shared store (none of its documents is loaded here any more). */
  release(room: RoomId): void {
    this.options.store.releaseRoom?.(room);
  }

  /**
   * Replaces the document's log with one snapshot, written by the store after
   * every write before it. Only a settled document is compacted: then its log
   * up to `lastSeq` is exactly the snapshot, whatever happens to later writes.
   */
  compact(live: LiveDoc): void {
    const compaction = live.startCompaction();
    if (!compaction) return;
    this.options.store.compactAsync(live.room, live.kind, compaction.snapshot, compaction.upTo, (error) => {
      compaction.finished(!error);
      if (error)
        this.options.logger.error('compaction_failed', { room: live.room, doc: live.kind, error: String(error) });
    });
  }
}
