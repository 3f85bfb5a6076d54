/**
 * The sync scenarios, run the same way against either server. Each returns
 * plain numbers (JSON-ready); latencies are per edit, until every other
 * client of the room has applied it (see clients/edits.ts).
 */
import { stepOf, type EditKind } from '../clients/edits.ts';
import type { ClientKind } from '../clients/edit-group.ts';
import type { ClientPool } from '../lib/client-pool.ts';
import { startDiskProbe } from '../lib/disk-probe.ts';
import type { Plan } from '../lib/plan.ts';
import { heapAfterGc } from '../lib/inspector.ts';
import { measureProcess, rssBytes, type Usage } from '../lib/proc.ts';
import type { RunningServer } from '../lib/servers.ts';
import { median, round, summarize, type Summary } from '../lib/stats.ts';

export type LatencyResult = Summary & {
  clients: number;
  rooms: number;
  edits: number;
  /** Edits not applied everywhere by the end of the grace period (counted in the percentiles with their wait so far). */
  unfinished: number;
  /** Busy share of the busiest client thread's event loop (1 = a client core was the bottleneck). */
  clientBusy: number;
  /** Client worker threads the clients were spread over, and each one's busy share. */
  clientThreads: number;
  clientBusyByThread: number[];
  /** Each client thread's own CPU as a share of one core (time waiting for a core not counted). */
  clientCpuByThread: number[];
  /** Update messages each client received per second (light clients; null for providers). */
  messagesPerClientPerSec: number | null;
  /** Longest event-loop stall of the client thread while recording. */
  clientMaxStallMs: number;
  /** The slowest edits: [ms after recording started, latency ms]; shows whether the tail is one stall or spread out. */
  slowest: [number, number][];
  server: Usage;
  /** fdatasync of a 4 KiB page in the server's data directory, probed every 50 ms during the run: how fast the disk flushed meanwhile. */
  diskFlush: Summary;
};

export type EditRun = {
  rooms: number;
  perRoom: number;
  kind: ClientKind;
  warmupMs: number;
  durationMs: number;
  graceMs: number;
};

export async function editRun(
  server: RunningServer,
  pool: ClientPool,
  run: EditRun,
  kind: EditKind,
): Promise<LatencyResult> {
  // Every client writes as its own seat on the step its edits belong to.
  const rooms = await Promise.all(Array.from({ length: run.rooms }, () => server.newRoom(stepOf(kind))));
  const seats = await Promise.all(rooms.map((room) => server.seats(room, run.perRoom)));
  const group = await pool.connect({ serverUrl: server.wsUrl, rooms, seats, perRoom: run.perRoom, kind: run.kind });
  try {
    // Beside the server's own data (the reference has none: the same temporary file system).
    const probe = startDiskProbe(server.dataDir ?? undefined);
    // A cluster's CPU and memory are those of all its processes (nodes, front door, database).
    const { result, usage } = await measureProcess(server.pids ?? server.pid, () =>
      pool.run(group, {
        kinds: [kind],
        periodMs: 1000,
        warmupMs: run.warmupMs,
        durationMs: run.durationMs,
        graceMs: run.graceMs,
      }),
    ).finally(() => probe.stop());
    const diskFlush = await probe.stop();
    const samples = [...result.latencies, ...result.unfinished];
    return {
      ...summarize(samples),
      clients: run.rooms * run.perRoom,
      rooms: run.rooms,
      edits: result.sent,
      unfinished: result.unfinished.length,
      clientBusy: round(result.clientBusy),
      clientThreads: result.clientBusyByThread.length,
      clientBusyByThread: result.clientBusyByThread,
      clientCpuByThread: result.clientCpuByThread,
      messagesPerClientPerSec: Number.isNaN(result.messagesPerClientPerSec)
        ? null
        : round(result.messagesPerClientPerSec, 1),
      clientMaxStallMs: round(result.clientMaxStallMs),
      slowest: result.slowest,
      server: usage,
      diskFlush,
    };
  } finally {
    await pool.close(group);
  }
}

/**
 * One room on the why-ladder, 30 real WebsocketProviders (with presence), each
 * writing an answer every second (participants vote on another step; the
 * vote-only scenarios below measure votes).
 */
export function workshop(server: RunningServer, pool: ClientPool, plan: Plan): Promise<LatencyResult> {
  const w = plan.workshop;
  return editRun(
    server,
    pool,
    {
      rooms: 1,
      perRoom: w.clients,
      kind: 'provider',
      warmupMs: w.warmupMs,
      durationMs: w.durationMs,
      graceMs: w.graceMs,
    },
    'answer',
  );
}

/** 50 rooms × 10 light clients, one vote per client per second. */
export function manyRooms(server: RunningServer, pool: ClientPool, plan: Plan): Promise<LatencyResult> {
  const m = plan.manyRooms;
  return editRun(
    server,
    pool,
    {
      rooms: m.rooms,
      perRoom: m.perRoom,
      kind: 'light',
      warmupMs: m.warmupMs,
      durationMs: m.durationMs,
      graceMs: m.graceMs,
    },
    'vote',
  );
}

export type BigRoomResult = {
  /** Largest N whose p95 stayed within the limit. */
  capacity: number;
  /** Why the search stopped: a step over the limit, the last step, or the time budget. */
  stoppedBy: 'limit' | 'steps' | 'time';
  /** What ran out at the failing step: the clients' core, the server's core, or neither (a stall or the disk). */
  bound: 'client core' | 'server core' | 'neither' | null;
  steps: LatencyResult[];
};

/** A core counts as the bottleneck from this share of its time (client event loop busy, or server CPU). */
const SATURATED = 0.9;

/**
 * One room, N light clients at one vote each per second; N steps up until
 * p95 passes the limit. In the full run a failing step is run once more
 * before the search stops, so one stall of a shared machine does not decide the capacity.
 */
export async function bigRoom(server: RunningServer, pool: ClientPool, plan: Plan): Promise<BigRoomResult> {
  const b = plan.bigRoom;
  const started = performance.now();
  const steps: LatencyResult[] = [];
  let capacity = 0;
  const runStep = async (n: number) => {
    const step = await editRun(
      server,
      pool,
      { rooms: 1, perRoom: n, kind: 'light', warmupMs: b.warmupMs, durationMs: b.stepMs, graceMs: b.graceMs },
      'vote',
    );
    steps.push(step);
    process.stderr.write(
      `  ${server.label} big room N=${n}: p95 ${step.p95} ms, server CPU ${step.server.cpuPercent}%, ` +
        `client busy ${step.clientBusy}, ${step.messagesPerClientPerSec} msgs/client/s\n`,
    );
    return step.p95 <= b.p95LimitMs && step.unfinished === 0;
  };
  for (const n of b.steps) {
    if (performance.now() - started > b.budgetMs) return { capacity, stoppedBy: 'time', bound: null, steps };
    if (!(await runStep(n)) && !(b.confirm && (await runStep(n)))) {
      const last = steps.at(-1)!;
      const bound =
        last.clientBusy >= SATURATED
          ? 'client core'
          : last.server.cpuPercent >= SATURATED * 100
            ? 'server core'
            : 'neither';
      return { capacity, stoppedBy: 'limit', bound, steps };
    }
    capacity = n;
  }
  return { capacity, stoppedBy: 'steps', bound: null, steps };
}

export type ColdJoinResult = {
  docBytes: number;
  answers: number;
  /** One new client, room in memory: until the state has arrived / until it is applied (median of runs). */
  fromMemoryReceivedMs: number;
  fromMemorySyncedMs: number;
  fromMemoryMaxReceivedMs: number;
  /** Same with the room only on disk (ours; the reference keeps everything in memory). */
  fromDiskReceivedMs: number | null;
  fromDiskSyncedMs: number | null;
  fromDiskMaxReceivedMs: number | null;
  /** 200 clients at once (room in memory): until every one has the whole state. */
  stormAllReceivedMs: number;
  stormReceived: Summary;
  /** Including applying 200 × 1 MB on the single client core (client-bound); null when only a sample applied it. */
  stormAllSyncedMs: number | null;
  stormFailed: number;
  server: Usage;
};

const UNLOAD_WAIT_MS = 15_000;
/** People writing the cold-join room's notes, each through its own seat. */
const SEED_PEOPLE = 40;

export async function coldJoin(server: RunningServer, pool: ClientPool, plan: Plan): Promise<ColdJoinResult> {
  const c = plan.coldJoin;
  const room = await server.newRoom('ladder');
  const seeded = await pool.call('seed', {
    serverUrl: server.wsUrl,
    room,
    targetBytes: c.targetBytes,
    seats: await server.seats(room, SEED_PEOPLE),
  });
  const joinOnce = () =>
    pool.call('join', { serverUrl: server.wsUrl, room, count: 1, deferApply: false, expectBytes: seeded.bytes });
  const { result, usage } = await measureProcess(server.pid, async () => {
    const memory = [];
    for (let i = 0; i < c.fromMemoryRuns; i++) memory.push(await joinOnce());
    const storm = await pool.call('join', {
      serverUrl: server.wsUrl,
      room,
      count: c.storm,
      deferApply: true,
      expectBytes: seeded.bytes,
      applyCount: c.stormApply,
    });
    return { memory, storm };
  });
  await pool.call('close', { group: seeded.group });
  let disk: Awaited<ReturnType<typeof joinOnce>>[] | null = null;
  if ((await server.liveRooms()) !== null) {
    disk = [];
    for (let i = 0; i < c.fromDiskRuns; i++) {
      await waitUnloaded(server);
      disk.push(await joinOnce());
    }
  }
  const first = (runs: { receivedMs: number[]; syncedMs: number[] }[], key: 'receivedMs' | 'syncedMs') =>
    runs.map((r) => r[key][0] ?? Number.NaN);
  const failed = [...result.memory, ...(disk ?? [])].reduce((sum, r) => sum + r.failed, 0);
  if (failed > 0) throw new Error(`${failed} single cold joins did not sync the whole document`);
  return {
    docBytes: seeded.bytes,
    answers: seeded.answers,
    fromMemoryReceivedMs: round(median(first(result.memory, 'receivedMs'))),
    fromMemorySyncedMs: round(median(first(result.memory, 'syncedMs'))),
    fromMemoryMaxReceivedMs: round(Math.max(...first(result.memory, 'receivedMs'))),
    fromDiskReceivedMs: disk ? round(median(first(disk, 'receivedMs'))) : null,
    fromDiskSyncedMs: disk ? round(median(first(disk, 'syncedMs'))) : null,
    fromDiskMaxReceivedMs: disk ? round(Math.max(...first(disk, 'receivedMs'))) : null,
    stormAllReceivedMs: round(result.storm.allReceivedMs),
    stormReceived: summarize(result.storm.receivedMs),
    stormAllSyncedMs: result.storm.allSyncedMs === null ? null : round(result.storm.allSyncedMs),
    stormFailed: result.storm.failed,
    server: usage,
  };
}

async function waitUnloaded(server: RunningServer): Promise<void> {
  const deadline = performance.now() + UNLOAD_WAIT_MS;
  while ((await server.liveRooms()) !== 0) {
    if (performance.now() > deadline) throw new Error('rooms did not leave memory (IDLE_UNLOAD_MS)');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export type IdleRoomsResult = {
  rooms: number;
  /** JavaScript heap per room after a full collection (the retained cost); null without an inspector. */
  kbPerRoom: number | null;
  /** RSS growth per room between a quarter and all of the rooms (includes garbage and heap growth steps). */
  rssKbPerRoom: number;
  heapAtQuarterMb: number | null;
  heapAtAllMb: number | null;
  rssAtAllMb: number;
};

/** Share of the rooms opened before the first reading; the slope to the second excludes fixed costs. */
const IDLE_FIRST_SHARE = 0.25;

/**
 * Memory per idle small room: rooms with one connected client and a few notes
 * each. Measured as a slope between a quarter and all of the rooms, so the
 * process's fixed size does not count: the JavaScript heap after a full
 * garbage collection (through the child's inspector), and RSS beside it.
 */
export async function idleRooms(server: RunningServer, pool: ClientPool, plan: Plan): Promise<IdleRoomsResult> {
  const i = plan.idleRooms;
  const settle = () => new Promise((resolve) => setTimeout(resolve, i.settleMs));
  const heap = async () => {
    const url = server.inspectorUrl();
    return url ? heapAfterGc(url) : null;
  };
  const rooms = await Promise.all(Array.from({ length: i.rooms }, () => server.newRoom('ladder')));
  const first = Math.round(i.rooms * IDLE_FIRST_SHARE);
  const groups: number[] = [];
  const open = async (batch: string[]) => {
    const seats = await Promise.all(batch.map((room) => server.seats(room, 1)));
    const { group } = await pool.call('connect', {
      serverUrl: server.wsUrl,
      rooms: batch,
      seats,
      perRoom: 1,
      kind: 'light',
    });
    await pool.call('touch', { group, edits: i.editsPerRoom, kind: 'answer' });
    groups.push(group);
  };
  await open(rooms.slice(0, first));
  await settle();
  const heapAtQuarter = await heap();
  const rssAtQuarter = rssBytes(server.pid);
  await open(rooms.slice(first));
  await settle();
  const heapAtAll = await heap();
  const rssAtAll = rssBytes(server.pid);
  for (const group of groups) await pool.call('close', { group });
  const MIB = 1024 * 1024;
  const added = i.rooms - first;
  return {
    rooms: i.rooms,
    kbPerRoom:
      heapAtAll !== null && heapAtQuarter !== null ? round((heapAtAll - heapAtQuarter) / 1024 / added, 1) : null,
    rssKbPerRoom: round((rssAtAll - rssAtQuarter) / 1024 / added, 1),
    heapAtQuarterMb: heapAtQuarter === null ? null : round(heapAtQuarter / MIB, 1),
    heapAtAllMb: heapAtAll === null ? null : round(heapAtAll / MIB, 1),
    rssAtAllMb: round(rssAtAll / MIB, 1),
  };
}
