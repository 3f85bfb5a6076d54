/**
 * Issue 13's latency target, judged in one run: our p95 is at most the
 * reference server's p95 plus the p95 of a disk flush measured beside ours.
 * The reference keeps nothing; ours stores every edit (one fsync) before
 * anyone is sent it, so a flush is the least a durable edit can cost more.
 * Checked in the workshop, the many-rooms load and a room of 250 writers.
 */
import type { ClientPool } from '../lib/client-pool.ts';
import type { Plan } from '../lib/plan.ts';
import type { RunningServer } from '../lib/servers.ts';
import { median, round } from '../lib/stats.ts';
import { editRun, type LatencyResult } from './sync.ts';

/** The big room of the target: 250 light writers, one vote each per second. */
export const TARGET_WRITERS = 250;

export const TARGET_SCENARIOS = ['workshop', 'manyRooms', 'writers250'] as const;
export type TargetScenario = (typeof TARGET_SCENARIOS)[number];

export type LatencyTarget = {
  /** Runs per side; with several, each figure is the median of its runs. */
  rounds: number;
  oursP95: number;
  referenceP95: number;
  /** The disk probe's p95 flush while ours ran (probe in our data directory). */
  flushP95: number;
  /** referenceP95 + flushP95. */
  targetMs: number;
  pass: boolean;
  oursP95s: number[];
  referenceP95s: number[];
  flushP95s: number[];
  /** Beside ours' runs: its CPU (% of one core), the messages each client received a second (fan-out), the busiest client thread. */
  oursCpuPercent: number[];
  oursMessagesPerClientPerSec: (number | null)[];
  oursClientBusy: number[];
};

export function latencyTarget(ours: readonly LatencyResult[], reference: readonly LatencyResult[]): LatencyTarget {
  const oursP95s = ours.map((r) => r.p95);
  const referenceP95s = reference.map((r) => r.p95);
  const flushP95s = ours.map((r) => r.diskFlush.p95);
  const oursP95 = round(median(oursP95s));
  const referenceP95 = round(median(referenceP95s));
  const flushP95 = round(median(flushP95s));
  const targetMs = round(referenceP95 + flushP95);
  return {
    rounds: Math.min(ours.length, reference.length),
    oursP95,
    referenceP95,
    flushP95,
    targetMs,
    pass: oursP95 <= targetMs,
    oursP95s,
    referenceP95s,
    flushP95s,
    oursCpuPercent: ours.map((r) => r.server.cpuPercent),
    oursMessagesPerClientPerSec: ours.map((r) => r.messagesPerClientPerSec),
    oursClientBusy: ours.map((r) => r.clientBusy),
  };
}

/**
 * One room of TARGET_WRITERS clients, one vote each per second, as long as a
 * big-room step. The receivers are wire-level (they read the edit markers as
 * the messages arrive and do not apply them): 250 full Yjs replicas that each
 * apply 250 updates a second are more than one client core can run (the
 * reference's p95 went to 20 s that way), and the target is about the servers.
 */
export function writers250(server: RunningServer, pool: ClientPool, plan: Plan): Promise<LatencyResult> {
  const b = plan.bigRoom;
  return editRun(
    server,
    pool,
    { rooms: 1, perRoom: TARGET_WRITERS, kind: 'wire', warmupMs: b.warmupMs, durationMs: b.stepMs, graceMs: b.graceMs },
    'vote',
  );
}

export function targetLine(name: string, t: LatencyTarget): string {
  return (
    `  ${t.pass ? 'PASS' : 'FAIL'}  ${name} p95: ours ${t.oursP95} ms vs reference ${t.referenceP95} + flush ${t.flushP95}` +
    ` = ${t.targetMs} ms${t.rounds > 1 ? ` (median of ${t.rounds} rounds)` : ''}`
  );
}

/** The three targets of one run, when it ran all three scenarios on both servers. */
export function targetsOfRun(
  ours: Partial<Record<TargetScenario, LatencyResult>>,
  reference: Partial<Record<TargetScenario, LatencyResult>>,
): Record<TargetScenario, LatencyTarget> | null {
  const entries = TARGET_SCENARIOS.map((s) => {
    const o = ours[s];
    const r = reference[s];
    return o && r ? ([s, latencyTarget([o], [r])] as const) : null;
  });
  return entries.every((e) => e !== null) ? (Object.fromEntries(entries) as Record<TargetScenario, LatencyTarget>) : null;
}
