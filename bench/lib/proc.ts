/**
 * CPU time and resident memory of another process, read from /proc (Linux).
 * The bench reads the server child's figures from outside so that measuring
 * costs the server nothing.
 */
import fs from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ); 100 on every Linux we run on. */
const CLOCK_TICKS_PER_SEC = 100;
const KIB = 1024;

/**
 * User + system CPU seconds the process has used so far, all its threads
 * together; with `thread`, that one thread's (its main thread's id is the pid).
 */
export function cpuSeconds(pid: number, thread?: number): number {
  const stat = fs.readFileSync(thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`, 'utf8');
  // The command name (field 2) may contain spaces; fields after its closing parenthesis are fixed.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return (utime + stime) / CLOCK_TICKS_PER_SEC;
}

/** Resident set size in bytes. */
export function rssBytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  return match ? Number(match[1]) * KIB : Number.NaN;
}

/**
 * Microseconds so far in which some task on the machine waited for a CPU or
 * for the disk (Linux pressure stall information); null where it is not available.
 */
export function stallMicros(resource: 'cpu' | 'io'): number | null {
  try {
    const match = /^some .* total=(\d+)$/m.exec(fs.readFileSync(`/proc/pressure/${resource}`, 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

export type Usage = {
  /** All threads of the process (ours: the event loop, the storage worker, V8's GC helpers), % of one core. */
  cpuPercent: number;
  /**
   * The main thread alone (the event loop and what runs on it), % of one core: the share a
   * single-threaded server can at most use. Null when several processes are measured together.
   */
  mainThreadCpuPercent: number | null;
  rssMb: number;
  peakRssMb: number;
  /**
   * Share of the scenario's time (%) in which some task on the machine waited
   * for a CPU, or for the disk: the noise of other work, and on ours also the
   * disk's stalls that a durable commit waits for. Null without /proc/pressure.
   */
  cpuStallPercent: number | null;
  ioStallPercent: number | null;
};

const RSS_SAMPLE_MS = 200;
const MIB = 1024 * 1024;

/**
 * Measures a process (or several together, e.g. the nodes of a cluster) while `work` runs: CPU as
 * percent of one core and RSS at the end and at its peak, each added up over the processes.
 */
export async function measureProcess<T>(
  pids: number | readonly number[],
  work: () => Promise<T>,
): Promise<{ result: T; usage: Usage }> {
  const list = typeof pids === 'number' ? [pids] : pids;
  // With several processes, one that ends meanwhile (a database backend) keeps the figures it had last.
  const last = new Map<string, number>();
  const read = (what: string, pid: number, reader: (pid: number) => number) => {
    const key = `${what} ${pid}`;
    try {
      last.set(key, reader(pid));
    } catch (error) {
      if (list.length === 1 || !last.has(key)) throw error;
    }
    return last.get(key)!;
  };
  const totalCpu = () => list.reduce((sum, pid) => sum + read('cpu', pid, cpuSeconds), 0);
  const totalRss = () => list.reduce((sum, pid) => sum + read('rss', pid, rssBytes), 0);
  const mainThreadCpu = () => (list.length === 1 ? cpuSeconds(list[0]!, list[0]!) : 0);
  const cpu0 = totalCpu();
  const mainCpu0 = mainThreadCpu();
  const cpuStall0 = stallMicros('cpu');
  const ioStall0 = stallMicros('io');
  const t0 = performance.now();
  let peak = totalRss();
  const sampler = setInterval(() => {
    try {
      peak = Math.max(peak, totalRss());
    } catch {
      // the process may be gone; the caller notices
    }
  }, RSS_SAMPLE_MS);
  try {
    const result = await work();
    const seconds = (performance.now() - t0) / 1000;
    const rss = totalRss();
    peak = Math.max(peak, rss);
    const stallPercent = (before: number | null, now: number | null) =>
      before === null || now === null ? null : Math.round((now - before) / seconds / 1000) / 10;
    return {
      result,
      usage: {
        cpuPercent: Math.round(((totalCpu() - cpu0) / seconds) * 1000) / 10,
        mainThreadCpuPercent: list.length === 1 ? Math.round(((mainThreadCpu() - mainCpu0) / seconds) * 1000) / 10 : null,
        rssMb: Math.round((rss / MIB) * 10) / 10,
        peakRssMb: Math.round((peak / MIB) * 10) / 10,
        cpuStallPercent: stallPercent(cpuStall0, stallMicros('cpu')),
        ioStallPercent: stallPercent(ioStall0, stallMicros('io')),
      },
    };
  } finally {
    clearInterval(sampler);
  }
}
