/**
 * The main thread's handle on the PostgreSQL storage worker (pg-worker.ts).
 *
 * Why a worker: the store's interface (types.ts) is synchronous, because the
 * embedded SQLite store can be, and every room, seat and API path is written
 * against it. A PostgreSQL client is asynchronous. The worker runs the client;
 * the main thread posts a request and, for a blocking call, sleeps on a shared
 * counter (Atomics.wait) until the answer is there, then takes it with
 * receiveMessageOnPort — the same technique as the SQLite writer
 * (sqlite-writer.ts). Posted writes (a room's group commit) do not block: their
 * answers arrive as ordinary messages, and the event loop keeps serving while
 * the database flushes.
 *
 * Two reply ports: a blocking call takes only its own answer from `answers`,
 * so the callbacks of posted writes never run in the middle of a read (they
 * run on the event loop, in order, as with SQLite). `drain` takes them from
 * `replies` synchronously.
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { RoomId } from '../../src/model/ids.ts';
import type { DocName } from '../../src/model/roles.ts';
import type { ReadRequest } from './pg-reads.ts';
import type { Fence } from './pg-writes.ts';
import type { StoredRoom, StoredSeat, UpdateRecord } from './types.ts';

export type WriteRequest =
  | { op: 'open' }
  | { op: 'createRoom'; room: StoredRoom }
  | { op: 'setInvite'; id: string; invite: string; joinCode?: string | undefined }
  | { op: 'createSeat'; seat: StoredSeat }
  | { op: 'setSeatSecret'; room: string; seat: string; secretHash: Uint8Array }
  | { op: 'removeSeat'; room: string; seat: string }
  | { op: 'deleteRoom'; id: string }
  | { op: 'touchRoom'; id: string; at: number }
  | { op: 'append'; records: readonly UpdateRecord[]; fence: Fence }
  | { op: 'compact'; room: RoomId; doc: DocName; snapshot: Uint8Array; uptoSeq: number; fence: Fence }
  | { op: 'claim'; room: string; owner: string; leaseMs: number }
  | { op: 'release'; rooms: string[]; tokens: number[] }
  | { op: 'registerNode'; node: string; url: string }
  | { op: 'deregisterNode'; node: string }
  | { op: 'close' };
/** `node`: this server's row in the nodes table, refreshed with the renewal (server/cluster/node-table.ts). */
export type LeaseRequest = {
  op: 'renew';
  rooms: string[];
  tokens: number[];
  leaseMs: number;
  node?: { id: string; url: string } | undefined;
};

export type Envelope =
  | { id: number; blocking: boolean; kind: 'write'; request: WriteRequest }
  | { id: number; blocking: false; kind: 'lease'; request: LeaseRequest }
  | { id: number; blocking: true; kind: 'read'; request: ReadRequest };
/** `code`: the SQLSTATE of a database error (LD409: a fence refused the write), null otherwise. */
export type Reply = { id: number; error: string | null; code?: string | null; value: unknown };
/** A failure with the database's SQLSTATE, so the store can tell a lost lease from other failures. */
export class StorageError extends Error {
  readonly code: string | null;
  constructor(message: string, code: string | null) {
    super(message);
    this.code = code;
  }
}
export type Answered = (error: StorageError | null, value?: unknown) => void;
export type BridgeData = {
  url: string;
  answers: MessagePort;
  replies: MessagePort;
  signal: Int32Array;
  queryTimeoutMs: number;
};

/**
 * Longest a blocking call waits for the worker (as for SQLite). The worker's
 * own query timeout is shorter, so a stalled database normally answers with
 * an error before this gives up.
 */
const WAIT_TIMEOUT_MS = 10_000;
const QUERY_TIMEOUT_MS = 8_000;
/** Migrations may wait for another node's migrations (the advisory lock); longer than one query. */
const OPEN_TIMEOUT_MS = 60_000;

export class PgBridge {
  private readonly signal = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  private readonly waiting = new Map<number, Answered>();
  private readonly worker: Worker;
  private readonly answers: MessagePort;
  private readonly replies: MessagePort;
  private nextId = 1;
  private closed = false;
  private lostError: Error | null = null;

  constructor(url: string) {
    const answers = new MessageChannel();
    const replies = new MessageChannel();
    const data: BridgeData = {
      url,
      answers: answers.port2,
      replies: replies.port2,
      signal: this.signal,
      queryTimeoutMs: QUERY_TIMEOUT_MS,
    };
    this.worker = new Worker(new URL('./pg-worker.ts', import.meta.url), {
      workerData: data,
      transferList: [answers.port2, replies.port2],
    });
    this.answers = answers.port1;
    this.replies = replies.port1;
    this.replies.on('message', (reply: Reply) => this.settle(reply));
    // Neither keeps the process alive: the server's sockets do, and shutdown drains.
    this.replies.unref();
    this.worker.unref();
    this.worker.on('error', (error) => this.lost(error));
    this.worker.on('exit', (code) => this.lost(new Error(`storage worker exited with code ${code}`)));
  }

  /** Connects and brings the schema up to date; throws why it could not. */
  open(): void {
    this.call({ id: 0, blocking: true, kind: 'write', request: { op: 'open' } }, OPEN_TIMEOUT_MS);
  }

  read<T>(request: ReadRequest): T {
    return this.call({ id: 0, blocking: true, kind: 'read', request }) as T;
  }

  /** A write, blocking until it is committed; throws what it threw. Applied after every write posted before it. */
  run(request: WriteRequest): unknown {
    return this.call({ id: 0, blocking: true, kind: 'write', request });
  }

  /** Queues a write; `done` runs on the event loop once it has committed or failed. */
  post(request: WriteRequest, done: Answered): void {
    this.postEnvelope({ id: 0, blocking: false, kind: 'write', request }, done);
  }

  /** A lease renewal: beside the writes, on its own connection, answered with the rooms still held. */
  renew(request: LeaseRequest, done: Answered): void {
    this.postEnvelope({ id: 0, blocking: false, kind: 'lease', request }, done);
  }

  private postEnvelope(envelope: Envelope, done: Answered): void {
    if (this.lostError || this.closed) {
      const error = new StorageError((this.lostError ?? new Error('storage closed')).message, null);
      queueMicrotask(() => done(error));
      return;
    }
    const id = this.nextId++;
    this.waiting.set(id, done);
    this.worker.postMessage({ ...envelope, id });
  }

  /** Blocks until every posted write has returned and its callback has run; past the timeout they count as failed. */
  drain(): void {
    const ok = this.waitUntil(() => {
      for (let m = receiveMessageOnPort(this.replies); m; m = receiveMessageOnPort(this.replies))
        this.settle(m.message as Reply);
      return this.waiting.size === 0;
    }, WAIT_TIMEOUT_MS);
    if (!ok) this.failAll(new Error('storage worker did not answer in time'));
  }

  /** Drains, closes the connections and stops the worker. Never throws: it runs on shutdown. */
  close(): void {
    if (this.closed) return;
    try {
      this.drain();
      if (!this.lostError) this.run({ op: 'close' });
    } catch {
      this.failAll(new Error('storage closed'));
    } finally {
      this.closed = true;
      this.answers.close();
      this.replies.close();
      void this.worker.terminate();
    }
  }

  private call(envelope: Envelope, timeoutMs = WAIT_TIMEOUT_MS): unknown {
    if (this.lostError) throw this.lostError;
    if (this.closed) throw new Error('storage closed');
    const id = this.nextId++;
    this.worker.postMessage({ ...envelope, id });
    let answer: Reply | undefined;
    const ok = this.waitUntil(() => {
      for (let m = receiveMessageOnPort(this.answers); m; m = receiveMessageOnPort(this.answers)) {
        // An answer to an earlier call that timed out is of no use to anyone now.
        if ((m.message as Reply).id === id) answer = m.message as Reply;
      }
      return answer !== undefined || this.lostError !== null;
    }, timeoutMs);
    if (!ok) throw new Error('storage worker did not answer in time');
    if (!answer) throw this.lostError!;
    if (answer.error !== null) throw new StorageError(answer.error, answer.code ?? null);
    return answer.value;
  }

  private waitUntil(isDone: () => boolean, timeoutMs: number): boolean {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      // Read before checking: an answer landing in between changes the counter, so the wait returns at once.
      const seen = Atomics.load(this.signal, 0);
      if (isDone()) return true;
      const left = deadline - performance.now();
      if (left <= 0) return false;
      Atomics.wait(this.signal, 0, seen, left);
    }
  }

  private settle(reply: Reply): void {
    const done = this.waiting.get(reply.id);
    if (!done) return;
    this.waiting.delete(reply.id);
    if (reply.error === null) done(null, reply.value);
    else done(new StorageError(reply.error, reply.code ?? null));
  }

  /** The worker died: nothing more can be stored through it; every write waiting fails. */
  private lost(error: Error): void {
    if (this.closed) return;
    this.lostError ??= error;
    this.failAll(error);
  }

  private failAll(error: Error): void {
    const callbacks = [...this.waiting.values()];
    this.waiting.clear();
    for (const done of callbacks) done(new StorageError(error.message, null));
  }
}
