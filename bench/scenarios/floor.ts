/**
 * Does a big room need a commit floor? Our server with big rooms committing
 * at most every BIG_ROOM_COMMIT_INTERVAL_MS and with that interval at 0 (only
 * the storage worker's own batching: one write in flight, the next takes all
 * that arrived meanwhile), beside the reference, in one run:
 *
 * 1. The three target scenarios (targets.ts), `rounds` times, the order of
 *    the servers turning round every round so the machine's drift falls on
 *    all of them; each figure is the median of its rounds.
 * 2. The server's own ceiling (ceiling.ts): one room of N clients that only
 *    read the edit markers, spread over the client threads, N growing, the
 *    servers alternating at every N, until a server's p95 passes the limit.
 *    Each step reports both sides' load beside it, so a step the clients
 *    could not keep up with shows as such.
 *
 * With no target scenarios (`--floor-scenarios=none`) only the ceiling runs.
 */
import type { ClientPool } from '../lib/client-pool.ts';
import type { Plan } from '../lib/plan.ts';
import { startOurs, type RunningServer } from '../lib/servers.ts';
import { ceilingSearch, type Ceiling, type CeilingClient } from './ceiling.ts';
import { manyRooms, workshop, type LatencyResult } from './sync.ts';
import {
  latencyTarget,
  TARGET_SCENARIOS,
  targetLine,
  writers250,
  type LatencyTarget,
  type TargetScenario,
} from './targets.ts';

export type FloorSide = { intervalMs: number | null; targets: Partial<Record<TargetScenario, LatencyTarget>>; ceiling: Ceiling };

export type FloorResult = {
  rounds: number;
  clientThreads: number;
  /** Keyed by server label: ours at each interval, and the reference (its `targets` judge it against itself). */
  sides: Record<string, FloorSide>;
  /** Median p95 per scenario and server, for the table. */
  p95: Partial<Record<TargetScenario, Record<string, number>>>;
};

export async function floorCompare(
  reference: RunningServer,
  pool: ClientPool,
  plan: Plan,
  options: {
    rounds: number;
    intervalsMs: number[];
    idleUnloadMs: number;
    ceilingSteps: number[];
    ceilingClient: CeilingClient;
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
    const ceilings = await ceilingSearch(
      servers,
      pool,
      plan,
      { steps: options.ceilingSteps, clientKind: options.ceilingClient },
      log,
    );
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
      log(`${label}:`);
      // The reference's targets are itself against itself; only its ceiling says something.
      if (side.intervalMs !== null) for (const [s, t] of Object.entries(side.targets)) log(targetLine(s, t));
      log(`  ceiling ${side.ceiling.updatesPerSec} updates/s (broke at N=${side.ceiling.brokeAt}, ${side.ceiling.bound})`);
    }
    return { rounds: options.rounds, clientThreads: pool.threads, sides, p95 };
  } finally {
    for (const o of ours) await o.server.stop();
  }
}
