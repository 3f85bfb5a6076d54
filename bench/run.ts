/**
 * `npm run bench [-- --quick] [-- --only=workshop,bigRoom,...] [-- --profile] [-- --rules-baseline=<git ref> [-- --rules-rounds=N]]
 *   [-- --nodes=3 --storage=postgres]`
 *
 * With --nodes/--storage, the workshop and many-rooms scenarios also run
 * through that many of our servers on a throwaway PostgreSQL (behind HAProxy
 * when it is installed, bench/lib/cluster.ts), in the same run, alternating
 * with the others; their figures are under `cluster` in the JSON.
 *
 * Runs the same scenarios against our server and the reference y-websocket
 * server (each a child process pinned to core 0; the clients run in a worker
 * thread of this process, pinned to core 1), prints a table with PASS/FAIL
 * per target and, as the last line of stdout, one JSON object with every
 * figure. Results are saved under bench/results/. See docs/performance.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ClientPool } from './lib/client-pool.ts';
import { makePlan } from './lib/plan.ts';
import { summaryJson, table, type Results, type ServerResults } from './lib/report.ts';
import { coresOf, pinSelfToClientCore, ROOT, startOurs, startReference, type RunningServer } from './lib/servers.ts';
import { startCluster, type RunningCluster } from './lib/cluster.ts';
import { round } from './lib/stats.ts';
import { frontendBudget, overBudget } from './scenarios/frontend.ts';
import { rulesCost, type RulesCost } from './scenarios/rules-cost.ts';
import { fsyncCost } from './scenarios/fsync.ts';
import { floorOptionsFrom } from './lib/floor-options.ts';
import { floorCompare, type FloorResult } from './scenarios/floor.ts';
import { TARGET_SCENARIOS, targetLine, targetsOfRun, writers250 } from './scenarios/targets.ts';
import { bigRoom, coldJoin, idleRooms, manyRooms, workshop } from './scenarios/sync.ts';

/** Small, so the cold-join scenario can wait for a room to leave memory and load it from disk. */
const BENCH_IDLE_UNLOAD_MS = 500;
const SYNC_SCENARIOS = ['idleRooms', 'workshop', 'manyRooms', 'writers250', 'bigRoom', 'coldJoin'] as const;
type SyncScenario = (typeof SYNC_SCENARIOS)[number];
const OTHER_SCENARIOS = ['durability', 'frontend'] as const;

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const profile = args.includes('--profile');
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const wanted = (name: string) => !only || only.includes(name);
/** A commit before the rule table's checks: measure their cost against it (workshop and many rooms, p95). */
const rulesBaseline = args.find((a) => a.startsWith('--rules-baseline='))?.slice('--rules-baseline='.length);
// Alternating rounds; the median of more rounds lets less of a busy machine's drift through.
const rulesRounds = Number(args.find((a) => a.startsWith('--rules-rounds='))?.slice('--rules-rounds='.length) ?? 2);
if (!Number.isInteger(rulesRounds) || rulesRounds < 1)
  throw new Error('--rules-rounds must be a whole number of at least 1');
const nodes = Number(args.find((a) => a.startsWith('--nodes='))?.slice('--nodes='.length) ?? 0);
const clusterStorage = args.find((a) => a.startsWith('--storage='))?.slice('--storage='.length);
if (clusterStorage !== undefined && clusterStorage !== 'postgres') throw new Error('--storage takes postgres');
if (!Number.isInteger(nodes) || nodes < 0) throw new Error('--nodes must be a whole number');
/** The scenarios that also run through the cluster: the ones issue 14 asks for. */
const CLUSTER_SCENARIOS: readonly SyncScenario[] = ['workshop', 'manyRooms'];
const clusterWanted = nodes > 0 || clusterStorage !== undefined;

/** Client worker threads; default one per core the clients get (all but the server's). */
const clientThreadsArg = args.find((a) => a.startsWith('--client-threads='))?.slice('--client-threads='.length);
const clientThreads =
  clientThreadsArg === undefined ? Math.max(1, os.availableParallelism() - 1) : Number(clientThreadsArg);
if (!Number.isInteger(clientThreads) || clientThreads < 1)
  throw new Error('--client-threads must be a whole number of at least 1');

const floorOptions = floorOptionsFrom(args, quick);

const log = (message: string) => process.stderr.write(`${message}\n`);

async function main(): Promise<void> {
  const started = Date.now();
  const plan = makePlan(quick);
  // Counted before pinning: afterwards this process sees only the clients' core.
  const nproc = os.availableParallelism();
  const pinned = pinSelfToClientCore();
  const machine = {
    nproc,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    node: process.version,
    pinned,
    /** The cores the servers and the clients may run on, read from /proc: what `pinned` promises, checked. */
    serverCores: null as string | null,
    clientCores: coresOf(process.pid),
    clientThreads,
    loadAvgStart: os.loadavg().map((l) => round(l)),
    loadAvgEnd: [] as number[],
    cpuPressureStart: pressure('cpu'),
    cpuPressureEnd: null as number | null,
    ioPressureStart: pressure('io'),
    ioPressureEnd: null as number | null,
  };
  log(
    `bench (${quick ? 'quick' : 'full'}) on ${machine.nproc} × ${machine.cpu}, Node ${machine.node}, pinned: ${pinned}`,
  );
  const profileDir = path.join(ROOT, 'bench', 'results', 'profiles');
  if (profile) fs.mkdirSync(profileDir, { recursive: true });

  const pool = new ClientPool(clientThreads);
  const ours = await startOurs({
    storage: 'sqlite',
    idleUnloadMs: BENCH_IDLE_UNLOAD_MS,
    ...(profile ? { nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] } : {}),
  });
  const reference = await startReference();
  machine.serverCores = coresOf(reference.pid);
  log(`servers on core(s) ${machine.serverCores}, clients on ${machine.clientCores}`);
  const cluster: RunningCluster | null = clusterWanted
    ? await startCluster({ nodes: Math.max(nodes, 1), storage: 'postgres', idleUnloadMs: BENCH_IDLE_UNLOAD_MS })
    : null;
  if (cluster) log(`cluster: ${cluster.label} at ${cluster.setup.frontDoor}`);
  const clusterResults: Partial<Pick<ServerResults, 'workshop' | 'manyRooms'>> = {};
  const results: Partial<Record<'ours' | 'reference', Partial<ServerResults>>> = { ours: {}, reference: {} };
  const extra: Partial<Pick<Results, 'durability' | 'frontend'>> = {};
  let rules: RulesCost | undefined;
  let floor: FloorResult | undefined;
  try {
    for (const scenario of SYNC_SCENARIOS) {
      if (!wanted(scenario)) continue;
      // Alternating servers per scenario spreads any drift in the machine's background load over both.
      const servers = cluster && CLUSTER_SCENARIOS.includes(scenario) ? [ours, cluster, reference] : [ours, reference];
      for (const server of servers) {
        log(`${scenario}: ${server.label}`);
        const t0 = performance.now();
        const value = await runScenario(scenario, server, pool, plan);
        if (server === cluster) (clusterResults as Record<string, unknown>)[scenario] = value;
        else (results[server.kind] as Record<string, unknown>)[scenario] = value;
        log(`  done in ${round((performance.now() - t0) / 1000, 1)} s: ${brief(value)}`);
      }
    }
    if (wanted('durability')) {
      log('durability: ours with STORAGE=memory');
      const memoryServer = await startOurs({ storage: 'memory', idleUnloadMs: BENCH_IDLE_UNLOAD_MS });
      try {
        const memory = await workshop(memoryServer, pool, plan);
        const durable = results.ours?.workshop ?? (await workshop(ours, pool, plan));
        log('durability: fsync cost of one group commit');
        const fsync = fsyncCost(plan.fsync.appends);
        extra.durability = { durable, memory, p95CostMs: round(durable.p95 - memory.p95), fsync };
      } finally {
        await memoryServer.stop();
      }
    }
    if (rulesBaseline) {
      log(`rules: the cost of the rule table against ${rulesBaseline}`);
      rules = await rulesCost(rulesBaseline, rulesRounds, ours, pool, plan, BENCH_IDLE_UNLOAD_MS, log);
      log(`  ${JSON.stringify(rules)}`);
    }
    if (only?.includes('floor')) {
      log(`floor: ours at BIG_ROOM_COMMIT_INTERVAL_MS ${floorOptions.intervalsMs.join(' and ')} beside the reference`);
      floor = await floorCompare(reference, pool, plan, { ...floorOptions, idleUnloadMs: BENCH_IDLE_UNLOAD_MS }, log);
    }
    if (wanted('frontend')) {
      log('frontend: JavaScript of the participant, projector and console pages');
      extra.frontend = await frontendBudget();
      const pages = Object.values(extra.frontend).map((p) => `${p.page} ${p.initialGzipKb} KB (budget ${p.budgetKb})`);
      log(`  ${pages.join(', ')}`);
      for (const over of overBudget(extra.frontend)) log(`  FAIL: ${over}`);
    }
  } finally {
    await ours.stop();
    await reference.stop();
    await cluster?.stop();
    await pool.stop();
  }
  machine.loadAvgEnd = os.loadavg().map((l) => round(l));
  machine.cpuPressureEnd = pressure('cpu');
  machine.ioPressureEnd = pressure('io');

  const latencyTargets = targetsOfRun(results.ours ?? {}, results.reference ?? {});
  if (latencyTargets) for (const [s, t] of Object.entries(latencyTargets)) log(targetLine(s, t));
  const additions = {
    ...(rules ? { rules } : {}),
    ...(floor ? { floor } : {}),
    ...(latencyTargets ? { latencyTargets } : {}),
  };

  const full = !only || [...SYNC_SCENARIOS, ...OTHER_SCENARIOS].every((s) => only.includes(s));
  const resultsDir = path.join(ROOT, 'bench', 'results');
  fs.mkdirSync(resultsDir, { recursive: true });
  const stamp = new Date(started).toISOString().replace(/[:.]/g, '-');
  const durationS = round((Date.now() - started) / 1000, 1);
  const clusterJson = cluster ? { cluster: { label: cluster.label, ...cluster.setup, ...clusterResults } } : {};
  if (!full) {
    const partial = JSON.stringify({
      mode: quick ? 'quick' : 'full',
      partial: true,
      durationS,
      machine,
      ...results,
      ...extra,
      ...additions,
      ...clusterJson,
    });
    fs.writeFileSync(path.join(resultsDir, `${stamp}-partial.json`), `${partial}\n`);
    process.stdout.write(`${partial}\n`);
    return;
  }
  const complete: Results = {
    mode: quick ? 'quick' : 'full',
    startedAt: new Date(started).toISOString(),
    durationS,
    machine,
    ours: results.ours as ServerResults,
    reference: results.reference as ServerResults,
    durability: extra.durability!,
    frontend: extra.frontend!,
  };
  const targetText = latencyTargets
    ? [
        '',
        'latency targets (ours ≤ reference + disk flush, same run):',
        ...TARGET_SCENARIOS.map((s) => targetLine(s, latencyTargets[s])),
      ]
    : [];
  const text = [table(complete), ...targetText].join('\n');
  const json = JSON.stringify({ ...JSON.parse(summaryJson(complete)), ...additions, ...clusterJson });
  fs.writeFileSync(path.join(resultsDir, `${stamp}-${complete.mode}.txt`), `${text}\n`);
  fs.writeFileSync(path.join(resultsDir, `${stamp}-${complete.mode}.json`), `${json}\n`);
  fs.writeFileSync(path.join(resultsDir, `latest-${complete.mode}.json`), `${json}\n`);
  process.stdout.write(`${text}\n\n${json}\n`);
}

function runScenario(
  scenario: SyncScenario,
  server: RunningServer,
  pool: ClientPool,
  plan: ReturnType<typeof makePlan>,
) {
  switch (scenario) {
    case 'idleRooms':
      return idleRooms(server, pool, plan);
    case 'workshop':
      return workshop(server, pool, plan);
    case 'manyRooms':
      return manyRooms(server, pool, plan);
    case 'writers250':
      return writers250(server, pool, plan);
    case 'bigRoom':
      return bigRoom(server, pool, plan);
    case 'coldJoin':
      return coldJoin(server, pool, plan);
  }
}

/**
 * Share of the last minute (%) in which some task waited for a CPU, or for the
 * disk (Linux pressure stall information): how busy the machine was besides the bench.
 */
function pressure(resource: 'cpu' | 'io'): number | null {
  try {
    const match = /^some avg10=[\d.]+ avg60=([\d.]+)/m.exec(fs.readFileSync(`/proc/pressure/${resource}`, 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

function brief(value: object): string {
  const v = value as Record<string, unknown>;
  if ('p95' in v) {
    const server = v.server as { cpuPercent: number; cpuStallPercent: number | null; ioStallPercent: number | null };
    const disk = v.diskFlush as { p99: number; max: number };
    return (
      `p95 ${String(v.p95)} ms, CPU ${server.cpuPercent}%, ` +
      `machine stall CPU ${String(server.cpuStallPercent)}% / disk ${String(server.ioStallPercent)}%, ` +
      `disk flush p99 ${disk.p99} ms, max ${disk.max} ms`
    );
  }
  if ('capacity' in v) return `capacity ${String(v.capacity)} (${String(v.stoppedBy)})`;
  if ('kbPerRoom' in v) return `${String(v.kbPerRoom)} KB heap, ${String(v.rssKbPerRoom)} KB RSS per room`;
  if ('stormAllReceivedMs' in v)
    return `memory ${String(v.fromMemoryReceivedMs)} ms, disk ${String(v.fromDiskReceivedMs)} ms, 200 joins ${String(v.stormAllReceivedMs)} ms`;
  return '';
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
