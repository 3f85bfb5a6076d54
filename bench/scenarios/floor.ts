/**
 * Does a big room need a commit floor? Our server with big rooms committing
 * at most every BIG_ROOM_COMMIT_INTERVAL_MS and with that interval at 0 (only
 * the storage worker's own batching: one write in flight, the next takes all
 * that arrived meanwhile), beside the reference, in one run:
 *
 * 1. The three target scenarios (targets.ts), `rounds` times, the order of
 *    the servers turning round every round so the machine's drift falls on
 *    all of them; each figure is the median of its rounds.
 * 2. The server's own ceiling: one room of N wire-level clients (they read
 *    the edit markers and do not apply updates, spread over the client
 *    threads), N growing, the servers alternating at every N, until a
 *    server's p95 passes the limit. Each step reports the client threads'
 *    load beside it, so a step the clients could not keep up with shows as such.
 */
import type { ClientPool } from '../lib/client-pool.ts';
import type { Plan } from '../lib/plan.ts';
import { startOurs, type RunningServer } from '../lib/servers.ts';
import { round } from '../lib/stats.ts';
import { editRun, manyRooms, workshop, type LatencyResult } from './sync.ts';
import {
  latencyTarget,
  TARGET_SCENARIOS,
  targetLine,
  writers250,
  type LatencyTarget,
  type TargetScenario,
} from './targets.ts';

export type CeilingStep = {
  clients: number;
  /** Edits the room's clients sent per second while recording. */
  updatesPerSec: number;
  p50: number;
  p95: number;
  unfinished: number;
  serverCpuPercent: number;
  messagesPerClientPerSec: number | null;
  clientBusyByThread: number[];
  clientMaxStallMs: number;
  flushP95: number;
};

export type Ceiling = {
  /** Updates a second of the last step within the limit (0: none). */
  updatesPerSec: number;
  /** The first step over the limit, and what ran out there; null when every step passed. */
  brokeAt: number | null;
  bound: 'client threads' | 'server core' | 'neither' | null;
  steps: CeilingStep[];
};

export type FloorSide = { intervalMs: number | null; targets: Partial<Record<TargetScenario, LatencyTarget>>; ceiling: Ceiling };

export type FloorResult = {
  rounds: number;
  clientThreads: number;
  /** Keyed by server label: ours at each interval, and the reference (its `targets` judge it against itself). */
  sides: Record<string, FloorSide>;
  /** Median p95 per scenario and server, for the table. */
  p95: Partial<Record<TargetScenario, Record<string, number>>>;
};

/** A thread counts as saturated from this share of its time. */
const SATURATED = 0.9;

export async function floorCompare(
  reference: RunningServer,
  pool: ClientPool,
  plan: Plan,
  options: {
    rounds: number;
    intervalsMs: number[];
    idleUnloadMs: number;
    ceilingSteps: number[];
    /** Which of the target scenarios to run (all by default). */
    scenarios?: readonly TargetScenario[];
  },
  log: (message: string) => void,
): Promise<FloorResult> {
  const ours: { server: RunningServer; intervalMs: number }[] = [];
  try {
    for (const intervalMs of options.intervalsMs) {
      const server = await startOurs({
        storage: 'sqlite',
        idleUnloadMs: options.idleUnloadMs,
        label: `ours, interval ${intervalMs} ms`,
        env: { BIG_ROOM_COMMIT_INTERVAL_MS: String(intervalMs) },
      });
      ours.push({ server, intervalMs });
    }
    const servers = [...ours.map((o) => o.server), reference];
    const runs = new Map<RunningServer, Record<TargetScenario, LatencyResult[]>>(
      servers.map((s) => [s, { workshop: [], manyRooms: [], writers250: [] }]),
    );
    const scenarios = { workshop, manyRooms, writers250 } as const;
    for (let round = 0; round < options.rounds; round++) {
      const order = round % 2 === 0 ? servers : [...servers].reverse();
      for (const server of order) {
        for (const scenario of options.scenarios ?? TARGET_SCENARIOS) {
          const result = await scenarios[scenario](server, pool, plan);
          runs.get(server)![scenario].push(result);
          log(`  floor round ${round + 1}, ${server.label}, ${scenario}: p95 ${result.p95} ms, flush p95 ${result.diskFlush.p95} ms`);
        }
      }
    }
    const ceilings = await ceilingSearch(servers, pool, plan, options.ceilingSteps, log);
    const sides: Record<string, FloorSide> = {};
    const p95: Record<TargetScenario, Record<string, number>> = { workshop: {}, manyRooms: {}, writers250: {} };
    const referenceRuns = runs.get(reference)!;
    for (const server of servers) {
      const mine = runs.get(server)!;
      const targets = Object.fromEntries(
        (options.scenarios ?? TARGET_SCENARIOS).map((s) => [s, latencyTarget(mine[s], referenceRuns[s])]),
      ) as Partial<Record<TargetScenario, LatencyTarget>>;
      sides[server.label] = {
        intervalMs: ours.find((o) => o.server === server)?.intervalMs ?? null,
        targets,
        ceiling: ceilings.get(server)!,
      };
      for (const s of options.scenarios ?? TARGET_SCENARIOS) p95[s][server.label] = targets[s]!.oursP95;
    }
    for (const [label, side] of Object.entries(sides)) {
      if (side.intervalMs === null) continue;
      log(`${label}:`);
      for (const [s, t] of Object.entries(side.targets)) log(targetLine(s, t));
      log(`  ceiling ${side.ceiling.updatesPerSec} updates/s (broke at N=${side.ceiling.brokeAt}, ${side.ceiling.bound})`);
    }
    return { rounds: options.rounds, clientThreads: pool.threads, sides, p95 };
  } finally {
    for (const o of ours) await o.server.stop();
  }
}

async function ceilingSearch(
  servers: RunningServer[],
  pool: ClientPool,
  plan: Plan,
  steps: number[],
  log: (message: string) => void,
): Promise<Map<RunningServer, Ceiling>> {
  const b = plan.bigRoom;
  const found = new Map<RunningServer, Ceiling>(
    servers.map((s) => [s, { updatesPerSec: 0, brokeAt: null, bound: null, steps: [] }]),
  );
  for (const n of steps) {
    const running = servers.filter((s) => found.get(s)!.brokeAt === null);
    if (running.length === 0) break;
    for (const server of running) {
      const r = await editRun(
        server,
        pool,
        { rooms: 1, perRoom: n, kind: 'wire', warmupMs: b.warmupMs, durationMs: b.stepMs, graceMs: b.graceMs },
        'vote',
      );
      const step: CeilingStep = {
        clients: n,
        updatesPerSec: round(r.edits / (b.stepMs / 1000), 1),
        p50: r.p50,
        p95: r.p95,
        unfinished: r.unfinished,
        serverCpuPercent: r.server.cpuPercent,
        messagesPerClientPerSec: r.messagesPerClientPerSec,
        clientBusyByThread: r.clientBusyByThread,
        clientMaxStallMs: r.clientMaxStallMs,
        flushP95: r.diskFlush.p95,
      };
      const ceiling = found.get(server)!;
      ceiling.steps.push(step);
      log(
        `  ceiling, ${server.label}, N=${n}: ${step.updatesPerSec} updates/s, p95 ${step.p95} ms, ` +
          `server CPU ${step.serverCpuPercent}%, client threads busy ${step.clientBusyByThread.join('/')}`,
      );
      if (step.p95 <= b.p95LimitMs && step.unfinished === 0) {
        ceiling.updatesPerSec = step.updatesPerSec;
        continue;
      }
      ceiling.brokeAt = n;
      // A client loop that stalled as long as the limit could not see edits in time, whatever its utilisation
      // says: a thread waiting for a CPU while idle counts as idle.
      ceiling.bound =
        Math.max(...step.clientBusyByThread) >= SATURATED || step.clientMaxStallMs >= b.p95LimitMs
          ? 'client threads'
          : step.serverCpuPercent >= SATURATED * 100
            ? 'server core'
            : 'neither';
    }
  }
  return found;
}
