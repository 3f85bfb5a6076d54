/**
 * Group commit: updates received during one turn of the event loop, across
 * all rooms, are stored in one transaction (one fsync); only then is anything
 * they caused sent out. Under load this keeps the cost of "durable before
 * broadcast" to one disk flush per turn instead of one per keystroke.
 */
import type { RoomStore, UpdateRecord } from '../storage/types.ts';
import type { LiveDoc } from './live-doc.ts';

export type WriteFailure = (live: LiveDoc, error: unknown) => void;

export class WriteQueue {
  private readonly dirty = new Set<LiveDoc>();
  private scheduled = false;
  private readonly store: RoomStore;
  private readonly onFailure: WriteFailure;
  private readonly afterStore: (live: LiveDoc) => void;

  constructor(store: RoomStore, onFailure: WriteFailure, afterStore: (live: LiveDoc) => void) {
    this.store = store;
    this.onFailure = onFailure;
    this.afterStore = afterStore;
  }

  markDirty(live: LiveDoc): void {
    this.dirty.add(live);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.flush);
    }
  }

  /** Stores everything pending now; used on shutdown and by tests. */
  readonly flush = (): void => {
    this.scheduled = false;
    if (this.dirty.size === 0) return;
    const docs = [...this.dirty];
    this.dirty.clear();
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
    for (const { live, count } of batches) {
      live.lastSeq += count;
      live.updatesSinceCompaction += count;
      live.deliverOutbox();
      this.afterStore(live);
    }
  };
}
