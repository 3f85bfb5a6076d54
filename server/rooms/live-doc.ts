/**
 * One shared document held in memory while clients are connected: the Y.Doc,
 * its awareness, its connections, and what waits to be stored and sent.
 *
 * Invariant (durable before broadcast): an update received from a client is
 * applied to the in-memory doc, queued for storage, and its broadcast is put
 * in the outbox. When the write queue hands the pending updates to storage,
 * the outbox goes with them, and nothing in it leaves the server before that
 * write has returned. Replies to sync requests wait the same way, behind the
 * last update they contain, so no client is ever told "synced" with state not
 * yet on disk.
 *
 * Costs that grow with the room are paid once, not per peer or per update:
 * the updates stored by one group commit leave as one merged broadcast,
 * encoded once for all peers; and the whole document, as answered to clients
 * that join with nothing, is encoded once and reused until the document changes
 * (sync-answers.ts); presence leaves once per tick (presence-batcher.ts).
 */
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { RoomId } from '../../src/model/ids.ts';
import type { DocName } from '../../src/model/roles.ts';
import type { HistoryWriter, UpdateRecord } from '../storage/types.ts';
import { deliverStored, type OutboxEntry, type Peer } from './outbox.ts';
import { DocPresence } from './doc-presence.ts';
import { DocBudget, NO_SEAT } from './doc-budget.ts';
import { DEFAULT_LIVE_DOC_OPTIONS, type LiveDocOptions } from './live-doc-options.ts';
import { loadStoredUpdates } from './stored-updates.ts';
import { SyncAnswers } from './sync-answers.ts';
import { stampOf } from './history-writer.ts';
import { StoredLog, type Compaction, type StoredLogView } from './stored-log.ts';

export type { Peer } from './outbox.ts';

/** An update applied in memory, with when and by whom, waiting to be handed to storage. */
type PendingUpdate = { data: Uint8Array; seat: string | undefined; at: number; writer: HistoryWriter | undefined };

export class LiveDoc {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  /** Changed only through addPeer, holdOpen and removePeer: who is here decides what is sent and when the document may unload. */
  private readonly joined = new Set<Peer>();
  /** Presence fan-out and who published what (doc-presence.ts). */
  readonly presence: DocPresence;
  readonly budget: DocBudget;
  /** Updates applied in memory but not yet handed to storage, with the seat that wrote each and when. */
  private pending: PendingUpdate[] = [];
  /** Messages held back until the pending updates are stored. */
  private outbox: OutboxEntry[] = [];
  /** Outboxes of the writes in flight, oldest first; each leaves when its write has returned. */
  private readonly writing: OutboxEntry[][] = [];
  /** Answers to sync requests, shared while the document is unchanged; dropped on every update. */
  private readonly answers: SyncAnswers;
  /** The stored log's counts (stored-log.ts); read through `log`, changed only here. */
  private readonly storedLog: StoredLog;
  /** Runs `unload` once the document has been idle long enough (see scheduleUnload). */
  private unloadTimer: NodeJS.Timeout | null = null;
  /** Stored updates that could not be decoded when loading (damaged storage); reported by the registry. */
  readonly skippedOnLoad: number;
  readonly room: RoomId;
  readonly kind: DocName;
  private readonly onDirty: (live: LiveDoc) => void;

  constructor(
    room: RoomId,
    kind: DocName,
    stored: { updates: readonly Uint8Array[]; lastSeq: number; seatBytes?: readonly (readonly [string, number])[] },
    onDirty: (live: LiveDoc) => void,
    options: LiveDocOptions = DEFAULT_LIVE_DOC_OPTIONS,
  ) {
    this.room = room;
    this.kind = kind;
    this.onDirty = onDirty;
    // The server itself has no presence; its local awareness state must not be broadcast.
    this.awareness.setLocalState(null);
    this.presence = new DocPresence(this.awareness, () => this.joined, options.presence);
    this.answers = new SyncAnswers(this.doc);
    const loaded = loadStoredUpdates(this.doc, stored.updates);
    this.skippedOnLoad = loaded.skipped;
    if (loaded.state) this.answers.seedFull(loaded.state);
    this.storedLog = new StoredLog(stored);
    this.budget = new DocBudget(options.budget, () => this.storedLog.bytes, stored.seatBytes);
    this.doc.on('update', this.handleDocUpdate);
  }

  /** Everyone stored updates and presence go to: connections, and the silent peers that keep the document loaded. */
  get peers(): ReadonlySet<Peer> {
    return this.joined;
  }

  /** Nothing waits to be stored or is being stored: the stored log equals the document. */
  get settled(): boolean {
    return this.pending.length === 0 && this.writing.length === 0;
  }

  /** The stored log's sequence number, record count and size, as this document has handed it over. */
  get log(): StoredLogView {
    return this.storedLog;
  }

  /**
   * Takes a snapshot to replace the stored log with, if the document is
   * settled and no compaction is in flight: then the log up to `upTo` is
   * exactly the snapshot, whatever happens to later writes. Null otherwise.
   * The caller reports the store's outcome with the compaction's `finished`.
   */
  startCompaction(): Compaction | null {
    if (!this.settled) return null;
    return this.storedLog.compact(Y.encodeStateAsUpdate(this.doc));
  }

  /** Calls `unload` after `delayMs` unless a peer comes first (`cancelUnload`); a pending call is replaced. */
  scheduleUnload(delayMs: number, unload: () => void): void {
    if (this.unloadTimer) clearTimeout(this.unloadTimer);
    this.unloadTimer = setTimeout(() => {
      this.unloadTimer = null;
      unload();
    }, delayMs);
    this.unloadTimer.unref();
  }

  /** True while an unload is scheduled. */
  get unloadScheduled(): boolean {
    return this.unloadTimer !== null;
  }

  /** Someone came back: the document stays. */
  cancelUnload(): void {
    if (this.unloadTimer) clearTimeout(this.unloadTimer);
    this.unloadTimer = null;
  }

  /**
   * Queues a message for one peer behind every unstored update it may
   * contain: behind the pending ones if there are any, else behind the last write in flight.
   */
  sendAfterStore(peer: Peer, message: Uint8Array, sent?: () => void): void {
    const entry = { to: peer, message, sent };
    if (this.pending.length > 0) this.outbox.push(entry);
    else if (this.writing.length > 0) this.writing.at(-1)!.push(entry);
    else peer.send(message, sent);
  }

  /**
   * The answer to a client's sync step 1. A client with an empty (or made-up)
   * state vector gets the whole document, encoded once and shared by every
   * joiner until the document changes: 200 people opening the link at once
   * cost one encoding, not 200. See sync-answers.ts.
   */
  syncStep2For(stateVector: Uint8Array, _knownClients?: number): Uint8Array {
    return this.answers.answer(stateVector);
  }

  /** Whole-document encodings made for sync answers so far (for tests). */
  get fullEncodings(): number {
    return this.answers.fullEncodings;
  }

  /**
   * Hands the pending updates to the write queue, numbered from `lastSeq`;
   * what waited for them now waits for that write (see `stored`).
   */
  takePending(): UpdateRecord[] {
    if (this.pending.length === 0) return [];
    const first = this.storedLog.handOver(this.pending.length);
    const records = this.pending.map(({ data, seat, at, writer }, i) => ({
      room: this.room,
      doc: this.kind,
      seq: first + i,
      data,
      ...(seat === undefined ? {} : { seat }),
      at,
      writer,
    }));
    this.pending = [];
    this.writing.push(this.outbox);
    this.outbox = [];
    return records;
  }

  /** The oldest write in flight has returned (writes return in order): what waited for it leaves (outbox.ts). */
  stored(): void {
    const entries = this.writing.shift() ?? [];
    // One broadcast entry per stored update.
    this.storedLog.stored(entries.filter((entry) => entry.to === 'all').length);
    deliverStored(entries, this.peers);
  }

  /** Drops unsent messages (after a failed write the doc is discarded and clients resend on reconnect). */
  discardOutbox(): void {
    this.outbox = [];
    this.pending = [];
    this.writing.length = 0;
    this.answers.invalidate();
  }

  /** A peer joins: from now on it receives what is stored, and the document stays loaded while it is here. */
  addPeer(peer: Peer): void {
    this.joined.add(peer);
    this.cancelUnload();
  }

  /**
   * Keeps the document loaded with nobody connected to it (the board's rules
   * read the control document while the board has writers): a silent peer
   * that receives nothing, until the returned function lets it go. The caller
   * then hands the document back to the registry (`release`), which schedules
   * the unload once no peer is left.
   */
  holdOpen(): () => void {
    const holder: Peer = { send() {}, awarenessClients: new Set() };
    this.addPeer(holder);
    return () => this.removePeer(holder);
  }

  /** A peer leaves: its presence goes with it. */
  removePeer(peer: Peer): void {
    this.joined.delete(peer);
    this.presence.peerLeft(peer);
  }

  destroy(): void {
    this.cancelUnload();
    this.doc.off('update', this.handleDocUpdate);
    this.presence.destroy();
    this.awareness.destroy();
    this.doc.destroy();
    this.answers.invalidate();
  }

  private readonly handleDocUpdate = (update: Uint8Array, origin: unknown) => {
    const peer = this.peers.has(origin as Peer) ? (origin as Peer) : undefined;
    // Counted against the writer's seat share, and stored with it so the count survives a reload.
    const seat = peer ? (peer.seat ?? NO_SEAT) : undefined;
    if (seat !== undefined) this.budget.record(seat, update.byteLength);
    this.pending.push({ data: update, seat, ...stampOf(peer ?? origin, this.awareness) });
    this.storedLog.applied(update.byteLength);
    this.answers.invalidate();
    this.outbox.push({ to: 'all', update, origin: peer });
    this.onDirty(this);
  };
}
