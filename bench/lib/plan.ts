/** How long and how large each scenario runs: the full run, and `--quick` (under two minutes in all). */
export type Plan = {
  quick: boolean;
  workshop: { clients: number; warmupMs: number; durationMs: number; graceMs: number };
  /** confirm: run a failing step once more before stopping (full run only, for the time). */
  bigRoom: {
    steps: number[];
    warmupMs: number;
    stepMs: number;
    graceMs: number;
    budgetMs: number;
    p95LimitMs: number;
    confirm: boolean;
  };
  manyRooms: { rooms: number; perRoom: number; warmupMs: number; durationMs: number; graceMs: number };
  /** stormApply: how many of the storm's clients apply the 1 MB afterwards (all, in the full run). */
  coldJoin: { targetBytes: number; fromMemoryRuns: number; fromDiskRuns: number; storm: number; stormApply: number };
  idleRooms: { rooms: number; editsPerRoom: number; settleMs: number };
  fsync: { appends: number };
};

const SECOND = 1000;

export function makePlan(quick: boolean): Plan {
  return {
    quick,
    workshop: {
      clients: 30,
      warmupMs: (quick ? 1 : 3) * SECOND,
      durationMs: (quick ? 15 : 60) * SECOND,
      graceMs: (quick ? 1 : 2) * SECOND,
    },
    bigRoom: {
      steps: quick ? [50, 100, 200, 400, 800] : [50, 100, 150, 200, 300, 400, 500, 600, 800, 1000, 1200, 1600],
      warmupMs: (quick ? 1 : 2) * SECOND,
      stepMs: (quick ? 3 : 10) * SECOND,
      graceMs: 1 * SECOND,
      budgetMs: (quick ? 12 : 150) * SECOND,
      p95LimitMs: 100,
      confirm: !quick,
    },
    manyRooms: { rooms: 50, perRoom: 10, warmupMs: 1 * SECOND, durationMs: (quick ? 4 : 20) * SECOND, graceMs: SECOND },
    coldJoin: {
      targetBytes: 1_000_000,
      fromMemoryRuns: quick ? 3 : 7,
      fromDiskRuns: quick ? 2 : 5,
      storm: 200,
      stormApply: quick ? 10 : 200,
    },
    idleRooms: { rooms: quick ? 300 : 1000, editsPerRoom: 4, settleMs: (quick ? 1 : 2) * SECOND },
    fsync: { appends: quick ? 300 : 2000 },
  };
}
