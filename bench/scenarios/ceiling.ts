/**
 * The server's own ceiling: one room of N clients, each writing one vote a
 * second as its own seat, N growing, the servers alternating at every N (and
 * their order turning round from one N to the next, so the machine's drift
 * falls on all of them), until a server's p95 passes the limit.
 *
 * The receivers must cost the client core far less than the server spends on
 * them, or the search finds the client core's ceiling instead. The default
 * kind, `raw` (clients/raw-wire-client.ts), reads the server's frames off its
 * TCP socket and scans the edit markers in place; `wire` (ProtoClient without
 * applying updates) costs a `ws` message event per frame and is kept to
 * compare. Each step reports both sides' load beside the latency, and the
 * bound at the failing step says which side ran out.
 */
import type { ClientPool } from '../lib/client-pool.ts';
import type { Plan } from '../lib/plan.ts';
import type { RunningServer } from '../lib/servers.ts';
import { round } from '../lib/stats.ts';
import { editRun } from './sync.ts';

/** The receivers of the ceiling search (see the module comment). */
export const CEILING_CLIENTS = ['raw', 'wire'] as const;
export type CeilingClient = (typeof CEILING_CLIENTS)[number];

export type CeilingStep = {
  clients: number;
  /** Edits the room's clients sent per second while recording. */
  updatesPerSec: number;
  p50: number;
  p95: number;
  unfinished: number;
  /**
   * The server process's CPU, % of its one core: every thread, so on ours the
   * storage worker (SQLite commits) and V8's helper threads are in it.
   */
  serverCpuPercent: number;
  /** The server's main thread (its event loop) alone. */
  serverMainThreadCpuPercent: number | null;
  /** Update messages one client received per second. */
  messagesPerClientPerSec: number | null;
  /** Event-loop utilisation of each client thread (waiting for a core while busy counts as busy). */
  clientBusyByThread: number[];
  /** Each client thread's own CPU as a share of one core. */
  clientCpuByThread: number[];
  /**
   * Client-thread CPU per message received (µs): the threads' CPU time over
   * the messages all receivers got, sending the edits included. What one more
   * message costs the client side, to set beside the server's CPU.
   */
  clientMicrosPerMessage: number | null;
  clientMaxStallMs: number;
  /** fdatasync p95 of a probe beside the server's data while the step ran. */
  flushP95: number;
  /** Share of the step's time in which some task on the machine waited for a CPU (other work, or the two sides). */
  machineCpuStallPercent: number | null;
};

export type CeilingBound = 'client threads' | 'server core' | 'both' | 'neither';

export type Ceiling = {
  clientKind: CeilingClient;
  /** Updates a second of the last step within the limit (0: none). */
  updatesPerSec: number;
  /** The first step over the limit, and what ran out there; null when every step passed. */
  brokeAt: number | null;
  bound: CeilingBound | null;
  steps: CeilingStep[];
};

/** A core counts as saturated from this share of its time (a client thread's event loop, or the server's CPU). */
const SATURATED = 0.9;

export async function ceilingSearch(
  servers: RunningServer[],
  pool: ClientPool,
  plan: Plan,
  options: { steps: number[]; clientKind: CeilingClient },
  log: (message: string) => void,
): Promise<Map<RunningServer, Ceiling>> {
  const b = plan.bigRoom;
  const found = new Map<RunningServer, Ceiling>(
    servers.map((s) => [s, { clientKind: options.clientKind, updatesPerSec: 0, brokeAt: null, bound: null, steps: [] }]),
  );
  for (const [index, n] of options.steps.entries()) {
    const running = servers.filter((s) => found.get(s)!.brokeAt === null);
    if (running.length === 0) break;
    for (const server of index % 2 === 0 ? running : running.reverse()) {
      const r = await editRun(
        server,
        pool,
        { rooms: 1, perRoom: n, kind: options.clientKind, warmupMs: b.warmupMs, durationMs: b.stepMs, graceMs: b.graceMs },
        'vote',
      );
      const step: CeilingStep = {
        clients: n,
        updatesPerSec: round(r.edits / (b.stepMs / 1000), 1),
        p50: r.p50,
        p95: r.p95,
        unfinished: r.unfinished,
        serverCpuPercent: r.server.cpuPercent,
        serverMainThreadCpuPercent: r.server.mainThreadCpuPercent,
        messagesPerClientPerSec: r.messagesPerClientPerSec,
        clientBusyByThread: r.clientBusyByThread,
        clientCpuByThread: r.clientCpuByThread,
        clientMicrosPerMessage: microsPerMessage(r.clientCpuByThread, r.messagesPerClientPerSec, n),
        clientMaxStallMs: r.clientMaxStallMs,
        flushP95: r.diskFlush.p95,
        machineCpuStallPercent: r.server.cpuStallPercent,
      };
      const ceiling = found.get(server)!;
      ceiling.steps.push(step);
      log(
        `  ceiling (${options.clientKind}), ${server.label}, N=${n}: ${step.updatesPerSec} updates/s, ` +
          `p50 ${step.p50} / p95 ${step.p95} ms, server CPU ${step.serverCpuPercent}% ` +
          `(main thread ${step.serverMainThreadCpuPercent}%), client threads busy ${step.clientBusyByThread.join('/')} ` +
          `(CPU ${step.clientCpuByThread.join('/')}, stall ≤ ${step.clientMaxStallMs} ms, ` +
          `${step.clientMicrosPerMessage} µs/msg), ` +
          `${step.messagesPerClientPerSec} msgs/client/s, ` +
          `flush p95 ${step.flushP95} ms, machine CPU stall ${step.machineCpuStallPercent}%`,
      );
      if (step.p95 <= b.p95LimitMs && step.unfinished === 0) {
        ceiling.updatesPerSec = step.updatesPerSec;
        continue;
      }
      ceiling.brokeAt = n;
      ceiling.bound = boundOf(step, b.p95LimitMs);
    }
  }
  return found;
}

function microsPerMessage(cpuByThread: number[], perClientPerSec: number | null, clients: number): number | null {
  if (!perClientPerSec) return null;
  const cpuSecondsPerSec = cpuByThread.reduce((sum, c) => sum + c, 0);
  return round((cpuSecondsPerSec * 1e6) / (perClientPerSec * clients), 2);
}

/**
 * What ran out at a failing step. A client loop that stalled as long as the
 * limit could not see edits in time, whatever its utilisation says: a thread
 * waiting for a CPU while idle counts as idle.
 */
export function boundOf(step: CeilingStep, limitMs: number): CeilingBound {
  const clients = Math.max(...step.clientBusyByThread) >= SATURATED || step.clientMaxStallMs >= limitMs;
  const server = step.serverCpuPercent >= SATURATED * 100;
  return clients && server ? 'both' : server ? 'server core' : clients ? 'client threads' : 'neither';
}
