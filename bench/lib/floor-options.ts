/**
 * The command line of `--only=floor` (scenarios/floor.ts), read apart from
 * run.ts: `--floor-intervals=20,0` (BIG_ROOM_COMMIT_INTERVAL_MS values of our
 * server), `--floor-rounds=3`, `--floor-scenarios=writers250` (some of the
 * target scenarios; `none`: only the ceiling search), `--ceiling-steps=100,200`
 * (empty: no ceiling search) and `--ceiling-client=raw` (the receivers of the
 * ceiling search, see scenarios/ceiling.ts: `raw` by default, or `wire`).
 *
 * The server's ceiling alone, ours without a floor beside the reference:
 * `--only=floor --floor-intervals=0 --floor-scenarios=none`.
 */
import { CEILING_CLIENTS, type CeilingClient } from '../scenarios/ceiling.ts';
import { TARGET_SCENARIOS, type TargetScenario } from '../scenarios/targets.ts';

const CEILING_STEPS = {
  quick: [100, 200, 300, 400, 600, 800, 1000, 1200],
  full: [100, 200, 300, 400, 500, 600, 800, 1000, 1200, 1600, 2000],
};

export type FloorOptions = {
  rounds: number;
  intervalsMs: number[];
  ceilingSteps: number[];
  ceilingClient: CeilingClient;
  scenarios?: TargetScenario[];
};

export function floorOptionsFrom(args: readonly string[], quick: boolean): FloorOptions {
  const value = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const numbers = (text: string) => text.split(',').filter(Boolean).map(Number);
  const intervalsMs = numbers(value('floor-intervals') ?? '20,0');
  if (intervalsMs.length === 0 || intervalsMs.some((i) => !Number.isInteger(i) || i < 0)) {
    throw new Error('--floor-intervals: whole milliseconds, comma-separated');
  }
  const rounds = Number(value('floor-rounds') ?? 3);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--floor-rounds must be a whole number of at least 1');
  const scenarioList = value('floor-scenarios');
  const scenarios = (scenarioList === 'none' ? [] : scenarioList?.split(',')) as TargetScenario[] | undefined;
  if (scenarios?.some((s) => !TARGET_SCENARIOS.includes(s))) {
    throw new Error(`--floor-scenarios: some of ${TARGET_SCENARIOS.join(', ')}, or none`);
  }
  const steps = value('ceiling-steps');
  const ceilingSteps = steps !== undefined ? numbers(steps) : quick ? CEILING_STEPS.quick : CEILING_STEPS.full;
  if (ceilingSteps.some((n) => !Number.isInteger(n) || n < 2)) throw new Error('--ceiling-steps: whole numbers of clients');
  const ceilingClient = (value('ceiling-client') ?? 'raw') as CeilingClient;
  if (!CEILING_CLIENTS.includes(ceilingClient)) throw new Error(`--ceiling-client: one of ${CEILING_CLIENTS.join(', ')}`);
  return { rounds, intervalsMs, ceilingSteps, ceilingClient, ...(scenarios ? { scenarios } : {}) };
}
