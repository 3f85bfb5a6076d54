/**
 * The client side of the bench, in worker threads (pinned with the whole
 * bench process to the clients' cores), so that client work and the server
 * under test run on different cores. The main thread sends commands (see
 * `Commands`) and gets one answer per command; a group of editing clients
 * may be spread over several such threads (edit-group.ts, lib/client-pool.ts).
 */
import { parentPort } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { makeEdit, now, type EditKind } from './edits.ts';
import {
  connectGroup,
  runGroup,
  settleGroup,
  type ConnectArgs,
  type Group,
  type RunArgs,
  type RunResult,
  type SettleArgs,
} from './edit-group.ts';
import { DeliveryLedger, type LedgerExport } from './ledger.ts';
import { ProtoClient } from './proto-client.ts';
import { seedBoard } from './seed.ts';

export type { ClientKind } from './edit-group.ts';

export type Commands = {
  connect: { args: ConnectArgs; result: { group: number; clients: number; ms: number } };
  /** Fires the group's edits on the shared schedule; answers when the recording ends. */
  run: { args: RunArgs; result: RunResult };
  /** Waits for the receivers to have every sender's last edit, then hands over who had what when. */
  settle: { args: SettleArgs; result: { ledger: LedgerExport; end: number } };
  touch: { args: { group: number; edits: number; kind: EditKind }; result: { ms: number } };
  close: { args: { group: number }; result: null };
  seed: {
    /** `seats`: one per person writing the notes (sync params; empty on the reference). */
    args: { serverUrl: string; room: string; targetBytes: number; seats: Record<string, string>[] };
    result: { group: number; bytes: number; answers: number; updates: number };
  };
  join: {
    args: {
      serverUrl: string;
      room: string;
      count: number;
      deferApply: boolean;
      expectBytes: number;
      /** How many of the clients apply the state after the storm (default all); the rest only check its size. */
      applyCount?: number;
    };
    result: {
      receivedMs: number[];
      syncedMs: number[];
      allReceivedMs: number;
      /** Null when only a sample applied the state. */
      allSyncedMs: number | null;
      failed: number;
    };
  };
};
export type Command = keyof Commands;

// Every WebsocketProvider adds a process 'exit' listener; hundreds are expected here.
process.setMaxListeners(0);

const groups = new Map<number, Group>();
let nextGroup = 1;
/** A joiner must receive at least this share of the seeded state's size (encodings differ slightly). */
const MIN_STATE_SHARE = 0.9;

async function connect(args: Commands['connect']['args']): Promise<Commands['connect']['result']> {
  const t0 = performance.now();
  const group = await connectGroup(args);
  const id = nextGroup++;
  groups.set(id, group);
  return { group: id, clients: group.members.length, ms: performance.now() - t0 };
}

/** A few edits from every client, unmeasured: gives each room a small document. */
async function touch(args: Commands['touch']['args']): Promise<Commands['touch']['result']> {
  const t0 = performance.now();
  const group = mustGroup(args.group);
  for (let e = 0; e < args.edits; e++) {
    for (const member of group.members) {
      const seq = ++member.seq;
      member.client.write(() => makeEdit(member.client.board, args.kind, member.key, member.authorId, seq, now()));
    }
    await sleep(0);
  }
  return { ms: performance.now() - t0 };
}

async function close(args: Commands['close']['args']): Promise<null> {
  const group = groups.get(args.group);
  if (!group) return null;
  for (const m of group.members) m.client.close();
  groups.delete(args.group);
  await sleep(50);
  return null;
}

/**
 * Fills a room with ~targetBytes of notes, each person through its own seat
 * and connection, and keeps the writers connected, so the room stays in memory.
 */
async function seed(args: Commands['seed']['args']): Promise<Commands['seed']['result']> {
  const writers = args.seats.map((params) => new ProtoClient(args.serverUrl, args.room, { params }));
  await Promise.all(writers.map((w) => w.synced));
  const people = writers.map((writer, i) => ({
    board: writer.board,
    authorId: args.seats[i]?.seat ?? `person-${i}`,
    write: (change: () => void) => writer.write(change),
  }));
  const { answers, updates, doc } = await seedBoard(people, args.targetBytes);
  const bytes = Y.encodeStateAsUpdate(doc).byteLength;
  // A fresh client sees the whole document only once the server has it (and, on ours, has stored it).
  for (;;) {
    const probe = new ProtoClient(args.serverUrl, args.room);
    await probe.synced;
    const complete = probe.board.ladderAnswers('ladder').length >= answers;
    probe.close();
    if (complete) break;
    await sleep(50);
  }
  const id = nextGroup++;
  const members = writers.map((client, i) => ({ client, key: `seed${i}`, room: 0, slot: i, authorId: '', seq: 0 }));
  groups.set(id, { members, ledger: new DeliveryLedger() });
  return { group: id, bytes, answers, updates };
}

/**
 * `count` clients connect at the same moment; each time is from its own
 * connect call. With `deferApply` the 1 MB state is applied only after all
 * have received it, so the figure measures the server, not the client's core.
 */
async function join(args: Commands['join']['args']): Promise<Commands['join']['result']> {
  const clients = Array.from(
    { length: args.count },
    () => new ProtoClient(args.serverUrl, args.room, { deferApply: args.deferApply }),
  );
  const outcomes = await Promise.allSettled(clients.map((c) => c.received));
  const applying = clients.slice(0, args.applyCount ?? clients.length);
  for (const c of applying) c.applyDeferred();
  await Promise.allSettled(applying.map((c) => c.synced));
  const ok = clients.filter((c, i) => outcomes[i]?.status === 'fulfilled' && c.receivedAt > 0);
  const failed =
    clients.length - ok.length + ok.filter((c) => c.stateBytes < args.expectBytes * MIN_STATE_SHARE).length;
  const applied = applying.filter((c) => c.syncedAt > 0);
  const firstStart = Math.min(...clients.map((c) => c.startedAt));
  const result = {
    receivedMs: ok.map((c) => c.receivedAt - c.startedAt),
    syncedMs: applied.map((c) => c.syncedAt - c.startedAt),
    allReceivedMs: Math.max(...ok.map((c) => c.receivedAt)) - firstStart,
    allSyncedMs: applying.length === clients.length ? Math.max(...applied.map((c) => c.syncedAt)) - firstStart : null,
    failed: failed + (applying.length - applied.length),
  };
  for (const c of clients) c.close();
  await sleep(50);
  return result;
}

function mustGroup(id: number): Group {
  const group = groups.get(id);
  if (!group) throw new Error(`no client group ${id}`);
  return group;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const handlers: { [C in Command]: (args: Commands[C]['args']) => Promise<Commands[C]['result']> } = {
  connect,
  run: (args) => runGroup(mustGroup(args.group), args),
  settle: (args) => settleGroup(mustGroup(args.group), args),
  touch,
  close,
  seed,
  join,
};

parentPort?.on('message', (message: { id: number; command: Command; args: never }) => {
  const handler = handlers[message.command] as (args: unknown) => Promise<unknown>;
  handler(message.args).then(
    (result) => parentPort?.postMessage({ id: message.id, result }),
    (error: unknown) =>
      parentPort?.postMessage({ id: message.id, error: error instanceof Error ? error.stack : String(error) }),
  );
});
