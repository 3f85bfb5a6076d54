/**
 * Who has applied which edit, and when, for clients that may live in several
 * worker threads. Each thread keeps a ledger of what its own receivers saw;
 * the main thread adds the ledgers up (`deliveries`): an edit is delivered
 * when every other client of its room, in whichever thread, has it, and its
 * latency runs until the last of them had it.
 *
 * Yjs integrates each client's changes in order, so a receiver that sees edit
 * n of a sender has every earlier edit of that sender too (a newer vote
 * overwrites an older one in the map, so the older marker may never show).
 */

/** An edit as its sender's thread recorded it: room index, sender key, sequence number, send time (ms). */
export type SentEdit = [room: number, sender: string, seq: number, sentAt: number];

/** Per sender, from `first` on: how many of a thread's receivers had each edit, and when the last of them got it. */
export type LedgerExport = Record<string, { first: number; counts: number[]; latest: number[] }>;

type Tally = { counts: number[]; latest: number[] };

export class DeliveryLedger {
  /** receiver → sender → highest sequence number seen. */
  private readonly lastSeen = new Map<string, Map<string, number>>();
  /** sender → tallies indexed by sequence number. */
  private readonly tallies = new Map<string, Tally>();

  applied(receiver: string, sender: string, seq: number, at: number): void {
    if (receiver === sender) return;
    let seen = this.lastSeen.get(receiver);
    if (!seen) {
      seen = new Map();
      this.lastSeen.set(receiver, seen);
    }
    const before = seen.get(sender) ?? 0;
    if (seq <= before) return;
    seen.set(sender, seq);
    let tally = this.tallies.get(sender);
    if (!tally) {
      tally = { counts: [], latest: [] };
      this.tallies.set(sender, tally);
    }
    // Every edit of this sender up to `seq` reached this receiver now, if it had not already.
    for (let s = before + 1; s <= seq; s++) {
      tally.counts[s] = (tally.counts[s] ?? 0) + 1;
      tally.latest[s] = Math.max(tally.latest[s] ?? 0, at);
    }
  }

  /** The highest sequence number of `sender` that `receiver` has seen (0: none). */
  seen(receiver: string, sender: string): number {
    return this.lastSeen.get(receiver)?.get(sender) ?? 0;
  }

  /** The tallies of each sender's edits from `from[sender]` on (the recorded ones). */
  export(from: Record<string, number>): LedgerExport {
    const out: LedgerExport = {};
    for (const [sender, first] of Object.entries(from)) {
      const tally = this.tallies.get(sender);
      if (!tally) continue;
      out[sender] = {
        first,
        counts: Array.from({ length: Math.max(0, tally.counts.length - first) }, (_, i) => tally.counts[first + i] ?? 0),
        latest: Array.from({ length: Math.max(0, tally.latest.length - first) }, (_, i) => tally.latest[first + i] ?? 0),
      };
    }
    return out;
  }

  reset(): void {
    this.lastSeen.clear();
    this.tallies.clear();
  }
}

export type Deliveries = {
  /** Latency (ms) of every edit every other client of its room had. */
  latencies: number[];
  /** Send times parallel to `latencies`. */
  sentTimes: number[];
  /** Edits some client still lacked at `end`, each with the time it had waited (a lower bound). */
  unfinished: number[];
};

/**
 * Adds up the threads' ledgers. `receivers` is how many clients of a room
 * must have an edit (the room's clients less its sender).
 */
export function deliveries(
  sent: readonly SentEdit[],
  ledgers: readonly LedgerExport[],
  receivers: number,
  end: number,
): Deliveries {
  const result: Deliveries = { latencies: [], sentTimes: [], unfinished: [] };
  for (const [, sender, seq, sentAt] of sent) {
    let count = 0;
    let latest = sentAt;
    for (const ledger of ledgers) {
      const tally = ledger[sender];
      if (!tally) continue;
      const i = seq - tally.first;
      count += tally.counts[i] ?? 0;
      latest = Math.max(latest, tally.latest[i] ?? 0);
    }
    if (count >= receivers) {
      result.latencies.push(latest - sentAt);
      result.sentTimes.push(sentAt);
    } else {
      result.unfinished.push(end - sentAt);
    }
  }
  return result;
}
