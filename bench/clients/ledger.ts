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

/**
 * Per sender, indexed by sequence number: how many of this thread's receivers
 * have each edit, and when the last of them got it.
 */
type Tally = { counts: number[]; latest: number[] };

/**
 * Receivers see every edit of their room: a room of N clients asks for N²
 * entries a second, at N = 1000 a million, all on the client threads. So the
 * keys are interned once into small numbers and the per-edit work is two Map
 * lookups and array writes (a Map of Maps keyed by strings cost 1–2.7 µs an
 * entry, more than scanning the marker out of the frame).
 */
export class DeliveryLedger {
  /** Client key → dense number, for receivers and senders alike. */
  private readonly ids = new Map<string, number>();
  /** receiver number → (sender number → highest sequence number seen). */
  private lastSeen: number[][] = [];
  /** sender number → its tallies. */
  private tallies: (Tally | undefined)[] = [];

  applied(receiver: string, sender: string, seq: number, at: number): void {
    if (receiver === sender) return;
    const seen = (this.lastSeen[this.idOf(receiver)] ??= []);
    const from = this.idOf(sender);
    const before = seen[from] ?? 0;
    if (seq <= before) return;
    seen[from] = seq;
    const tally = (this.tallies[from] ??= { counts: [], latest: [] });
    // Every edit of this sender up to `seq` reached this receiver now, if it had not already.
    for (let s = before + 1; s <= seq; s++) {
      tally.counts[s] = (tally.counts[s] ?? 0) + 1;
      const latest = tally.latest[s];
      if (latest === undefined || at > latest) tally.latest[s] = at;
    }
  }

  /** The highest sequence number of `sender` that `receiver` has seen (0: none). */
  seen(receiver: string, sender: string): number {
    const r = this.ids.get(receiver);
    const s = this.ids.get(sender);
    return r === undefined || s === undefined ? 0 : (this.lastSeen[r]?.[s] ?? 0);
  }

  /** The tallies of each sender's edits from `from[sender]` on (the recorded ones). */
  export(from: Record<string, number>): LedgerExport {
    const out: LedgerExport = {};
    for (const [sender, first] of Object.entries(from)) {
      const id = this.ids.get(sender);
      const tally = id === undefined ? undefined : this.tallies[id];
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
    this.ids.clear();
    this.lastSeen = [];
    this.tallies = [];
  }

  private idOf(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(key, id);
    }
    return id;
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
