/**
 * The PostgreSQL storage worker thread. It holds two connections: one that
 * writes, taking one request at a time in the order posted (each a
 * transaction, answered once COMMIT has returned, i.e. once the commit is
 * flushed to the database's log under synchronous_commit = on), and one that
 * reads, so that a read never queues behind a commit's flush.
 *
 * Answers to blocking calls go to `answers`, answers to posted writes to
 * `replies` (see pg-bridge.ts); after each, `signal` is bumped to wake a
 * blocked main thread.
 *
 * A connection that fails other than with a database error (lost, timed out)
 * is dropped and opened again for the next request: a Postgres restart fails
 * the writes in flight, and the room recovers by itself on the next one.
 */
import pg from 'pg';
import { parentPort, workerData } from 'node:worker_threads';
import { migrate } from './pg-schema.ts';
import { read } from './pg-reads.ts';
import * as writes from './pg-writes.ts';
import { deregister, heartbeat } from '../cluster/node-table.ts';
import type { BridgeData, Envelope, LeaseRequest, Reply, WriteRequest } from './pg-bridge.ts';

if (!parentPort) throw new Error('pg-worker.ts runs only as a worker thread');
const port = parentPort;
const { url, answers, replies, signal, queryTimeoutMs } = workerData as BridgeData;
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

// bigint columns hold ms since the epoch, sequence numbers and byte counts: all far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, Number);

/** How long opening a connection may take before the request fails. */
const CONNECT_TIMEOUT_MS = 5000;
/** How long the database lets a transaction of ours sit idle (its client paused) before ending it. */
const IDLE_IN_TRANSACTION_TIMEOUT_MS = 5000;

class Connection {
  private client: Promise<pg.Client> | null = null;
  /** What `client` resolved to, so a failed connection is dropped at once, not a turn later. */
  private opened: pg.Client | null = null;
  private readonly dropped = new WeakSet<pg.Client>();
  private readonly name: string;

  constructor(name: string) {
    this.name = name;
  }

  get(): Promise<pg.Client> {
    this.client ??= this.open().then(
      (client) => (this.opened = client),
      (error: unknown) => {
        this.client = null;
        throw error;
      },
    );
    return this.client;
  }

  private async open(): Promise<pg.Client> {
    const client = new pg.Client({
      connectionString: url,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      query_timeout: queryTimeoutMs,
      keepAlive: true,
      application_name: `ledestjerne-${this.name}`,
    });
    // A connection lost between requests (the database restarted): the next request opens a new one.
    client.on('error', () => this.drop(client));
    client.on('end', () => this.drop(client));
    await client.connect();
    // Never trust the server's default: an acknowledged commit must be on disk.
    await client.query('SET synchronous_commit = on');
    // A server paused in the middle of a transaction (SIGSTOP, a stalled VM) would hold its locks, among
    // them the share lock on a room's lease that a takeover waits for: the database ends such a transaction.
    await client.query(`SET idle_in_transaction_session_timeout = ${IDLE_IN_TRANSACTION_TIMEOUT_MS}`);
    return client;
  }

  /**
   * Runs `work`; a failure that is not the database refusing the statement
   * drops the connection. With `retry` (reads, which change nothing) such a
   * failure is tried once more on a new connection; a write never is, since
   * it may have committed before the connection broke.
   */
  async use<T>(work: (client: pg.Client) => Promise<T>, retry = false): Promise<T> {
    const client = await this.get();
    try {
      return await work(client);
    } catch (error) {
      // Database errors carry a SQLSTATE code and leave the connection usable; anything else may not.
      if (connectionStillGood(error)) throw error;
      this.drop(client);
      if (retry) return this.use(work);
      throw error;
    }
  }

  drop(client: pg.Client): void {
    if (this.opened === client) {
      this.opened = null;
      this.client = null;
    }
    if (this.dropped.has(client)) return;
    this.dropped.add(client);
    client.end().catch(() => {});
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    if (client) await (await client.catch(() => null))?.end().catch(() => {});
  }
}

/**
 * A statement the database refused (a duplicate key, a constraint) leaves the
 * connection as good as before. Anything else — no SQLSTATE at all (socket
 * closed, timed out), a connection exception (class 08) or an operator
 * intervention (57P, the server shutting down) — leaves it dead or unknown.
 */
function connectionStillGood(error: unknown): boolean {
  if (!(error instanceof Error && 'code' in error && typeof error.code === 'string')) return false;
  return /^[0-9A-Z]{5}$/.test(error.code) && !error.code.startsWith('08') && !error.code.startsWith('57P');
}

const writer = new Connection('writer');
const reader = new Connection('reader');
const leases = new Connection('leases');

async function write(request: WriteRequest): Promise<unknown> {
  switch (request.op) {
    case 'open':
      // Migrations first, then the reading connection, so a start-up fails at once on a bad URL.
      await writer.use((c) => migrate(c));
      await reader.get();
      return null;
    case 'close':
      await writer.close();
      await reader.close();
      await leases.close();
      return null;
    case 'createRoom':
      return writer.use((c) => writes.transaction(c, () => writes.createRoom(c, request.room)));
    case 'setInvite':
      return writer.use((c) =>
        writes.transaction(c, () => writes.setInvite(c, request.id, request.invite, request.joinCode)),
      );
    case 'createSeat':
      return writer.use((c) => writes.transaction(c, () => writes.createSeat(c, request.seat)));
    case 'setSeatSecret':
      return writer.use((c) =>
        writes.transaction(c, () => writes.setSeatSecret(c, request.room, request.seat, request.secretHash)),
      );
    case 'removeSeat':
      return writer.use((c) => writes.transaction(c, () => writes.removeSeat(c, request.room, request.seat)));
    case 'touchRoom':
      return writer.use((c) => writes.touchRoom(c, request.id, request.at));
    case 'deleteRoom':
      return writer.use((c) => writes.transaction(c, () => writes.deleteRoom(c, request.id)));
    case 'append':
      // One statement, its own transaction (see ledestjerne_append).
      return writer.use((c) => writes.appendUpdates(c, request.records, request.fence));
    case 'compact':
      return writer.use((c) =>
        writes.transaction(c, () =>
          writes.compact(c, request.room, request.doc, request.snapshot, request.uptoSeq, request.fence),
        ),
      );
    case 'claim':
      return writer.use((c) => writes.claimRoom(c, request.room, request.owner, request.leaseMs));
    case 'release':
      return writer.use((c) => writes.releaseRooms(c, request.rooms, request.tokens));
    case 'registerNode':
      return writer.use((c) => heartbeat(c, request.node, request.url));
    case 'deregisterNode':
      return writer.use((c) => deregister(c, request.node));
  }
}

/** Renewals have their own connection, so a backlog of commits cannot make a live server miss its lease. */
async function lease(request: LeaseRequest): Promise<unknown> {
  return leases.use(async (c) => {
    if (request.node) await heartbeat(c, request.node.id, request.node.url);
    return request.rooms.length > 0 ? writes.renewLeases(c, request.rooms, request.tokens, request.leaseMs) : [];
  });
}

/** Writes one after another, in the order posted; reads one after another beside them, and renewals too. */
let writeChain: Promise<void> = Promise.resolve();
let reads: Promise<void> = Promise.resolve();
let renewals: Promise<void> = Promise.resolve();

port.on('message', (envelope: Envelope) => {
  const task = async () => {
    let reply: Reply;
    try {
      const value =
        envelope.kind === 'read'
          ? await reader.use((c) => read(c, envelope.request), true)
          : envelope.kind === 'lease'
            ? await lease(envelope.request)
            : await write(envelope.request);
      reply = { id: envelope.id, error: null, value };
    } catch (error) {
      const code = error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : null;
      reply = { id: envelope.id, error: message(error), code, value: null };
    }
    (envelope.blocking ? answers : replies).postMessage(reply);
    Atomics.add(signal, 0, 1);
    Atomics.notify(signal, 0);
    if (envelope.kind === 'write' && envelope.request.op === 'close') {
      answers.close();
      replies.close();
      port.close();
    }
  };
  if (envelope.kind === 'read') reads = reads.then(task);
  else if (envelope.kind === 'lease') renewals = renewals.then(task);
  else writeChain = writeChain.then(task);
});
