/**
 * One shared document held in memory while clients are connected: the Y.Doc,
 * its awareness, its connections, and what waits to be stored and sent.
 *
 * Invariant (durable before broadcast): an update received from a client is
 * applied to the in-memory doc, queued for storage, and its broadcast is put
 * in the outbox. Nothing in the outbox leaves the server before the storage
 * write that covers it has returned. Replies to sync requests go through the
 * same outbox, so no client is ever told "synced" with state not yet on disk.
 */
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { RoomId } from '../../src/model/ids.ts';
import type { DocKind } from '../../src/model/roles.ts';
import { encodeAwarenessMessage, encodeUpdateMessage } from '../sync/messages.ts';

/** What the live doc needs of a connection: somewhere to send bytes. */
export interface Peer {
  send(message: Uint8Array): void;
  /** Awareness client ids this peer has published, removed when it leaves. */
  readonly awarenessClients: Set<number>;
}

/**
 * Applies stored updates; one damaged record must not cost the room the rest.
 * Returns how many records were skipped.
 */
export function applyStoredUpdates(doc: Y.Doc, updates: readonly Uint8Array[]): number {
  if (updates.length === 0) return 0;
  try {
    Y.applyUpdate(doc, Y.mergeUpdates(updates as Uint8Array[]));
    return 0;
  } catch {
    let skipped = 0;
    for (const update of updates) {
      try {
        Y.decodeUpdate(update);
        Y.applyUpdate(doc, update);
      } catch {
        skipped++;
      }
    }
    return skipped;
  }
}

type OutboxEntry = { to: Peer | 'all'; except?: Peer; message: Uint8Array };

export class LiveDoc {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly peers = new Set<Peer>();
  private readonly awarenessOwners = new Map<number, Peer>();
  /** Updates applied in memory but not yet stored. */
  pending: Uint8Array[] = [];
  /** Messages held back until the pending updates are stored. */
  private outbox: OutboxEntry[] = [];
  lastSeq: number;
  updatesSinceCompaction: number;
  /** Stored updates that could not be decoded when loading (damaged storage); reported by the registry. */
  readonly skippedOnLoad: number;
  /** Approximate stored size: the update log's bytes (a snapshot's after compaction). */
  bytes: number;
  idleTimer: NodeJS.Timeout | null = null;
  readonly room: RoomId;
  readonly kind: DocKind;
  private readonly onDirty: (live: LiveDoc) => void;

  constructor(
    room: RoomId,
    kind: DocKind,
    stored: { updates: readonly Uint8Array[]; lastSeq: number },
    onDirty: (live: LiveDoc) => void,
  ) {
    this.room = room;
    this.kind = kind;
    this.onDirty = onDirty;
    // The server itself has no presence; its local awareness state must not be broadcast.
    this.awareness.setLocalState(null);
    this.skippedOnLoad = applyStoredUpdates(this.doc, stored.updates);
    this.lastSeq = stored.lastSeq;
    this.updatesSinceCompaction = stored.updates.length;
    this.bytes = stored.updates.reduce((sum, u) => sum + u.byteLength, 0);
    this.doc.on('update', this.handleDocUpdate);
    this.awareness.on('update', this.handleAwarenessUpdate);
  }

  get hasPending(): boolean {
    return this.pending.length > 0;
  }

  /** Queues a message for one peer behind any unstored update. */
  sendAfterStore(peer: Peer, message: Uint8Array): void {
    if (!this.hasPending && this.outbox.length === 0) peer.send(message);
    else this.outbox.push({ to: peer, message });
  }

  /** Called by the write queue once `pending` is stored: lets everything held back go. */
  takePending(): Uint8Array[] {
    const taken = this.pending;
    this.pending = [];
    return taken;
  }

  deliverOutbox(): void {
    const entries = this.outbox;
    this.outbox = [];
    for (const entry of entries) {
      if (entry.to === 'all') {
        for (const peer of this.peers) if (peer !== entry.except) peer.send(entry.message);
      } else if (this.peers.has(entry.to)) {
        entry.to.send(entry.message);
      }
    }
  }

  /** Drops unsent messages (after a failed write the doc is discarded and clients resend on reconnect). */
  discardOutbox(): void {
    this.outbox = [];
    this.pending = [];
  }

  /** The peer that published a presence client id, if it is still here. */
  awarenessOwner(clientId: number): Peer | undefined {
    return this.awarenessOwners.get(clientId);
  }

  removePeer(peer: Peer): void {
    this.peers.delete(peer);
    if (peer.awarenessClients.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...peer.awarenessClients], null);
    }
  }

  destroy(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.doc.off('update', this.handleDocUpdate);
    this.awareness.off('update', this.handleAwarenessUpdate);
    this.awareness.destroy();
    this.doc.destroy();
  }

  private readonly handleDocUpdate = (update: Uint8Array, origin: unknown) => {
    this.pending.push(update);
    this.bytes += update.byteLength;
    const except = this.peers.has(origin as Peer) ? (origin as Peer) : undefined;
    this.outbox.push({ to: 'all', message: encodeUpdateMessage(update), ...(except ? { except } : {}) });
    this.onDirty(this);
  };

  private readonly handleAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    const changed = [...added, ...updated, ...removed];
    if (origin && this.peers.has(origin as Peer)) {
      const peer = origin as Peer;
      for (const id of added) {
        peer.awarenessClients.add(id);
        this.awarenessOwners.set(id, peer);
      }
    }
    for (const id of removed) {
      this.awarenessOwners.get(id)?.awarenessClients.delete(id);
      this.awarenessOwners.delete(id);
    }
    // Presence is not stored, so it need not wait for storage.
    const message = encodeAwarenessMessage(this.awareness, changed);
    for (const peer of this.peers) peer.send(message);
  };
}
