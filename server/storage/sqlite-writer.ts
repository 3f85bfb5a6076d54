/**
 * The main thread's handle on the storage worker (sqlite-writer-worker.ts),
 * which owns the one SQLite connection that writes.
 *
 * Why a thread: a durable commit waits for an fsync, 0.2–1 ms on a quiet
 * disk and tens of ms on a busy one. Made on the event loop, every commit
 * stalled every room; with updates arriving a few ms apart there was one
 * commit per update, and the loop spent a third or more of its time
 * waiting for the disk. In the worker the loop keeps receiving, applying
 * and sending already-stored updates while the disk flushes.
 *
 * Writes are posted in order and answered in order. `post` returns at once
 * and calls back when the write has returned; `run` blocks until it has
 * (rare writes such as creating a room, and tests); `drain` blocks until
 * every posted write has returned (shutdown). Blocking uses Atomics.wait on a
 * counter the worker bumps after each answer, and picks the answers up with
 * receiveMessageOnPort, so callbacks run in order even while blocked.
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { RoomId } from '../../src/model/ids.ts';
import type { DocName } from '../../src/model/roles.ts';
import type { StoredRoom, StoredSeat, UpdateRecord, WriteDone } from './types.ts';

export type WriteRequest =
  | { op: 'ping' }
  | { op: 'createRoom'; room: StoredRoom }
  | { op: 'setInvite'; id: string; invite: string; joinCode?: string | undefined }
  | { op: 'createSeat'; seat: StoredSeat }
  | { op: 'setSeatSecret'; room: string; seat: string; secretHash: Buffer }
  | { op: 'removeSeat'; room: string; seat: string }
  | { op: 'deleteRoom'; id: string }
  | { op: 'touchRoom'; id: string; at: number }
  | { op: 'append'; records: readonly UpdateRecord[] }
  | { op: 'compact'; room: RoomId; doc: DocName; snapshot: Uint8Array; uptoSeq: number }
  | { op: 'close' };
export type WriteEnvelope = { id: number; request: WriteRequest };
export type WriteReply = { id: number; error: string | null };
export type WriterData = { file: string; replies: MessagePort; signal: Int32Array };

/**
 * Longest a blocking call waits for the worker. A disk shared with other work
 * can stall for seconds; past this, creating a room fails rather than
 * freezing the server, and a shutdown gives up on what is still in flight.
 */
const WAIT_TIMEOUT_MS = 10_000;

export class SqliteWriter {
  private readonly file: string;
  /** Bumped by the worker after every answer; the main thread sleeps on it when it must block. */
  private readonly signal = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  private readonly waiting = new Map<number, WriteDone>();
  private worker: Worker | null = null;
  private replies: MessagePort | null = null;
  private nextId = 1;

  constructor(file: string) {
    this.file = file;
  }

  /**
   * Starts the worker and blocks until its connection is open (tens of ms),
   * so that the first write after the server says it is ready does not wait for a thread to start.
   */
  start(): void {
    this.run({ op: 'ping' });
  }

  /** Queues a write; `done` runs once it has returned. */
  post(request: WriteRequest, done: WriteDone): void {
    const id = this.nextId++;
    this.waiting.set(id, done);
    const envelope: WriteEnvelope = { id, request };
    this.ensureWorker().postMessage(envelope);
  }

  /** Queues a write and blocks until it has returned; throws what it threw. */
  run(request: WriteRequest): void {
    let outcome: Error | null | undefined;
    this.post(request, (error) => {
      outcome = error;
    });
    // On a timeout the write stays queued (it may still land); only this caller stops waiting.
    if (!this.waitUntil(() => outcome !== undefined)) throw new Error('storage worker did not answer in time');
    if (outcome) throw outcome;
  }

  /** Blocks until every write posted so far has returned and its callback has run; past the timeout they count as failed. */
  drain(): void {
    if (!this.waitUntil(() => this.waiting.size === 0)) {
      this.failAll(new Error('storage worker did not answer in time'));
    }
  }

  /** Drains and stops the worker, which closes its connection. Never throws: it runs on shutdown. */
  close(): void {
    const worker = this.worker;
    if (!worker) return;
    try {
      this.run({ op: 'close' });
    } catch {
      // It did not answer in time: what it still holds is given up.
      this.failAll(new Error('storage closed'));
    } finally {
      this.worker = null;
      this.replies?.close();
      this.replies = null;
      void worker.terminate();
    }
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const { port1, port2 } = new MessageChannel();
    const data: WriterData = { file: this.file, replies: port2, signal: this.signal };
    const worker = new Worker(new URL('./sqlite-writer-worker.ts', import.meta.url), {
      workerData: data,
      transferList: [port2],
    });
    port1.on('message', (reply: WriteReply) => this.settle(reply));
    // Neither keeps the process alive: the server's sockets do, and shutdown drains.
    port1.unref();
    worker.unref();
    worker.on('error', (error) => this.lost(worker, error));
    worker.on('exit', (code) => this.lost(worker, new Error(`storage worker exited with code ${code}`)));
    this.worker = worker;
    this.replies = port1;
    return worker;
  }

  /** The worker died: its unanswered writes failed; the next write starts a new one. */
  private lost(worker: Worker, error: Error): void {
    if (this.worker !== worker) return;
    this.worker = null;
    this.replies?.close();
    this.replies = null;
    this.failAll(error);
  }

  /** Blocks until `isDone()`, running the callbacks of answers as they arrive; false on a timeout. */
  private waitUntil(isDone: () => boolean): boolean {
    const deadline = performance.now() + WAIT_TIMEOUT_MS;
    for (;;) {
      // Read before receiving: an answer that lands in between changes the counter, so the wait returns at once.
      const seen = Atomics.load(this.signal, 0);
      this.receiveReady();
      if (isDone()) return true;
      const left = deadline - performance.now();
      if (left <= 0) return false;
      Atomics.wait(this.signal, 0, seen, left);
    }
  }

  private receiveReady(): void {
    for (let m = this.replies && receiveMessageOnPort(this.replies); m; m = receiveMessageOnPort(this.replies!)) {
      this.settle(m.message as WriteReply);
    }
  }

  private settle(reply: WriteReply): void {
    const done = this.waiting.get(reply.id);
    if (!done) return;
    this.waiting.delete(reply.id);
    done(reply.error === null ? null : new Error(reply.error));
  }

  private failAll(error: Error): void {
    const callbacks = [...this.waiting.values()];
    this.waiting.clear();
    for (const done of callbacks) done(error);
  }
}
