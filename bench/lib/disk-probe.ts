/**
 * How long the disk takes to flush while a scenario runs, measured apart from
 * either server: every PROBE_INTERVAL_MS the probe overwrites 4 KiB in place
 * in a small preallocated file and times fdatasync. A durable commit of ours
 * cannot return sooner than the disk flushes, so when other work on the
 * machine makes the disk stall, the probe shows it beside the figures it spoils.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { summarize, type Summary } from './stats.ts';

const PROBE_INTERVAL_MS = 50;
const PAGE_BYTES = 4096;
const FILE_PAGES = 64;

/** `stop` ends the probe; later calls return the same summary. */
export type DiskProbe = { stop(): Promise<Summary> };

/** `near`: a directory on the file system to probe (the server's data directory); default the temporary one. */
export function startDiskProbe(near: string = os.tmpdir()): DiskProbe {
  const dir = fs.mkdtempSync(path.join(near, '.disk-probe-'));
  const fd = fs.openSync(path.join(dir, 'probe'), 'w+');
  fs.writeSync(fd, Buffer.alloc(PAGE_BYTES * FILE_PAGES));
  fs.fsyncSync(fd);
  const page = Buffer.alloc(PAGE_BYTES, 1);
  const flushMs: number[] = [];
  let stopped = false;
  let round = 0;
  // One flush at a time, through libuv's thread pool, so the bench's own event loop never waits for the disk.
  const probe = async (): Promise<void> => {
    while (!stopped) {
      fs.writeSync(fd, page, 0, PAGE_BYTES, (round++ % FILE_PAGES) * PAGE_BYTES);
      const t0 = performance.now();
      await new Promise((resolve) => fs.fdatasync(fd, resolve));
      flushMs.push(performance.now() - t0);
      await new Promise((resolve) => setTimeout(resolve, PROBE_INTERVAL_MS));
    }
  };
  const running = probe();
  let summary: Promise<Summary> | null = null;
  const finish = async (): Promise<Summary> => {
    stopped = true;
    await running;
    fs.closeSync(fd);
    fs.rmSync(dir, { recursive: true, force: true });
    return summarize(flushMs);
  };
  return { stop: () => (summary ??= finish()) };
}
