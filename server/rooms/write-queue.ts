/**
 * Group commit: every update is stored before anything it caused is sent
 * (durable before broadcast), and as few writes as possible carry them.
 *
 * At most WRITES_IN_FLIGHT writes are handed to the store at a time, for all
 * rooms together, and a document is in at most one of them. The store runs
 * them in order, so while one flushes the next is already waiting beside
 * it: a room whose document is not in the write on the disk gets into the
 * next one at the end of the turn its update arrived in, and its commit starts
 * the moment the disk is free, without a round trip through this thread and
 * without waiting behind the fan-out of the write before. Updates that arrive
 * while both places are taken, or for a document already in a write, wait
 * and go together in the next write: one transaction, one fsync. So under load the writes
 * grow rather than multiply: the disk's flush time sets how many there are,
 * not the rate of updates. The write runs in the storage worker
 * (storage/sqlite-writer.ts), so the event loop keeps receiving, applying and
 * sending already-stored updates while the disk flushes.
 *
 * Why a document waits for its own write: its writes must return in order
 * and a failed one must stop the later ones, or the later updates of a
 * document would be stored, and sent, without the earlier ones.
 *
 * Big rooms get no extra floor by default: the writes in flight already
 * batch by the disk's flush time, and a turn the event loop spends sending
 * a big broadcast lets the next write take everything that arrived during
 * it, so the fan-out batches itself (docs/performance.md, "the floor").
 * An operator may still space a big room's commits (BIG_ROOM_PEERS or more
 * connections on one document, at most once per BIG_ROOM_COMMIT_INTERVAL_MS):
 * its first update after a quiet spell is written with the next write, later
 * ones wait for the interval and leave together, as one merged broadcast, so
 * each peer receives at most 1000 / interval messages a second, at the price
 * of up to that interval of latency.
 */
import { BIG_ROOM_DEFAULTS, WRITES_IN_FLIGHT } from '../config.ts';
import type { RoomStore, UpdateRecord } from '../storage/types.ts';
import type { LiveDoc } from './live-doc.ts';

export type WriteFailure = (live: LiveDoc, error: Error) => void;
/** Told how long each write took from hand-over to return (fsync included), and whether it was stored. */
export type CommitObserver = (durationMs: number, ok: boolean) => void;

/** From how many connections on one document its commits are spaced, and by how much (config.ts). */
export type CommitSpacing = { bigRoomPeers: number; bigRoomCommitIntervalMs: number };

export class WriteQueue {
  /** Documents with updates for the next write. */
  private readonly dirty = new Set<LiveDoc>();
  /** Big rooms' documents waiting for their commit interval. */
  private readonly delayed = new Set<LiveDoc>();
  private readonly lastCommitAt = new WeakMap<LiveDoc, number>();
  /** Documents in a write that has not returned yet: they wait for it before their next one. */
  private readonly writing = new Set<LiveDoc>();
  private scheduled = false;
  /** Writes handed to the store and not yet returned (more than WRITES_IN_FLIGHT only while flushing). */
  private inFlight = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly store: RoomStore;
  private readonly onFailure: WriteFailure;
  private readonly afterStore: (live: LiveDoc) => void;
  private readonly now: () => number;
  private readonly observe: CommitObserver;
  private readonly spacing: CommitSpacing;

  constructor(
    store: RoomStore,
    onFailure: WriteFailure,
    afterStore: (live: LiveDoc) => void,
    now: () => number = performance.now.bind(performance),
    observe: CommitObserver = () => {},
    spacing: CommitSpacing = {
      bigRoomPeers: BIG_ROOM_DEFAULTS.peers,
      bigRoomCommitIntervalMs: BIG_ROOM_DEFAULTS.commitIntervalMs,
    },
  ) {
    this.spacing = spacing;
    this.store = store;
    this.onFailure = onFailure;
    this.afterStore = afterStore;
    this.now = now;
    this.observe = observe;
  }

  markDirty(live: LiveDoc): void {
    if (this.dirty.has(live) || this.delayed.has(live)) return;
    const wait =
      live.peers.size >= this.spacing.bigRoomPeers
        ? (this.lastCommitAt.get(live) ?? -Infinity) + this.spacing.bigRoomCommitIntervalMs - this.now()
        : 0;
    if (wait <= 0) {
      this.dirty.add(live);
      this.schedule();
      return;
    }
    this.delayed.add(live);
    this.timer ??= setTimeout(this.releaseDelayed, Math.ceil(wait));
  }

  /**
   * Stores everything pending now and blocks until every write has returned
   * and delivered (shutdown). Writes beside one in flight: the store applies them in order.
   */
  readonly flush = (): void => {
    if (this.timer) clearTimeout(this.timer);
    this.releaseDelayed();
    this.write(true);
    this.store.drain();
  };

  /** Writes the dirty documents at the end of this turn, unless every place is taken: a return does. */
  private schedule(): void {
    if (this.scheduled || this.inFlight >= WRITES_IN_FLIGHT) return;
    this.scheduled = true;
    setImmediate(this.writeDirty);
  }

  private readonly writeDirty = (): void => {
    this.scheduled = false;
    if (this.inFlight < WRITES_IN_FLIGHT) this.write();
  };

  private readonly releaseDelayed = (): void => {
    this.timer = null;
    for (const live of this.delayed) this.dirty.add(live);
    this.delayed.clear();
    this.schedule();
  };

  /**
   * Hands the dirty documents that are not in a write to the store, as one
   * write. `all`: at shutdown, those in a write too (the store still runs
   * them in order, and nothing comes after).
   */
  private write(all = false): void {
    const batches: Batch[] = [];
    for (const live of this.dirty) {
      if (!all && this.writing.has(live)) continue;
      this.dirty.delete(live);
      const records = live.takePending();
      if (records.length > 0) batches.push({ live, records });
    }
    if (batches.length === 0) return;
    this.inFlight++;
    for (const { live } of batches) this.writing.add(live);
    this.commit(batches, () => {
      this.inFlight--;
      for (const { live } of batches) this.writing.delete(live);
      // Everything that arrived meanwhile goes in the next one.
      if (this.dirty.size > 0) this.schedule();
    });
  }

  /**
   * Stores the batches in one transaction. If it fails and it held several
   * documents, each is written again on its own (in the same order): one
   * document's bad write (a damaged page where its rows go) must not fail
   * the documents that only happened to share its commit.
   */
  private commit(batches: readonly Batch[], done: () => void): void {
    const started = this.now();
    this.store.appendUpdatesAsync(
      batches.flatMap((b) => b.records),
      (error) => {
        this.observe(this.now() - started, error === null);
        if (!error) {
          const at = this.now();
          for (const { live } of batches) {
            this.lastCommitAt.set(live, at);
            live.stored();
            this.afterStore(live);
          }
          return done();
        }
        if (batches.length === 1) {
          this.onFailure(batches[0]!.live, error);
          return done();
        }
        let left = batches.length;
        for (const batch of batches) this.commit([batch], () => --left === 0 && done());
      },
    );
  }
}

type Batch = { live: LiveDoc; records: UpdateRecord[] };
