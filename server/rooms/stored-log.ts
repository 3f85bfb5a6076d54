/**
 * What a live document knows of its stored log without reading it: the
 * sequence number of the last update handed to storage, how many records
 * follow the last snapshot, and roughly how many bytes they take. The registry
 * compacts on these counts and the document budget charges against the bytes.
 *
 * A compaction replaces the records up to one sequence number with a
 * snapshot while later writes go on; the counts only change when the store
 * says the snapshot is in place, and then by exactly what it replaced, so
 * records stored in between still count after it.
 */

/** What the log's readers see; only the live document that holds a StoredLog changes it. */
export interface StoredLogView {
  /** Sequence number of the last update handed to storage. */
  readonly lastSeq: number;
  /** Records since the last snapshot (the snapshot counts as one): compaction is due when there are many. */
  readonly records: number;
  /** Approximate stored size: the records' bytes (a snapshot's after compaction). */
  readonly bytes: number;
}

/** A compaction handed to the store; `finished` reports whether its snapshot replaced the log. */
export type Compaction = { snapshot: Uint8Array; upTo: number; finished(ok: boolean): void };

export class StoredLog implements StoredLogView {
  private handedSeq: number;
  private length: number;
  private size: number;
  /** The compaction in flight: what the log held when its snapshot was taken. */
  private inFlight: { length: number; size: number; snapshotBytes: number } | null = null;

  constructor(stored: { updates: readonly Uint8Array[]; lastSeq: number }) {
    this.handedSeq = stored.lastSeq;
    this.length = stored.updates.length;
    this.size = stored.updates.reduce((sum, u) => sum + u.byteLength, 0);
  }

  get lastSeq(): number {
    return this.handedSeq;
  }

  get records(): number {
    return this.length;
  }

  get bytes(): number {
    return this.size;
  }

  /**
   * An update was applied in memory: its bytes count from now on, before it is
   * stored, so that the budget sees what the log is about to hold.
   */
  applied(bytes: number): void {
    this.size += bytes;
  }

  /** `count` updates are handed to storage; returns the sequence number of the first. */
  handOver(count: number): number {
    const first = this.handedSeq + 1;
    this.handedSeq += count;
    return first;
  }

  /** `count` updates handed over earlier are now records of the log. */
  stored(count: number): void {
    this.length += count;
  }

  /** Starts a compaction with `snapshot` up to `lastSeq`, unless one is in flight (then null). */
  compact(snapshot: Uint8Array): Compaction | null {
    if (this.inFlight) return null;
    const taken = { length: this.length, size: this.size, snapshotBytes: snapshot.byteLength };
    this.inFlight = taken;
    return {
      snapshot,
      upTo: this.handedSeq,
      finished: (ok) => {
        if (this.inFlight !== taken) return;
        this.inFlight = null;
        // A failed compaction leaves the log intact and counted as before; a later one tries again.
        if (!ok) return;
        this.length += 1 - taken.length;
        this.size += taken.snapshotBytes - taken.size;
      },
    };
  }
}
