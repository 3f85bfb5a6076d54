/**
 * `node bench/store-commit.ts [--appends=N]`: the price of one durable commit
 * in each store, measured in-process with the server's own stores, interleaved
 * so both see the same machine load:
 *
 * - single: one appendUpdates of one keystroke-sized update (one transaction,
 *   one flush), as the write queue makes when a room is quiet;
 * - batch30: thirty updates in one call, a group commit under load;
 * - posted: 200 writes posted back to back and how long until the last
 *   committed, divided by 200 (the store applies them one after another).
 *
 * PostgreSQL: DATABASE_URL if set, otherwise a throwaway cluster from Debian's
 * binaries on loopback (tests/helpers/postgres.ts), fsync and synchronous_commit on.
 * Prints one JSON line on stdout.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RoomId } from '../src/model/ids.ts';
import { PgStore } from '../server/storage/pg-store.ts';
import { SqliteStore } from '../server/storage/sqlite-store.ts';
import type { RoomStore } from '../server/storage/types.ts';
import { startPostgres } from '../tests/helpers/postgres.ts';
import { round, summarize } from './lib/stats.ts';

const UPDATE_BYTES = 120;
const BATCH = 30;
const POSTED = 200;
const appends = Number(process.argv.find((a) => a.startsWith('--appends='))?.slice('--appends='.length) ?? 500);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledestjerne-commit-'));
const throwaway = process.env.DATABASE_URL ? null : await startPostgres();
const url = process.env.DATABASE_URL ?? (await throwaway!.createDatabase());
const stores: Record<string, RoomStore> = {
  sqlite: new SqliteStore(dir),
  postgres: new PgStore({ url, nodeId: 'test-node', leaseMs: 10_000 }),
};
const data = new Uint8Array(UPDATE_BYTES).fill(7);
const room = 'benchroomcommit000000' as RoomId;
const seqs: Record<string, number> = { sqlite: 0, postgres: 0 };
const batchOf = (name: string, n: number) =>
  Array.from({ length: n }, () => ({ room, doc: 'board' as const, seq: ++seqs[name]!, data }));

function time(name: string, n: number): number {
  const batch = batchOf(name, n);
  const t0 = performance.now();
  stores[name]!.appendUpdates(batch);
  return performance.now() - t0;
}

function posted(name: string): Promise<number> {
  const store = stores[name]!;
  const t0 = performance.now();
  return new Promise((resolve) => {
    let left = POSTED;
    for (let i = 0; i < POSTED; i++) {
      store.appendUpdatesAsync(batchOf(name, 1), (error) => {
        if (error) throw error;
        if (--left === 0) resolve((performance.now() - t0) / POSTED);
      });
    }
  });
}

const samples = Object.fromEntries(
  Object.keys(stores).map((n) => [n, { single: [] as number[], batch30: [] as number[], posted: [] as number[] }]),
);
// The stores' workers do not keep a process alive (the server's sockets do); this bench has no sockets.
const keepAlive = setInterval(() => {}, 1000);
try {
  for (let i = 0; i < appends; i++) {
    for (const name of Object.keys(stores)) {
      samples[name]!.single.push(time(name, 1));
      if (i % 4 === 0) samples[name]!.batch30.push(time(name, BATCH));
      if (i % 50 === 0) samples[name]!.posted.push(await posted(name));
    }
  }
  const result = Object.fromEntries(
    Object.entries(samples).map(([name, s]) => [
      name,
      {
        single: summarize(s.single),
        batch30: summarize(s.batch30),
        postedPerWriteMs: round(s.posted.reduce((a, b) => a + b, 0) / s.posted.length, 3),
      },
    ]),
  );
  process.stdout.write(
    `${JSON.stringify({ updateBytes: UPDATE_BYTES, appends, loadAvg: os.loadavg().map((l) => round(l)), ...result })}\n`,
  );
} finally {
  clearInterval(keepAlive);
  for (const store of Object.values(stores)) store.close();
  fs.rmSync(dir, { recursive: true, force: true });
  await throwaway?.stop();
}
