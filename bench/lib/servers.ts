/**
 * The two servers under test, each a child process on loopback:
 * ours (`node server/index.ts`, API and sync only) and the reference
 * y-websocket server (the `@y/websocket-server` package's own bin, in memory).
 * Children are pinned to core 0 when `taskset` exists; the bench's clients run on core 1.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Control } from '../../src/model/control.ts';
import { ProtoClient } from '../clients/proto-client.ts';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

/** Core 0 runs the server under test, core 1 the clients (see docs/performance.md). */
export const SERVER_CPU = '0';
export const CLIENT_CPU = '1';

/**
 * Decided once, when this module loads and before the bench pins itself:
 * os.availableParallelism() follows this process's own affinity, so once the
 * bench is pinned to the clients' core it says 1. Asked afresh (as it was
 * until 3 December 2026), every server started after that came up unpinned,
 * inheriting the clients' core, while core 0 stayed idle.
 */
const TASKSET_USABLE = spawnSync('taskset', ['-V']).status === 0 && os.availableParallelism() >= 2;
export const hasTaskset = (): boolean => TASKSET_USABLE;

/** Pins an already running process (the bench itself) to the clients' core. */
export function pinSelfToClientCore(): boolean {
  if (!hasTaskset()) return false;
  spawnSync('taskset', ['-a', '-cp', CLIENT_CPU, String(process.pid)]);
  // Judged by the result, not taskset's status: `-a` fails when one of V8's short-lived threads ends meanwhile.
  return coresOf(process.pid) === CLIENT_CPU;
}

/** The cores a process may run on, as /proc lists them (`0-1`, `1`). */
export function coresOf(pid: number): string | null {
  try {
    return /^Cpus_allowed_list:\s*(\S+)$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? null;
  } catch {
    return null;
  }
}

export type ServerKind = 'ours' | 'reference';

export type RunningServer = {
  kind: ServerKind;
  label: string;
  pid: number;
  port: number;
  httpUrl: string;
  /** `WebsocketProvider` serverUrl: room names are appended as `/<room>`. */
  wsUrl: string;
  dataDir: string | null;
  /** The child's inspector (started with --inspect on loopback), for heap readings; null if it did not say. */
  inspectorUrl: () => string | null;
  /**
   * A new room to sync: created through the API on ours and moved by its
   * facilitator to `step` (participants write only on the current step), any
   * fresh name on the reference.
   */
  newRoom(step?: BenchStep): Promise<string>;
  /** Sync params of `count` new seats in `room` (ours: issued by the API; the reference has none). */
  seats(room: string, count: number): Promise<Record<string, string>[]>;
  /** Every process serving it (several nodes of a cluster); `pid` alone when absent. Their CPU is added up. */
  pids?: readonly number[];
  /** Rooms held in memory (ours: /health; the reference never unloads). */
  liveRooms(): Promise<number | null>;
  stop(): Promise<void>;
};

/** The steps of the bench's five-whys rooms: answers are written on the ladder, votes on the agreement. */
export type BenchStep = 'ladder' | 'agreement';

/** Limits raised so the bench measures speed, not limits. Every guarantee stays on. */
const OPEN_LIMITS: Record<string, string> = {
  MSG_RATE_PER_SEC: '1000000',
  MSG_BURST: '1000000',
  CONN_RATE_PER_IP_PER_SEC: '1000000',
  CONN_BURST_PER_IP: '1000000',
  ACCEPT_RATE_PER_SEC: '1000000',
  ACCEPT_BURST: '1000000',
  ROOMS_PER_IP_PER_MIN: '1000000',
  SEATS_PER_IP_PER_MIN: '1000000',
  MAX_SEATS_PER_ROOM: '1000000',
  MAX_CLIENTS_PER_ROOM: '100000',
  MAX_CLIENTS_PER_ADDRESS_PER_ROOM: '100000',
};

export type OursOptions = {
  /** `postgres` needs DATABASE_URL (and NODE_ID) in `env`; bench/lib/cluster.ts starts such servers. */
  storage: 'sqlite' | 'memory' | 'postgres';
  dataDir?: string;
  idleUnloadMs: number;
  /** Extra node flags for the child, e.g. --cpu-prof. */
  nodeFlags?: string[];
  /** Pages too (the front-end budget needs the built site). Default false: API and sync only. */
  servePages?: boolean;
  /** Pin to the server core (default true). */
  pinned?: boolean;
  /** Another checkout of the project to run instead of this one (see `baselineCheckout`), and its label. */
  root?: string;
  label?: string;
  /** More settings for the child (config.ts; they override the bench's own), e.g. BIG_ROOM_COMMIT_INTERVAL_MS
   * to compare two values in one run, or DATABASE_URL and NODE_ID for a cluster node. */
  env?: Record<string, string>;
};

/**
 * A checkout of `ref` beside this one, sharing its node_modules, so that one
 * bench run can measure the server before and after a change under the same
 * load. Made with `git worktree`; removed by the returned function.
 */
export function baselineCheckout(ref: string): { root: string; remove: () => void } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ledestjerne-baseline-'));
  const git = (...args: string[]) => {
    const result = spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr.trim()}`);
  };
  git('worktree', 'add', '--detach', root, ref);
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  return { root, remove: () => git('worktree', 'remove', '--force', root) };
}

export async function startOurs(options: OursOptions): Promise<RunningServer> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'ledestjerne-bench-'));
  const env = {
    ...process.env,
    ...OPEN_LIMITS,
    SERVE_PAGES: options.servePages ? 'true' : 'false',
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    STORAGE: options.storage,
    LOG_LEVEL: 'error',
    IDLE_UNLOAD_MS: String(options.idleUnloadMs),
    WORKSHOPS_DIR: path.join(options.root ?? ROOT, 'workshops'),
    ...options.env,
  };
  const child = spawnPinned(
    [INSPECT_FLAG, ...(options.nodeFlags ?? []), path.join(options.root ?? ROOT, 'server', 'index.ts')],
    env,
    options.pinned ?? true,
    options.root ?? ROOT,
  );
  const line = await readyLine(child, (l) => l.startsWith('{') && l.includes('"ready"'));
  const { port } = JSON.parse(line) as { port: number };
  const httpUrl = `http://127.0.0.1:${port}`;
  return {
    kind: 'ours',
    label: options.label ?? (options.storage === 'memory' ? 'ours (memory)' : 'ours'),
    pid: pidOf(child),
    port,
    httpUrl,
    wsUrl: `ws://127.0.0.1:${port}/sync`,
    dataDir,
    inspectorUrl: () => inspectorUrls.get(child) ?? null,
    ...roomApi(httpUrl),
    async liveRooms() {
      const res = await fetch(`${httpUrl}/health`);
      return ((await res.json()) as { rooms: number }).rooms;
    },
    stop: () => stopChild(child),
  };
}

const SEAT_BATCH = 50;

/** Rooms and seats through a server's API (or a front door before several): what `newRoom` and `seats` do on ours. */
export function roomApi(httpUrl: string): Pick<RunningServer, 'newRoom' | 'seats'> {
  const wsUrl = `${httpUrl.replace(/^http/, 'ws')}/sync`;
  return {
    async newRoom(step) {
      const res = await fetch(`${httpUrl}/api/rooms`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ workshop: 'five-whys', locale: 'en' }),
      });
      if (res.status !== 201) throw new Error(`POST /api/rooms answered ${res.status}: ${await res.text()}`);
      const { room, facilitatorKey } = (await res.json()) as { room: string; facilitatorKey: string };
      if (step) await steer(wsUrl, room, facilitatorKey, step);
      return room;
    },
    async seats(room, count) {
      const issue = async () => {
        const seat = await fetch(`${httpUrl}/api/rooms/${room}/seats`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        });
        if (seat.status !== 201) throw new Error(`POST seats answered ${seat.status}: ${await seat.text()}`);
        const { seat: id, secret } = (await seat.json()) as { seat: string; secret: string };
        return { seat: id, secret };
      };
      const params: Record<string, string>[] = [];
      for (let i = 0; i < count; i += SEAT_BATCH) {
        params.push(...(await Promise.all(Array.from({ length: Math.min(SEAT_BATCH, count - i) }, issue))));
      }
      return params;
    },
  };
}

/** The facilitator moves `room` to `step`; resolves once a fresh reader sees it, so the server holds it. */
async function steer(wsUrl: string, room: string, key: string, step: BenchStep): Promise<void> {
  const facilitator = new ProtoClient(wsUrl, `${room}/control`, { params: { key } });
  await facilitator.synced;
  facilitator.write(() => new Control(facilitator.doc).goToStep(step));
  try {
    for (;;) {
      const reader = new ProtoClient(wsUrl, `${room}/control`, { params: { role: 'projector' } });
      await reader.synced;
      const current = new Control(reader.doc).currentStepId();
      reader.close();
      if (current === step) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    facilitator.close();
  }
}

let referenceRooms = 0;

export async function startReference(): Promise<RunningServer> {
  const require = createRequire(import.meta.url);
  const bin = path.join(path.dirname(require.resolve('@y/websocket-server/package.json')), 'src', 'server.js');
  const port = await freePort();
  const child = spawnPinned([INSPECT_FLAG, bin], { ...process.env, HOST: '127.0.0.1', PORT: String(port) });
  await readyLine(child, (l) => l.startsWith('running at'));
  return {
    kind: 'reference',
    label: 'reference',
    pid: pidOf(child),
    port,
    httpUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/sync`,
    dataDir: null,
    inspectorUrl: () => inspectorUrls.get(child) ?? null,
    newRoom: () =>
      Promise.resolve(`bench-${process.pid}-${++referenceRooms}-${Math.random().toString(36).slice(2, 10)}`),
    seats: (_room, count) => Promise.resolve(Array.from({ length: count }, () => ({}))),
    liveRooms: () => Promise.resolve(null),
    stop: () => stopChild(child),
  };
}

/** Every child opens an inspector on a free loopback port; it costs nothing until the bench attaches. */
const INSPECT_FLAG = '--inspect=127.0.0.1:0';
const inspectorUrls = new WeakMap<ChildProcess, string>();

function spawnPinned(args: string[], env: NodeJS.ProcessEnv, pinned = true, cwd = ROOT): ChildProcess {
  const [command, argv] =
    pinned && hasTaskset() ? ['taskset', ['-c', SERVER_CPU, process.execPath, ...args]] : [process.execPath, args];
  const child = spawn(command, argv, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr?.on('data', (chunk: Buffer) => {
    const text = chunk.toString();
    const inspector = /Debugger listening on (ws:\/\/\S+)/.exec(text);
    if (inspector?.[1]) inspectorUrls.set(child, inspector[1]);
    const rest = text
      .split('\n')
      .filter((l) => l.trim() && !/^(Debugger listening on|Debugger attached|Debugger ending|For help, see:)/.test(l))
      .join('\n');
    if (rest) process.stderr.write(`[server ${child.pid}] ${rest}\n`);
  });
  return child;
}

function pidOf(child: ChildProcess): number {
  if (child.pid === undefined) throw new Error('server process did not start');
  return child.pid;
}

function readyLine(child: ChildProcess, isReady: (line: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => reject(new Error('server did not become ready')), READY_TIMEOUT_MS);
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before it was ready`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      const ready = lines.find((l) => isReady(l.trim()));
      if (ready) {
        clearTimeout(timer);
        resolve(ready.trim());
      }
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
