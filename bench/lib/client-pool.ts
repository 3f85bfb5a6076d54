/**
 * The main thread's handle on the client worker threads. `call` sends one
 * command to the first thread (joins, seeding, idle rooms). A group of
 * editing clients can be spread over all threads (`connect`, `run`, `close`):
 * each thread fires its clients' edits on one shared schedule and keeps a
 * ledger of what its receivers saw, and the ledgers are added up here, so a
 * room whose clients sit in different threads is measured as one room.
 *
 * The threads run on the cores the bench process is pinned to (all but the
 * server's, see servers.ts); more threads than those cores add no client capacity.
 */
import { Worker } from 'node:worker_threads';
import { now } from '../clients/edits.ts';
import type { ClientKind } from '../clients/edit-group.ts';
import { deliveries } from '../clients/ledger.ts';
import type { Command, Commands } from '../clients/worker.ts';
import type { EditKind } from '../clients/edits.ts';

/** Time for the run command to reach every thread before the first edit is due. */
const START_DELAY_MS = 100;
const SLOWEST = 10;

export type SpreadGroup = { ids: number[]; perRoom: number; clients: number };

export type SpreadRunArgs = { kinds: EditKind[]; periodMs: number; warmupMs: number; durationMs: number; graceMs: number };

export type SpreadRunResult = {
  latencies: number[];
  unfinished: number[];
  sent: number;
  /** The busiest client thread's event-loop utilisation (1: that thread's core bounded the figure). */
  clientBusy: number;
  clientBusyByThread: number[];
  /** Each client thread's own CPU time as a share of one core (waiting for a core not counted). */
  clientCpuByThread: number[];
  /** Update messages one client received per second while recording (NaN for providers). */
  messagesPerClientPerSec: number;
  /** Longest event-loop stall of any client thread while recording. */
  clientMaxStallMs: number;
  /** The slowest edits: [ms after the recording started, latency ms]. */
  slowest: [number, number][];
};

type Waiter = { resolve: (v: unknown) => void; reject: (e: Error) => void };

export class ClientPool {
  private readonly workers: Worker[];
  private readonly waiting = new Map<number, Waiter>();
  private nextId = 1;
  private nextTag = 1;

  constructor(threads = 1) {
    this.workers = Array.from({ length: Math.max(1, threads) }, () => this.startWorker());
  }

  get threads(): number {
    return this.workers.length;
  }

  call<C extends Command>(command: C, args: Commands[C]['args'], thread = 0): Promise<Commands[C]['result']> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.workers[thread]!.postMessage({ id, command, args });
    });
  }

  /** Connects `perRoom` clients to each room, spread over the threads. */
  async connect(args: Omit<Commands['connect']['args'], 'spread'> & { kind: ClientKind }): Promise<SpreadGroup> {
    const tag = `s${this.nextTag++}t`;
    const groups = await this.each((thread, threads) =>
      this.call('connect', { ...args, spread: { thread, threads, tag: `${tag}${thread}` } }, thread),
    );
    return {
      ids: groups.map((g) => g.group),
      perRoom: args.perRoom,
      clients: groups.reduce((sum, g) => sum + g.clients, 0),
    };
  }

  /** One edit per client per period on a schedule shared by all threads; latencies until every other client of the room has an edit. */
  async run(group: SpreadGroup, args: SpreadRunArgs): Promise<SpreadRunResult> {
    const startAt = now() + START_DELAY_MS;
    const runs = await this.each((thread) =>
      this.call('run', { ...args, group: group.ids[thread]!, startAt, total: group.clients }, thread),
    );
    const lastSeq = runs.flatMap((r) => r.lastSeq);
    const firstSeq = Object.assign({}, ...runs.map((r) => r.firstSeq)) as Record<string, number>;
    const until = startAt + args.warmupMs + args.durationMs + args.graceMs;
    const settled = await this.each((thread) =>
      this.call('settle', { group: group.ids[thread]!, lastSeq, firstSeq, until }, thread),
    );
    const sent = runs.flatMap((r) => r.sent);
    const end = Math.max(...settled.map((s) => s.end));
    const delivered = deliveries(
      sent,
      settled.map((s) => s.ledger),
      group.perRoom - 1,
      end,
    );
    const recordFrom = startAt + args.warmupMs;
    const busy = runs.map((r) => r.busy);
    return {
      latencies: delivered.latencies,
      unfinished: delivered.unfinished,
      sent: sent.length,
      clientBusy: Math.max(...busy),
      clientBusyByThread: busy.map((b) => Math.round(b * 100) / 100),
      clientCpuByThread: runs.map((r) => Math.round(r.cpu * 100) / 100),
      messagesPerClientPerSec: runs.reduce((sum, r) => sum + r.messages, 0) / group.clients / (args.durationMs / 1000),
      clientMaxStallMs: Math.max(...runs.map((r) => r.maxStallMs)),
      slowest: delivered.latencies
        .map((l, i): [number, number] => [(delivered.sentTimes[i] ?? 0) - recordFrom, l])
        .sort((a, b) => b[1] - a[1])
        .slice(0, SLOWEST)
        .map(([at, l]) => [Math.round(at), Math.round(l * 10) / 10]),
    };
  }

  async close(group: SpreadGroup): Promise<void> {
    await this.each((thread) => this.call('close', { group: group.ids[thread]! }, thread));
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private each<T>(work: (thread: number, threads: number) => Promise<T>): Promise<T[]> {
    return Promise.all(this.workers.map((_, thread) => work(thread, this.workers.length)));
  }

  private startWorker(): Worker {
    const worker = new Worker(new URL('../clients/worker.ts', import.meta.url));
    worker.on('message', (message: { id: number; result?: unknown; error?: string }) => {
      const waiter = this.waiting.get(message.id);
      if (!waiter) return;
      this.waiting.delete(message.id);
      if (message.error !== undefined) waiter.reject(new Error(`client worker: ${message.error}`));
      else waiter.resolve(message.result);
    });
    // A dead thread fails every command still waiting, whichever thread it went to: the run is lost either way.
    worker.on('error', (error) => {
      for (const waiter of this.waiting.values()) waiter.reject(error);
      this.waiting.clear();
    });
    return worker;
  }
}
