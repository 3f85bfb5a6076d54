/**
 * Rooms' documents in memory: loaded when someone connects, stored through
 * the write queue, compacted, and unloaded once nobody has been there for a
 * while. This decides when; reading, claiming and compacting against the
 * store are in doc-storage.ts, and the modules told of loads and drops in
 * load-hooks.ts. What is stored about rooms and seats (records, secrets,
 * links) is in room-records.ts, which this extends; what happens to them is
 * said as events (RegistryEvents) for the sync server and the publishers.
 */
import * as Y from 'yjs';
import type { RoomId } from '../../src/model/ids.ts';
import { seatDocName, type DocName } from '../../src/model/roles.ts';
import type { Logger } from '../log.ts';
import type { StorageStatus } from '../storage/storage-status.ts';
import type { RoomStore, StoredDoc } from '../storage/types.ts';
import { DocStorage, StorageUnavailable } from './doc-storage.ts';
import { LiveDoc } from './live-doc.ts';
import type { LiveDocOptions } from './live-doc-options.ts';
import { LoadHooks, type LoadListener } from './load-hooks.ts';
import { RoomRecords } from './room-records.ts';
import { WriteQueue, type CommitSpacing } from './write-queue.ts';

export type RegistryOptions = {
  store: RoomStore;
  status: StorageStatus;
  logger: Logger;
  idleUnloadMs: number;
  compactAfterUpdates: number;
  /** Presence batching and document budget of every loaded document; defaults when absent (tests). */
  liveDoc?: LiveDocOptions;
  /** Commit spacing of big rooms (config.ts BIG_ROOM_*); the defaults when absent (tests). */
  commitSpacing?: CommitSpacing;
};

/** How soon an idle document whose last updates are still being written tries to unload again. */
const UNLOAD_RETRY_MS = 10;

export class RoomRegistry extends RoomRecords {
  private readonly live = new Map<string, LiveDoc>();
  private readonly hooks = new LoadHooks();
  readonly writes: WriteQueue;
  private readonly storage: DocStorage;
  private readonly options: RegistryOptions;
  /** Set by `close` (shutdown): nothing is loaded any more. */
  private closed = false;

  constructor(options: RegistryOptions) {
    super(options.store);
    this.options = options;
    this.storage = new DocStorage(options);
    this.writes = new WriteQueue(options.store, this.handleWriteFailure, this.afterStore, undefined, (ms, ok) => {
      if (ok) options.status.committed();
      this.emit('committed', ms, ok);
    }, options.commitSpacing);
    options.store.onRoomLost?.(this.handleRoomLost);
  }

  /** Removes a seat and its private document (a live copy is dropped unsent; `seatRemoved` closes its clients). */
  removeSeat(room: RoomId, seat: string): void {
    const live = this.live.get(liveKey(room, seatDocName(seat)));
    if (live) this.discard(live);
    this.options.store.removeSeat(room, seat);
    this.options.logger.info('seat_removed', { room, seat });
    this.emit('seatRemoved', room, seat);
  }

  /** The live document, loaded from storage on first use. The caller must add a peer or release it. */
  acquire(room: RoomId, kind: DocName): LiveDoc {
    const id = liveKey(room, kind);
    const { status, logger } = this.options;
    if (this.closed) throw new StorageUnavailable('the server is shutting down');
    // Nothing written now could be kept: better the client waits and retries than believes it was stored.
    if (status.writesRefused) throw new StorageUnavailable(status.writesRefused);
    let live = this.live.get(id);
    if (!live) {
      this.storage.claim(room);
      let stored: StoredDoc;
      try {
        stored = this.storage.load(room, kind);
      } catch (error) {
        this.releaseIfUnused(room);
        throw error;
      }
      live = new LiveDoc(room, kind, stored, (l) => this.writes.markDirty(l), this.options.liveDoc);
      this.storage.touch(room);
      if (live.skippedOnLoad > 0) {
        logger.error('damaged_updates_skipped', { room, doc: kind, skipped: live.skippedOnLoad });
      }
      this.live.set(id, live);
      this.hooks.loaded(live);
    }
    live.cancelUnload();
    return live;
  }

  /** Gives the room back once none of its documents is loaded any more. */
  private releaseIfUnused(room: RoomId): void {
    if (!this.isRoomLive(room)) this.storage.release(room);
  }

  /** Another server took the room over: every document of it is dropped unsent, then its clients are let go. */
  private readonly handleRoomLost = (room: RoomId): void => {
    this.options.logger.error('room_lease_lost', { room });
    for (const live of [...this.live.values()]) if (live.room === room) this.discard(live);
    this.emit('roomLost', room);
  };

  /** Call after a peer left: an empty document is unloaded once it has been idle a while. */
  release(live: LiveDoc): void {
    if (!this.owns(live) || live.peers.size > 0 || live.unloadScheduled) return;
    live.scheduleUnload(this.options.idleUnloadMs, () => this.unload(live));
  }

  /**
   * A read-only copy of a room's documents, for exports. Uses the live state
   * (which may hold updates not yet stored) and loads from storage otherwise.
   */
  snapshot(room: RoomId, kind: DocName): Y.Doc {
    const doc = new Y.Doc();
    const live = this.live.get(liveKey(room, kind));
    if (live) Y.applyUpdate(doc, Y.encodeStateAsUpdate(live.doc));
    else this.storage.loadInto(doc, room, kind);
    return doc;
  }

  /** Every document loaded from now on is passed to `listener` (see load-hooks.ts). */
  onLoad(listener: LoadListener): void {
    this.hooks.add(listener);
  }

  /**
   * Reads a document without copying a live one: `read` gets the live doc when
   * it is in memory, else a temporary one loaded from storage. `read` must not write.
   */
  readDoc<T>(room: RoomId, kind: DocName, read: (doc: Y.Doc) => T): T {
    const live = this.live.get(liveKey(room, kind));
    if (live) return read(live.doc);
    const doc = new Y.Doc();
    try {
      this.storage.loadInto(doc, room, kind);
      return read(doc);
    } finally {
      doc.destroy();
    }
  }

  liveCount(): number {
    return this.live.size;
  }

  isLive(room: RoomId, kind: DocName): boolean {
    return this.live.has(liveKey(room, kind));
  }

  /**
   * Shutdown, after the last flush (see `shutdown` in server/core.ts): drops every
   * document, gives each room back to a shared store and notes when it was
   * left. Writes nothing of the documents themselves: the caller has flushed
   * them, and nothing new can arrive once input has stopped. A log longer than
   * its snapshot is compacted when the room is next unloaded.
   */
  close(): void {
    this.closed = true;
    const rooms = new Set<RoomId>();
    for (const live of [...this.live.values()]) {
      rooms.add(live.room);
      this.live.delete(liveKey(live.room, live.kind));
      this.hooks.dropped(live);
      live.destroy();
    }
    for (const room of rooms) {
      this.storage.touch(room);
      this.storage.release(room);
    }
  }

  private owns(live: LiveDoc): boolean {
    return this.live.get(liveKey(live.room, live.kind)) === live;
  }

  private unload(live: LiveDoc): void {
    if (!this.owns(live) || live.peers.size > 0) return;
    // Its last updates must be in the log before the log is compacted and the document dropped.
    if (!live.settled) {
      live.scheduleUnload(UNLOAD_RETRY_MS, () => this.unload(live));
      return;
    }
    // The snapshot is written after everything before it, and a reload meanwhile reads the same content from the log.
    if (live.log.records > 1) this.storage.compact(live);
    this.live.delete(liveKey(live.room, live.kind));
    this.hooks.dropped(live);
    live.destroy();
    // The retention counts from when the room was last left, not opened.
    this.storage.touch(live.room);
    this.releaseIfUnused(live.room);
  }

  /**
   * Deletes a room and everything stored for it. Its clients must have been
   * disconnected first; anything of it still in memory is dropped unsent.
   */
  deleteRoom(room: RoomId): void {
    for (const live of [...this.live.values()]) if (live.room === room) this.discard(live);
    this.options.store.deleteRoom(room);
    this.options.status.forgetRoom(room);
    this.options.logger.info('room_deleted', { room });
    this.emit('roomDeleted', room);
  }

  /** True while any document of the room is in memory (someone is in it, or just left). */
  isRoomLive(room: string): boolean {
    for (const live of this.live.values()) if (live.room === room) return true;
    return false;
  }

  /** Drops a document unsent (its write failed, or its room or seat is gone): its clients must be let go. */
  discard(live: LiveDoc): void {
    live.discardOutbox();
    if (this.owns(live)) this.live.delete(liveKey(live.room, live.kind));
    this.hooks.dropped(live);
    live.destroy();
    this.releaseIfUnused(live.room);
  }

  private readonly afterStore = (live: LiveDoc) => {
    if (this.owns(live) && live.log.records >= this.options.compactAfterUpdates) this.storage.compact(live);
  };

  private readonly handleWriteFailure = (live: LiveDoc, error: Error) => {
    // A document dropped after an earlier failure has nobody left to tell.
    if (!this.owns(live)) return;
    this.options.status.roomFailed(live.room, live.kind, error);
    this.options.logger.error('storage_write_failed', { room: live.room, doc: live.kind, error: String(error) });
    this.discard(live);
    this.emit('documentFailed', live, error);
  };
}

const liveKey = (room: string, kind: DocName) => `${room}/${kind}`;
