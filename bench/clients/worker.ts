/**
 * The client side of the bench, in its own worker thread (pinned with the
 * whole bench process to the clients' core), so that client work and the
 * server under test run on different cores. The main thread sends commands
 * (see `Commands`) and gets one answer per command.
 */
import { parentPort } from 'node:worker_threads';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { makeEdit, now, observeEdits, RoomTracker, type EditKind } from './edits.ts';
import { ProtoClient } from './proto-client.ts';
import { ProviderClient } from './provider-client.ts';
import { seatsFor } from './seats.ts';
import { seedBoard } from './seed.ts';

type Client = ProtoClient | ProviderClient;
type Member = { client: Client; key: string; tracker: RoomTracker; seq: number };
type Group = { members: Member[]; trackers: RoomTracker[] };

export type ClientKind = 'light' | 'provider';

export type Commands = {
  connect: {
    args: { serverUrl: string; rooms: string[]; perRoom: number; kind: ClientKind; batch?: number };
    result: { group: number; clients: number; ms: number };
  };
  run: {
    args: { group: number; kinds: EditKind[]; periodMs: number; warmupMs: number; durationMs: number; graceMs: number };
    result: {
      latencies: number[];
      unfinished: number[];
      sent: number;
      clientBusy: number;
      /** Update messages one client received per second while recording (light clients only). */
      messagesPerClientPerSec: number;
      /** Longest stall of the client thread's event loop while recording (GC, or the core taken by something else). */
      clientMaxStallMs: number;
      /** The slowest edits: [ms after the recording started, latency ms]. */
      slowest: [number, number][];
    };
  };
  touch: { args: { group: number; edits: number }; result: { ms: number } };
  close: { args: { group: number }; result: null };
  seed: {
    args: { serverUrl: string; room: string; targetBytes: number };
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
let nextClient = 1;
const CONNECT_BATCH = 50;
const SCHEDULER_SLACK_MS = 1;
/** A joiner must receive at least this share of the seeded state's size (encodings differ slightly). */
const MIN_STATE_SHARE = 0.9;

async function connect(args: Commands['connect']['args']): Promise<Commands['connect']['result']> {
  const t0 = performance.now();
  const group: Group = { members: [], trackers: [] };
  const batch = args.batch ?? CONNECT_BATCH;
  for (const room of args.rooms) {
    const tracker = new RoomTracker(args.perRoom - 1);
    group.trackers.push(tracker);
    // Every client writes, so each holds a seat, as a browser does.
    const seats = await seatsFor(args.serverUrl, room, args.perRoom);
    for (let i = 0; i < args.perRoom; i += batch) {
      const created: Member[] = [];
      for (let j = i; j < Math.min(args.perRoom, i + batch); j++) {
        const key = `c${nextClient++}`;
        const client =
          args.kind === 'provider'
            ? new ProviderClient(args.serverUrl, room, key, seats[j])
            : new ProtoClient(args.serverUrl, room, { seat: seats[j] });
        observeEdits(client.board, key, tracker);
        created.push({ client, key, tracker, seq: 0 });
      }
      await Promise.all(created.map((m) => m.client.synced));
      group.members.push(...created);
    }
  }
  const id = nextGroup++;
  groups.set(id, group);
  return { group: id, clients: group.members.length, ms: performance.now() - t0 };
}

/**
 * Every client edits once per `periodMs`, the clients' turns spread evenly
 * over the period. Edits in the warm-up are not recorded.
 */
async function run(args: Commands['run']['args']): Promise<Commands['run']['result']> {
  const group = mustGroup(args.group);
  const { members } = group;
  for (const t of group.trackers) t.reset();
  const interval = args.periodMs / members.length;
  const start = now();
  const recordFrom = start + args.warmupMs;
  const stopAt = recordFrom + args.durationMs;
  let fired = 0;
  let recording = false;
  let elu0 = performance.eventLoopUtilization();
  let received0 = 0;
  const receivedNow = () => members.reduce((sum, m) => sum + m.client.updatesReceived, 0);
  const stalls = monitorEventLoopDelay({ resolution: 10 });
  await new Promise<void>((resolve) => {
    const tick = () => {
      let t = now();
      while (t >= start + fired * interval && t < stopAt) {
        if (!recording && t >= recordFrom) {
          recording = true;
          elu0 = performance.eventLoopUtilization();
          received0 = receivedNow();
          stalls.enable();
          for (const tr of group.trackers) tr.recording = true;
        }
        const member = members[fired % members.length]!;
        const seq = ++member.seq;
        member.tracker.sent(member.key, seq, t);
        const kind = args.kinds[seq % args.kinds.length]!;
        member.client.write(() => makeEdit(member.client.board, kind, member.key, seq, t));
        fired++;
        t = now();
      }
      if (t >= stopAt) return resolve();
      setTimeout(tick, Math.max(0, start + fired * interval - t - SCHEDULER_SLACK_MS));
    };
    tick();
  });
  for (const t of group.trackers) t.recording = false;
  stalls.disable();
  const elu = performance.eventLoopUtilization(elu0);
  const messagesPerClientPerSec = (receivedNow() - received0) / members.length / (args.durationMs / 1000);
  const graceUntil = now() + args.graceMs;
  while (now() < graceUntil && group.trackers.some((t) => t.unfinished(now()).length > 0)) {
    await sleep(10);
  }
  const end = now();
  return {
    latencies: group.trackers.flatMap((t) => t.latencies),
    unfinished: group.trackers.flatMap((t) => t.unfinished(end)),
    sent: group.trackers.reduce((sum, t) => sum + t.sentRecorded, 0),
    clientBusy: elu.utilization,
    messagesPerClientPerSec,
    clientMaxStallMs: stalls.max / 1e6,
    slowest: slowest(group.trackers, recordFrom),
  };
}

/** A few edits from every client, unmeasured: gives each room a small document. */
async function touch(args: Commands['touch']['args']): Promise<Commands['touch']['result']> {
  const t0 = performance.now();
  const group = mustGroup(args.group);
  for (let e = 0; e < args.edits; e++) {
    for (const member of group.members) {
      const seq = ++member.seq;
      member.client.write(() =>
        makeEdit(member.client.board, seq % 2 === 0 ? 'vote' : 'answer', member.key, seq, now()),
      );
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

/** Fills a room with ~targetBytes of notes and keeps the writer connected, so the room stays in memory. */
async function seed(args: Commands['seed']['args']): Promise<Commands['seed']['result']> {
  const [seat] = await seatsFor(args.serverUrl, args.room, 1);
  const writer = new ProtoClient(args.serverUrl, args.room, { seat });
  await writer.synced;
  let updates = 0;
  writer.doc.on('update', () => updates++);
  const answers = await seedBoard(writer.board, args.targetBytes, (change) => writer.write(change));
  const bytes = Y.encodeStateAsUpdate(writer.doc).byteLength;
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
  groups.set(id, { members: [{ client: writer, key: 'seed', tracker: new RoomTracker(0), seq: 0 }], trackers: [] });
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

const SLOWEST = 10;

function slowest(trackers: RoomTracker[], from: number): [number, number][] {
  const pairs = trackers.flatMap((t) => t.latencies.map((l, i): [number, number] => [(t.sentTimes[i] ?? 0) - from, l]));
  return pairs
    .sort((a, b) => b[1] - a[1])
    .slice(0, SLOWEST)
    .map(([at, l]) => [Math.round(at), Math.round(l * 10) / 10]);
}

function mustGroup(id: number): Group {
  const group = groups.get(id);
  if (!group) throw new Error(`no client group ${id}`);
  return group;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const handlers: { [C in Command]: (args: Commands[C]['args']) => Promise<Commands[C]['result']> } = {
  connect,
  run,
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
