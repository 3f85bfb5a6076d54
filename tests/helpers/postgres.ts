/**
 * A throwaway PostgreSQL for tests, from Debian's binaries: initdb in a
 * temporary folder, pg_ctl start on a free loopback port with its unix
 * socket in the same folder, fsync and synchronous commit on (the settings
 * the durability promise relies on), stopped and removed afterwards.
 *
 * Root may not run the PostgreSQL server, so when the tests run as root (CI
 * containers do) the cluster runs as the `postgres` user the Debian package creates.
 *
 * Tests that need it call `startPostgres()` in beforeAll and `stop()` in
 * afterAll, and give each test its own database (`createDatabase`), so files
 * running in parallel never share one.
 */
import { execFileSync, type SpawnOptions } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { freePort } from './free-port.ts';

/** Where Debian's postgresql-NN packages put the server binaries; the newest version wins. */
const DEBIAN_PG_ROOT = '/usr/lib/postgresql';
const START_TIMEOUT_S = 60;
/** Hook and test timeouts for files that use a throwaway cluster: initdb, a database per test and a
 * crash restart take seconds each on a loaded CI machine, far past Vitest's defaults. */
export const START_TIMEOUT_MS = 120_000;
export const STOP_TIMEOUT_MS = 60_000;
export const TEST_TIMEOUT_MS = 90_000;

/** The folder holding initdb, pg_ctl and postgres, or null when no PostgreSQL server is installed. */
export function postgresBinDir(): string | null {
  const fromEnv = process.env.PG_BIN_DIR;
  const candidates = fromEnv ? [fromEnv] : debianBinDirs();
  return (
    candidates.find((dir) => ['initdb', 'pg_ctl', 'postgres'].every((b) => fs.existsSync(path.join(dir, b)))) ?? null
  );
}

function debianBinDirs(): string[] {
  if (!fs.existsSync(DEBIAN_PG_ROOT)) return [];
  return fs
    .readdirSync(DEBIAN_PG_ROOT)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a))
    .map((v) => path.join(DEBIAN_PG_ROOT, v, 'bin'));
}

/**
 * Why the Postgres tests cannot run here, or null when they can. Printed by the tests that skip locally;
 * under CI it throws instead, so a missing PostgreSQL fails the run rather than passing it by skipping.
 */
export function postgresMissingReason(): string | null {
  return requiredUnderCi(
    postgresBinDir()
      ? null
      : `PostgreSQL server binaries not found under ${DEBIAN_PG_ROOT}/<version>/bin (apt-get install postgresql) or PG_BIN_DIR`,
  );
}

/** A missing tool is a reason to skip on a developer's machine and an error in CI (`CI` set, as .ci/run does). */
export function requiredUnderCi(reason: string | null): string | null {
  if (reason && process.env.CI) throw new Error(`CI must run this test, but ${reason}`);
  return reason;
}

export type TestPostgres = {
  /** Connection string of the `postgres` database (for creating others). */
  adminUrl: string;
  port: number;
  dir: string;
  /** A fresh, empty database; its connection string. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
  /** pg_ctl stop -m immediate then start again on the same port: a database crash and recovery. */
  restart(): Promise<void>;
};

let databaseCounter = 0;

export async function startPostgres(): Promise<TestPostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error(postgresMissingReason()!);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledestjerne-pg-'));
  const owner = runAsOwner(dir);
  const dataDir = path.join(dir, 'data');
  const run = (tool: string, args: string[]) =>
    execFileSync(path.join(bin, tool), args, { ...owner, stdio: 'pipe', timeout: START_TIMEOUT_S * 1000 });
  // -N only skips flushing initdb's own files: the throwaway cluster needs them durable for no one.
  run('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '-N']);
  const port = await freePort();
  const serverOptions = [
    `-p ${port}`,
    `-k ${dir}`,
    "-c listen_addresses='127.0.0.1'",
    '-c fsync=on',
    '-c synchronous_commit=on',
    '-c max_connections=200',
  ].join(' ');
  const start = () =>
    run('pg_ctl', [
      '-D',
      dataDir,
      '-l',
      path.join(dir, 'server.log'),
      '-o',
      serverOptions,
      '-w',
      '-t',
      String(START_TIMEOUT_S),
      'start',
    ]);
  try {
    start();
  } catch (error) {
    const log = fs.existsSync(path.join(dir, 'server.log'))
      ? fs.readFileSync(path.join(dir, 'server.log'), 'utf8')
      : '';
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`PostgreSQL did not start: ${String(error)}\n${log}`, { cause: error });
  }
  const adminUrl = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  let stopped = false;
  return {
    adminUrl,
    port,
    dir,
    async createDatabase() {
      const name = `t_${process.pid}_${++databaseCounter}`;
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgresql://postgres@127.0.0.1:${port}/${name}`;
    },
    async restart() {
      run('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      start();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** As root, the cluster's files and processes belong to the `postgres` user; otherwise to whoever runs the tests. */
function runAsOwner(dir: string): Pick<SpawnOptions, 'uid' | 'gid'> {
  if (process.getuid?.() !== 0) return {};
  const line = fs
    .readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('running as root, and there is no postgres user to run the PostgreSQL server as');
  const [, , uid, gid] = line.split(':');
  fs.chownSync(dir, Number(uid), Number(gid));
  return { uid: Number(uid), gid: Number(gid) };
}

/**
 * One throwaway cluster for the calling test file: started before its tests and
 * stopped after them (Vitest hooks registered here). `postgres` stands for the
 * started cluster; `missing` says why it cannot run (the file's tests skip on it).
 */
export function postgresForThisFile(what: string): { missing: string | null; postgres: TestPostgres } {
  const missing = postgresMissingReason();
  if (missing) console.warn(`${what} skipped: ${missing}`);
  let started: TestPostgres | null = null;
  const cluster = (): TestPostgres => {
    if (!started) throw new Error(`${what}: the throwaway PostgreSQL has not started`);
    return started;
  };
  beforeAll(async () => {
    if (!missing) started = await startPostgres();
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    await started?.stop();
  }, STOP_TIMEOUT_MS);
  const postgres: TestPostgres = {
    get adminUrl() {
      return cluster().adminUrl;
    },
    get port() {
      return cluster().port;
    },
    get dir() {
      return cluster().dir;
    },
    createDatabase: () => cluster().createDatabase(),
    stop: () => cluster().stop(),
    restart: () => cluster().restart(),
  };
  return { missing, postgres };
}
