/**
 * Group commit: updates received during one turn of the event loop, across
 * all rooms, are stored in one transaction (one fsync); only then is anything
 * they caused sent out. Under load this keeps the cost of "durable before
 * broadcast" to one disk flush per turn instead of one per keystroke.
 *
 * A big room (BIG_ROOM_PEERS or more connections on one document) commits at
 * most once per BIG_ROOM_COMMIT_INTERVAL_MS: its first update after a quiet
 * spell is committed in the same turn as any other, later ones wait for the
 * interval and leave together, as one merged broadcast. Each of its N peers
 * then receives at most 1000 / interval messages a second however fast the
 * room types, instead of one per update: N² sends a second become N × 50.
 */
import type { RoomStore, UpdateRecord } from '../storage/types.ts';
import type { LiveDoc } from './live-doc.ts';

export type WriteFailure = (live: LiveDoc, error: unknown) => void;

/** Connections on one document from which its commits are spaced out. */
export const BIG_ROOM_PEERS = 64;
/** Shortest time between two commits (and broadcasts) of a big room's document. */
export const BIG_ROOM_COMMIT_INTERVAL_MS = 20;

export class WriteQueue {
  /** Documents to commit at the end of this turn. */
  private readonly dirty = new Set<LiveDoc>();
  /** Big rooms' documents waiting for their commit interval. */
  private readonly delayed = new Set<LiveDoc>();
  private readonly lastCommitAt = new WeakMap<LiveDoc, number>();
  private scheduled = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly store: RoomStore;
  private readonly onFailure: WriteFailure;
  private readonly afterStore: (live: LiveDoc) => void;
  private readonly now: () => number;

  constructor(
    store: RoomStore,
    onFailure: WriteFailure,
    afterStore: (live: LiveDoc) => void,
    now: () => number = performance.now.bind(performance),
  ) {
    this.store = store;
    this.onFailure = onFailure;
    this.afterStore = afterStore;
    this.now = now;
  }

  markDirty(live: LiveDoc): void {
    if (this.dirty.has(live) || this.delayed.has(live)) return;
    const wait =
      live.peers.size >= BIG_ROOM_PEERS
        ? (this.lastCommitAt.get(live) ?? -Infinity) + BIG_ROOM_COMMIT_INTERVAL_MS - this.now()
        : 0;
    if (wait <= 0) {
      this.dirty.add(live);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(this.commitDirty);
      }
      return;
    }
    this.delayed.add(live);
    this.timer ??= setTimeout(this.commitDelayed, Math.ceil(wait));
  }

  /** Stores everything pending now; used on shutdown, before unloading a room, and by tests. */
  readonly flush = (): void => {
    this.scheduled = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const docs = [...this.dirty, ...this.delayed];
    this.dirty.clear();
    this.delayed.clear();
    this.commit(docs);
  };

  private readonly commitDirty = (): void => {
    this.scheduled = false;
    const docs = [...this.dirty];
    this.dirty.clear();
    this.commit(docs);
  };

  private readonly commitDelayed = (): void => {
    this.timer = null;
    const docs = [...this.delayed];
    this.delayed.clear();
    this.commit(docs);
  };

  private commit(docs: LiveDoc[]): void {
    if (docs.length === 0) return;
    const records: UpdateRecord[] = [];
    const batches = docs.map((live) => {
      const updates = live.takePending();
      const firstSeq = live.lastSeq + 1;
      updates.forEach((data, i) => records.push({ room: live.room, doc: live.kind, seq: firstSeq + i, data }));
      return { live, count: updates.length };
    });
    try {
      this.store.appendUpdates(records);
    } catch (error) {
      for (const { live } of batches) this.onFailure(live, error);
      return;
    }
    const at = this.now();
    for (const { live, count } of batches) {
      this.lastCommitAt.set(live, at);
      live.lastSeq += count;
      live.updatesSinceCompaction += count;
      live.deliverOutbox();
      this.afterStore(live);
    }
  }
}
