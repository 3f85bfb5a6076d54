/**
 * Rooms: creating them, looking them up, and keeping their documents in
 * memory only while someone is connected.
 */
import crypto from 'node:crypto';
import * as Y from 'yjs';
import {
  newFacilitatorKey,
  newInviteToken,
  newParticipantId,
  newRoomId,
  newSeatSecret,
  type FacilitatorKey,
  type ParticipantId,
  type RoomId,
  type SeatSecret,
} from '../../src/model/ids.ts';
import { newJoinCode } from '../../src/model/join-code.ts';
import type { Locale } from '../../src/model/locale.ts';
import { seatDocName, type DocName } from '../../src/model/roles.ts';
import { SCHEMA_VERSION } from '../../src/model/schema.ts';
import { Emitter } from '../emitter.ts';
import type { Logger } from '../log.ts';
import type { StorageStatus } from '../storage/storage-status.ts';
import type { JoinCodeHit, RoomStore, StoredDoc, StoredRoom, StoredSeat } from '../storage/types.ts';
import { LiveDoc, type LiveDocOptions } from './live-doc.ts';
import { applyStoredUpdates } from './stored-updates.ts';
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

/**
 * What happened to rooms and their documents, said after the registry has
 * done its part (the documents concerned are already dropped): the sync
 * server closes the clients each event leaves behind, the publishers and the
 * metrics follow. Past tense: by the time a listener runs, it is so.
 */
export type RegistryEvents = {
  /** A document's write failed and it was dropped unsent: its clients must reconnect and send again. */
  documentFailed: [live: LiveDoc, error: Error];
  /** Another server took the room over (this one was paused or cut off): its clients go to the owner. */
  roomLost: [room: RoomId];
  /** The room and everything in it are deleted: its clients are turned away as from an unknown room. */
  roomDeleted: [room: RoomId];
  /** The participant link was replaced: everyone but the facilitator must come back with the new one. */
  linkReplaced: [room: RoomId];
  /** A seat moved to another device and has a new secret: the old device's connections must go. */
  seatMoved: [room: RoomId, seat: string];
  /** The facilitator removed a seat, its private document and its ballots. */
  seatRemoved: [room: RoomId, seat: string];
  /** A group commit returned after `durationMs`, stored or not. */
  committed: [durationMs: number, ok: boolean];
};

/** How soon an idle document whose last updates are still being written tries to unload again. */
const UNLOAD_RETRY_MS = 10;

/** A document could not be loaded or storage refuses writes: the connection is closed with "storage failure". */
export class StorageUnavailable extends Error {}

export function hashKey(key: string): Buffer {
  return crypto.createHash('sha256').update(key, 'utf8').digest();
}

/** Compares a presented key with the stored hash in constant time. */
export function keyMatches(room: StoredRoom, presented: string): boolean {
  return crypto.timingSafeEqual(hashKey(presented), room.keyHash);
}

/** True when the room needs no invite, or the presented one is current (compared in constant time). */
export function inviteMatches(room: StoredRoom, presented: string | null): boolean {
  if (room.invite === null) return true;
  if (presented === null) return false;
  return crypto.timingSafeEqual(hashKey(presented), hashKey(room.invite));
}

/** True when `secret` is the secret of `seat` (compared in constant time). */
export function seatMatches(seat: StoredSeat, secret: string): boolean {
  return crypto.timingSafeEqual(hashKey(secret), seat.secretHash);
}

/**
 * Called when a document is loaded into memory; what it returns runs when the
 * document is dropped. For modules that react to a room's documents from the
 * server side (the vote publisher), without touching the sync loop.
 */
export type LoadListener = (live: LiveDoc) => (() => void) | void;

export class RoomRegistry extends Emitter<RegistryEvents> {
  private readonly live = new Map<string, LiveDoc>();
  private readonly loadListeners = new Set<LoadListener>();
  private readonly unloadCallbacks = new Map<LiveDoc, (() => void)[]>();
  readonly writes: WriteQueue;
  private readonly options: RegistryOptions;
  /** Set by `close` (shutdown): nothing is loaded any more. */
  private closed = false;

  constructor(options: RegistryOptions) {
    super();
    this.options = options;
    this.writes = new WriteQueue(options.store, this.handleWriteFailure, this.afterStore, undefined, (ms, ok) => {
      if (ok) options.status.committed();
      this.emit('committed', ms, ok);
    }, options.commitSpacing);
    options.store.onRoomLost?.(this.handleRoomLost);
  }

  /**
   * `initial`: the documents' first updates, for a room started from an export.
   * They are stored, durably, before the room itself, so the room never exists without them.
   */
  createRoom(
    workshop: string,
    locale: Locale,
    now = Date.now(),
    initial?: Readonly<Record<'board' | 'control', Uint8Array>>,
  ): { room: StoredRoom; key: FacilitatorKey } {
    const key = newFacilitatorKey();
    const room: StoredRoom = {
      id: newRoomId(),
      workshop,
      locale,
      keyHash: hashKey(key),
      createdAt: now,
      schemaVersion: SCHEMA_VERSION,
      invite: null,
      joinCode: this.unusedJoinCode(),
    };
    if (initial) {
      const docs = Object.keys(initial) as ('board' | 'control')[];
      this.options.store.appendUpdates(docs.map((doc) => ({ room: room.id, doc, seq: 1, data: initial[doc] })));
    }
    this.options.store.createRoom(room);
    return { room, key };
  }

  getRoom(id: string): StoredRoom | null {
    return this.options.store.getRoom(id);
  }

  /** Issues a new seat in a room; the secret is returned once and only its hash is stored. */
  issueSeat(room: RoomId, now = Date.now()): { seat: ParticipantId; secret: SeatSecret; anonKey: string } {
    const seat = newParticipantId();
    const secret = newSeatSecret();
    const anonKey = newSeatSecret();
    this.options.store.createSeat({ room, id: seat, secretHash: hashKey(secret), anonKey, createdAt: now });
    return { seat, secret, anonKey };
  }

  /** The seat if `secret` is its secret, else null. */
  verifySeat(room: string, seat: string, secret: string): StoredSeat | null {
    const stored = this.options.store.getSeat(room, seat);
    return stored && seatMatches(stored, secret) ? stored : null;
  }

  /** True when the room has issued `seat`. */
  hasSeat(room: string, seat: string): boolean {
    return this.options.store.getSeat(room, seat) !== null;
  }

  /** When the seat was given out (ms since the epoch); 0 for a seat the room does not have. */
  seatJoinedAt(room: string, seat: string): number {
    return this.options.store.getSeat(room, seat)?.createdAt ?? 0;
  }

  /** A fresh secret for a seat that moves to another device; the old secret stops working. */
  replaceSeatSecret(room: RoomId, seat: string): SeatSecret {
    const secret = newSeatSecret();
    this.options.store.setSeatSecret(room, seat, hashKey(secret));
    this.emit('seatMoved', room, seat);
    return secret;
  }

  /** The seat's key for its pseudonyms on anonymous steps. */
  seatAnonKey(room: string, seat: string): string {
    const stored = this.options.store.getSeat(room, seat);
    if (!stored) throw new Error(`no seat ${seat} in room ${room}`);
    return stored.anonKey;
  }

  /** Removes a seat and its private document (a live copy is dropped unsent; `seatRemoved` closes its clients). */
  removeSeat(room: RoomId, seat: string): void {
    const live = this.live.get(liveKey(room, seatDocName(seat)));
    if (live) this.discard(live);
    this.options.store.removeSeat(room, seat);
    this.options.logger.info('seat_removed', { room, seat });
    this.emit('seatRemoved', room, seat);
  }

  seatCount(room: string): number {
    return this.options.store.seatCount(room);
  }

  /** Replaces the participant link and its join code: links and codes from before stop working. */
  rotateInvite(id: RoomId): string {
    const invite = newInviteToken();
    this.options.store.setInvite(id, invite, this.unusedJoinCode());
    this.emit('linkReplaced', id);
    return invite;
  }

  /** Where a typed join code leads (already normalized, see src/model/join-code.ts). */
  findJoinCode(code: string): JoinCodeHit | null {
    return this.options.store.findJoinCode(code);
  }

  /**
   * A code no room has had: not live, and not retired either, so an old code
   * keeps saying "replaced" instead of leading into a stranger's room. With 64
   * million codes a clash is rare; a few tries make one vanishingly unlikely.
   */
  private unusedJoinCode(): string {
    const TRIES = 20;
    for (let i = 0; i < TRIES; i += 1) {
      const code = newJoinCode();
      if (this.options.store.findJoinCode(code) === null) return code;
    }
    throw new Error('no free join code after several tries');
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
      this.claim(room);
      let stored: StoredDoc;
      try {
        stored = this.load(room, kind);
      } catch (error) {
        this.releaseIfUnused(room);
        throw error;
      }
      live = new LiveDoc(room, kind, stored, (l) => this.writes.markDirty(l), this.options.liveDoc);
      this.options.store.touchRoom(room, Date.now());
      if (live.skippedOnLoad > 0) {
        logger.error('damaged_updates_skipped', { room, doc: kind, skipped: live.skippedOnLoad });
      }
      this.live.set(id, live);
      const callbacks: (() => void)[] = [];
      for (const listener of this.loadListeners) {
        const done = listener(live);
        if (done) callbacks.push(done);
      }
      if (callbacks.length > 0) this.unloadCallbacks.set(live, callbacks);
    }
    live.cancelUnload();
    return live;
  }

  /** A store shared by several servers: the room must be this server's before any of it is loaded. */
  private claim(room: RoomId): void {
    const { store, logger } = this.options;
    try {
      store.claimRoom?.(room);
    } catch (error) {
      logger.info('room_claim_refused', { room, error: String(error) });
      throw new StorageUnavailable(`room ${room} is not available on this server`);
    }
  }

  /** Gives the room back once none of its documents is loaded any more. */
  private releaseIfUnused(room: RoomId): void {
    if (!this.isRoomLive(room)) this.options.store.releaseRoom?.(room);
  }

  /** Another server took the room over: every document of it is dropped unsent, then its clients are let go. */
  private readonly handleRoomLost = (room: RoomId): void => {
    this.options.logger.error('room_lease_lost', { room });
    for (const live of [...this.live.values()]) if (live.room === room) this.discard(live);
    this.emit('roomLost', room);
  };

  /** Reads a document; damage is contained to it, logged with the room, and what was recovered is said. */
  private load(room: RoomId, kind: DocName): StoredDoc {
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
    // Stored updates load the same way as for a live room: a damaged record is skipped, not fatal.
    if (live) Y.applyUpdate(doc, Y.encodeStateAsUpdate(live.doc));
    else applyStoredUpdates(doc, this.options.store.loadDoc(room, kind).updates);
    return doc;
  }

  /** Every document loaded from now on is passed to `listener` (see LoadListener). */
  onLoad(listener: LoadListener): void {
    this.loadListeners.add(listener);
  }

  /** The ids of every seat of a room. */
  listSeats(room: string): ParticipantId[] {
    return this.options.store.listSeats(room);
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
      applyStoredUpdates(doc, this.options.store.loadDoc(room, kind).updates);
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
      this.dropped(live);
      live.destroy();
    }
    const now = Date.now();
    for (const room of rooms) {
      this.options.store.touchRoom(room, now);
      this.options.store.releaseRoom?.(room);
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
    if (live.updatesSinceCompaction > 1) this.compact(live);
    this.live.delete(liveKey(live.room, live.kind));
    this.dropped(live);
    live.destroy();
    // The retention counts from when the room was last left, not opened.
    this.options.store.touchRoom(live.room, Date.now());
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

  private dropped(live: LiveDoc): void {
    const callbacks = this.unloadCallbacks.get(live);
    this.unloadCallbacks.delete(live);
    for (const done of callbacks ?? []) done();
  }

  /** Drops a document unsent (its write failed, or its room or seat is gone): its clients must be let go. */
  discard(live: LiveDoc): void {
    live.discardOutbox();
    if (this.owns(live)) this.live.delete(liveKey(live.room, live.kind));
    this.dropped(live);
    live.destroy();
    this.releaseIfUnused(live.room);
  }

  private readonly afterStore = (live: LiveDoc) => {
    if (this.owns(live) && live.updatesSinceCompaction >= this.options.compactAfterUpdates) this.compact(live);
  };

  /**
   * Replaces the document's log with one snapshot, written by the store after
   * every write before it. Only a settled document is compacted: then its log
   * up to `lastSeq` is exactly the snapshot, whatever happens to later writes.
   */
  private compact(live: LiveDoc): void {
    const compaction = live.startCompaction();
    if (!compaction) return;
    this.options.store.compactAsync(live.room, live.kind, compaction.snapshot, compaction.upTo, (error) => {
      if (!error) return live.compacted();
      live.compactionFailed();
      this.options.logger.error('compaction_failed', { room: live.room, doc: live.kind, error: String(error) });
    });
  }

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
