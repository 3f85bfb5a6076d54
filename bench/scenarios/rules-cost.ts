/**
 * What checking every update against the rule table costs: the workshop and
 * many-rooms scenarios on our server as it is and on a checkout of `ref` (a
 * commit before the checks), in the same run, alternating, so the machine's
 * drift falls on both.
 */
import type { ClientPool } from '../lib/client-pool.ts';
import type { makePlan } from '../lib/plan.ts';
import { round } from '../lib/stats.ts';
import { baselineCheckout, startOurs, type RunningServer } from '../lib/servers.ts';
import { manyRooms, workshop } from './sync.ts';

type Figures = { before: number; after: number; changePercent: number };
export type RulesCost = { baseline: string; rounds: number; workshopP95: Figures; manyRoomsP95: Figures };


export async function rulesCost(
  ref: string,
  rounds: number,
  current: RunningServer,
  pool: ClientPool,
  plan: ReturnType<typeof makePlan>,
  idleUnloadMs: number,
  log: (message: string) => void,
): Promise<RulesCost> {
  const checkout = baselineCheckout(ref);
  const baseline = await startOurs({ storage: 'sqlite', idleUnloadMs, root: checkout.root, label: `ours at ${ref}` });
  const p95 = { workshop: { before: [] as number[], after: [] as number[] }, manyRooms: { before: [] as number[], after: [] as number[] } };
  try {
    for (let i = 0; i < rounds; i++) {
      for (const [side, server] of [
        ['before', baseline],
        ['after', current],
      ] as const) {
        log(`rules cost, round ${i + 1}: ${server.label}`);
        p95.workshop[side].push((await workshop(server, pool, plan)).p95);
        p95.manyRooms[side].push((await manyRooms(server, pool, plan)).p95);
      }
    }
  } finally {
    await baseline.stop();
    checkout.remove();
  }
  const figures = ({ before, after }: { before: number[]; after: number[] }): Figures => {
    const b = median(before);
    const a = median(after);
    return { before: round(b), after: round(a), changePercent: round(((a - b) / b) * 100, 1) };
  };
  return { baseline: ref, rounds, workshopP95: figures(p95.workshop), manyRoomsP95: figures(p95.manyRooms) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
