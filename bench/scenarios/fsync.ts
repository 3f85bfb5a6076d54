/**
 * The price of a durable write on this disk, measured in-process with the
 * server's own store (server/storage/sqlite-store.ts: WAL, synchronous=FULL):
 * one appendUpdates call is one transaction and one fsync in the store's
 * writer thread, plus the round trip to it, as one group commit of the write
 * queue is (the queue does not wait for it; the updates it carries do).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RoomId } from '../../src/model/ids.ts';
import { SqliteStore } from '../../server/storage/sqlite-store.ts';
import { summarize, type Summary } from '../lib/stats.ts';

/** A keystroke-sized Yjs update. */
const UPDATE_BYTES = 120;
/** Updates per group commit in the batched run (a busy room's turn). */
const BATCH = 30;

export type FsyncResult = { single: Summary; batch30: Summary; updateBytes: number };

export function fsyncCost(appends: number): FsyncResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledestjerne-fsync-'));
  const store = new SqliteStore(dir);
  try {
    const room = 'benchroomfsync0000000' as RoomId;
    const data = new Uint8Array(UPDATE_BYTES).fill(7);
    let seq = 0;
    const time = (records: number) => {
      const batch = Array.from({ length: records }, () => ({ room, doc: 'board' as const, seq: ++seq, data }));
      const t0 = performance.now();
      store.appendUpdates(batch);
      return performance.now() - t0;
    };
    // Interleaved, so both see the same state of the write-ahead log and the disk.
    const single: number[] = [];
    const batched: number[] = [];
    for (let i = 0; i < appends; i++) {
      single.push(time(1));
      if (i % 4 === 0) batched.push(time(BATCH));
    }
    return { single: summarize(single), batch30: summarize(batched), updateBytes: UPDATE_BYTES };
  } finally {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
