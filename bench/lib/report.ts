/** The results table, the targets with PASS/FAIL, and the one-line JSON summary. */
import { PAGE_BUDGETS_KB, type FrontendResult, type PageName } from '../scenarios/frontend.ts';
import type { FsyncResult } from '../scenarios/fsync.ts';
import type { BigRoomResult, ColdJoinResult, IdleRoomsResult, LatencyResult } from '../scenarios/sync.ts';
import { round } from './stats.ts';

const PAGE_NAMES = Object.keys(PAGE_BUDGETS_KB) as PageName[];

export type ServerResults = {
  idleRooms: IdleRoomsResult;
  workshop: LatencyResult;
  manyRooms: LatencyResult;
  /** Issue 13's 250-writer room (targets.ts). */
  writers250: LatencyResult;
  bigRoom: BigRoomResult;
  coldJoin: ColdJoinResult;
};

export type Machine = {
  nproc: number;
  cpu: string;
  node: string;
  pinned: boolean;
  /** Client worker threads the bench spread its editing clients over. */
  clientThreads: number;
  loadAvgStart: number[];
  loadAvgEnd: number[];
  /** % of the last minute some task waited for a CPU (/proc/pressure/cpu avg60): noise from other work. */
  cpuPressureStart: number | null;
  cpuPressureEnd: number | null;
  /** The same for the disk (/proc/pressure/io avg60): a busy disk slows every durable commit. */
  ioPressureStart: number | null;
  ioPressureEnd: number | null;
};

export type Results = {
  mode: 'quick' | 'full';
  startedAt: string;
  durationS: number;
  machine: Machine;
  ours: ServerResults;
  reference: ServerResults;
  durability: { durable: LatencyResult; memory: LatencyResult; p95CostMs: number; fsync: FsyncResult };
  frontend: FrontendResult;
};

export type Target = { name: string; value: string; goal: string; pass: boolean };

/** >1 means ours is better: the reference's time over ours (or our capacity over the reference's). */
const ratio = (a: number | null, b: number | null): number | null =>
  a === null || b === null || !Number.isFinite(a) || !Number.isFinite(b) || b === 0 ? null : round(a / b);

export function ratiosOf(r: Results) {
  const o = r.ours;
  const f = r.reference;
  return {
    workshopP95: ratio(f.workshop.p95, o.workshop.p95),
    workshopP99: ratio(f.workshop.p99, o.workshop.p99),
    manyRoomsP95: ratio(f.manyRooms.p95, o.manyRooms.p95),
    bigRoomCapacity: ratio(o.bigRoom.capacity, f.bigRoom.capacity),
    coldJoinFromMemory: ratio(f.coldJoin.fromMemoryReceivedMs, o.coldJoin.fromMemoryReceivedMs),
    stormAllReceived: ratio(f.coldJoin.stormAllReceivedMs, o.coldJoin.stormAllReceivedMs),
    idleRoomMemory: ratio(f.idleRooms.kbPerRoom, o.idleRooms.kbPerRoom),
  };
}

export function targetsOf(r: Results): Target[] {
  const o = r.ours;
  const f = r.reference;
  const ratios = ratiosOf(r);
  const atLeast = o.bigRoom.stoppedBy === 'limit' ? '' : '≥ ';
  return [
    {
      name: 'big-room capacity ≥ 3× reference (p95 ≤ 100 ms)',
      value: `${atLeast}${o.bigRoom.capacity} vs ${f.bigRoom.capacity} (${ratios.bigRoomCapacity ?? 'n/a'}×)`,
      goal: '≥ 3×',
      pass: o.bigRoom.capacity >= 3 * f.bigRoom.capacity && o.bigRoom.capacity > 0,
    },
    {
      name: 'workshop p95 (durable) no worse than reference',
      value: `${o.workshop.p95} vs ${f.workshop.p95} ms`,
      goal: '≤ reference',
      pass: o.workshop.p95 <= f.workshop.p95,
    },
    {
      name: 'many rooms p95 (durable) no worse than reference',
      value: `${o.manyRooms.p95} vs ${f.manyRooms.p95} ms`,
      goal: '≤ reference',
      pass: o.manyRooms.p95 <= f.manyRooms.p95,
    },
    {
      name: '200 simultaneous cold joins of 1 MB ≥ 2× faster',
      value: `${o.coldJoin.stormAllReceivedMs} vs ${f.coldJoin.stormAllReceivedMs} ms (${ratios.stormAllReceived ?? 'n/a'}×)`,
      goal: '≥ 2×',
      pass: (ratios.stormAllReceived ?? 0) >= 2 && o.coldJoin.stormFailed === 0,
    },
    { name: '30-client workshop p95', value: `${o.workshop.p95} ms`, goal: '≤ 15 ms', pass: o.workshop.p95 <= 15 },
    { name: '50×10 rooms p95', value: `${o.manyRooms.p95} ms`, goal: '≤ 5 ms', pass: o.manyRooms.p95 <= 5 },
    {
      name: 'memory per idle small room (heap after GC)',
      value: `${o.idleRooms.kbPerRoom ?? 'n/a'} KB`,
      goal: '≤ 50 KB',
      pass: o.idleRooms.kbPerRoom !== null && o.idleRooms.kbPerRoom <= 50,
    },
    {
      name: '1 MB room cold load from memory',
      value: `${o.coldJoin.fromMemoryReceivedMs} ms`,
      goal: '≤ 50 ms',
      pass: o.coldJoin.fromMemoryReceivedMs <= 50,
    },
    {
      name: '1 MB room cold load from disk',
      value: `${o.coldJoin.fromDiskReceivedMs ?? 'n/a'} ms`,
      goal: '≤ 300 ms',
      pass: o.coldJoin.fromDiskReceivedMs !== null && o.coldJoin.fromDiskReceivedMs <= 300,
    },
    ...PAGE_NAMES.map((name) => ({
      name: `${name} page JavaScript (gzip, initial)`,
      value: `${r.frontend[name].initialGzipKb} KB`,
      goal: `≤ ${r.frontend[name].budgetKb} KB`,
      pass: r.frontend[name].overBudgetKb <= 0,
    })),
  ];
}

const fmt = (v: number | null | undefined, unit = ''): string =>
  v === null || v === undefined || Number.isNaN(v) ? 'n/a' : `${v}${unit}`;

/** The disk probe beside a scenario: how long a 4 KiB flush took meanwhile (a durable commit waits at least that). */
const flushes = (l: LatencyResult): string => `${fmt(l.diskFlush.p99, ' ms')} / ${fmt(l.diskFlush.max, ' ms')}`;

/** How much other work (and the disk) held the machine up during a scenario. */
const stalls = (l: LatencyResult): string =>
  `${fmt(l.server.cpuStallPercent, '%')} / ${fmt(l.server.ioStallPercent, '%')}`;

export function table(r: Results): string {
  const o = r.ours;
  const f = r.reference;
  const ratios = ratiosOf(r);
  const lat = (name: string, a: LatencyResult, b: LatencyResult): string[][] => [
    [`${name} p50`, fmt(a.p50, ' ms'), fmt(b.p50, ' ms'), fmt(ratio(b.p50, a.p50), '×')],
    [`${name} p95`, fmt(a.p95, ' ms'), fmt(b.p95, ' ms'), fmt(ratio(b.p95, a.p95), '×')],
    [`${name} p99`, fmt(a.p99, ' ms'), fmt(b.p99, ' ms'), fmt(ratio(b.p99, a.p99), '×')],
    [`${name} max`, fmt(a.max, ' ms'), fmt(b.max, ' ms'), fmt(ratio(b.max, a.max), '×')],
    [`${name} unfinished edits`, `${a.unfinished}/${a.edits}`, `${b.unfinished}/${b.edits}`, ''],
    [`${name} server CPU`, fmt(a.server.cpuPercent, '%'), fmt(b.server.cpuPercent, '%'), ''],
    [`${name} server RSS (peak)`, fmt(a.server.peakRssMb, ' MB'), fmt(b.server.peakRssMb, ' MB'), ''],
    [`${name} client core busy`, fmt(a.clientBusy), fmt(b.clientBusy), ''],
    [`${name} machine CPU / disk stall`, stalls(a), stalls(b), ''],
    [`${name} disk flush meanwhile p99 / max`, flushes(a), flushes(b), ''],
  ];
  const big = (b: BigRoomResult) => {
    const last = b.steps.at(-1);
    const stop = last ? ` (N=${last.clients}: p95 ${last.p95} ms${b.bound ? `, ${b.bound}` : ''})` : '';
    return `${b.stoppedBy === 'limit' ? '' : '≥ '}${b.capacity}${stop}`;
  };
  const rows: string[][] = [
    ['metric', 'ours', 'reference', 'ref/ours'],
    ...lat('workshop 30', o.workshop, f.workshop),
    ...lat('many rooms 50×10', o.manyRooms, f.manyRooms),
    ['big room capacity (p95 ≤ 100 ms)', big(o.bigRoom), big(f.bigRoom), fmt(ratios.bigRoomCapacity, '× (ours/ref)')],
    [
      'cold join 1 MB, in memory: received',
      fmt(o.coldJoin.fromMemoryReceivedMs, ' ms'),
      fmt(f.coldJoin.fromMemoryReceivedMs, ' ms'),
      fmt(ratios.coldJoinFromMemory, '×'),
    ],
    [
      'cold join 1 MB, in memory: synced (incl. client apply)',
      fmt(o.coldJoin.fromMemorySyncedMs, ' ms'),
      fmt(f.coldJoin.fromMemorySyncedMs, ' ms'),
      '',
    ],
    ['cold join 1 MB, from disk: received', fmt(o.coldJoin.fromDiskReceivedMs, ' ms'), 'n/a (in memory only)', ''],
    ['cold join 1 MB, from disk: synced', fmt(o.coldJoin.fromDiskSyncedMs, ' ms'), 'n/a', ''],
    [
      '200 joins at once: all received',
      fmt(o.coldJoin.stormAllReceivedMs, ' ms'),
      fmt(f.coldJoin.stormAllReceivedMs, ' ms'),
      fmt(ratios.stormAllReceived, '×'),
    ],
    [
      '200 joins at once: p95 per client',
      fmt(o.coldJoin.stormReceived.p95, ' ms'),
      fmt(f.coldJoin.stormReceived.p95, ' ms'),
      '',
    ],
    [
      '200 joins at once: all applied (client-bound)',
      fmt(o.coldJoin.stormAllSyncedMs, ' ms'),
      fmt(f.coldJoin.stormAllSyncedMs, ' ms'),
      '',
    ],
    ['cold join server peak RSS', fmt(o.coldJoin.server.peakRssMb, ' MB'), fmt(f.coldJoin.server.peakRssMb, ' MB'), ''],
    [
      'memory per idle small room (heap after GC)',
      fmt(o.idleRooms.kbPerRoom, ' KB'),
      fmt(f.idleRooms.kbPerRoom, ' KB'),
      fmt(ratios.idleRoomMemory, '×'),
    ],
    [
      'memory per idle small room (RSS slope)',
      fmt(o.idleRooms.rssKbPerRoom, ' KB'),
      fmt(f.idleRooms.rssKbPerRoom, ' KB'),
      '',
    ],
    [
      'workshop p95: durable vs STORAGE=memory (ours)',
      fmt(r.durability.durable.p95, ' ms'),
      fmt(r.durability.memory.p95, ' ms (memory)'),
      `cost ${fmt(r.durability.p95CostMs, ' ms')}`,
    ],
    [
      'workshop p99: durable vs STORAGE=memory (ours)',
      fmt(r.durability.durable.p99, ' ms'),
      fmt(r.durability.memory.p99, ' ms (memory)'),
      '',
    ],
    [
      'fsync (1 update / 30 updates) p50',
      fmt(r.durability.fsync.single.p50, ' ms'),
      fmt(r.durability.fsync.batch30.p50, ' ms (×30)'),
      '',
    ],
    [
      'fsync (1 update / 30 updates) p99',
      fmt(r.durability.fsync.single.p99, ' ms'),
      fmt(r.durability.fsync.batch30.p99, ' ms (×30)'),
      '',
    ],
    ...PAGE_NAMES.map((name) => {
      const page = r.frontend[name];
      const verdict = page.overBudgetKb > 0 ? `OVER budget ${page.budgetKb} KB by ${page.overBudgetKb} KB` : `budget ${page.budgetKb} KB`;
      return [`${name} page JS (gzip, initial)`, fmt(page.initialGzipKb, ' KB'), '', verdict];
    }),
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => (row[c] ?? '').length)));
  const line = (row: string[]) =>
    row
      .map((cell, c) => cell.padEnd(widths[c]!))
      .join('  ')
      .trimEnd();
  const out = [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)];
  const m = r.machine;
  out.push(
    '',
    `machine: ${m.nproc} × ${m.cpu}, Node ${m.node}, server/clients pinned to separate cores: ${m.pinned}; ` +
      `CPU pressure from other work (avg60) ${m.cpuPressureStart ?? 'n/a'}% → ${m.cpuPressureEnd ?? 'n/a'}%, ` +
      `disk ${m.ioPressureStart ?? 'n/a'}% → ${m.ioPressureEnd ?? 'n/a'}%`,
  );
  out.push('', 'targets:');
  for (const t of targetsOf(r)) out.push(`  ${t.pass ? 'PASS' : 'FAIL'}  ${t.name}: ${t.value} (goal ${t.goal})`);
  return out.join('\n');
}

/** The last line of stdout: every figure for both servers, their ratios and the targets. */
export function summaryJson(r: Results): string {
  return JSON.stringify({ ...r, ratios: ratiosOf(r), targets: targetsOf(r) });
}
