/**
 * `--nodes=N --storage=postgres`: N of our servers on one throwaway PostgreSQL
 * (Debian's binaries, as the tests start it), behind HAProxy with the example
 * configuration (deploy/haproxy/haproxy.cfg) when HAProxy is installed. The
 * scenarios see one server: rooms, seats and sockets all go through the front
 * door, which routes each room to one node. Server CPU and memory are those of
 * the nodes, HAProxy and the database's processes together (pinned, like any
 * server under test, to the server core).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { haproxyInstalled, startHaproxy, type TestHaproxy } from '../../tests/helpers/haproxy.ts';
import { startPostgres, type TestPostgres } from '../../tests/helpers/postgres.ts';
import { hasTaskset, roomApi, SERVER_CPU, startOurs, type RunningServer } from './servers.ts';

/** Only for the bench's own throwaway cluster on loopback. */
const BENCH_CLUSTER_SECRET = 'bench-cluster-secret-0123456789abcdefgh';

export type ClusterOptions = { nodes: number; storage: 'postgres'; idleUnloadMs: number };

export type RunningCluster = RunningServer & {
  /** What the JSON says about the set-up. */
  setup: { nodes: number; storage: 'postgres'; haproxy: boolean; frontDoor: string };
};

export async function startCluster(options: ClusterOptions): Promise<RunningCluster> {
  const postgres: TestPostgres = await startPostgres();
  const nodes: RunningServer[] = [];
  let haproxy: TestHaproxy | null = null;
  const stop = async () => {
    await haproxy?.stop();
    await Promise.all(nodes.map((n) => n.stop()));
    await postgres.stop();
  };
  try {
    const databaseUrl = await postgres.createDatabase();
    const withHaproxy = haproxyInstalled() && options.nodes === 3;
    for (let i = 1; i <= options.nodes; i++) {
      nodes.push(
        await startOurs({
          storage: 'postgres',
          idleUnloadMs: options.idleUnloadMs,
          label: `node-${i}`,
          env: {
            DATABASE_URL: databaseUrl,
            NODE_ID: `bench-node-${i}`,
            TRUST_PROXY: String(withHaproxy),
            // Forwarding on, as docs/scaling.md runs a cluster: a socket on the wrong node is relayed, not refused.
            CLUSTER_SECRET: BENCH_CLUSTER_SECRET,
          },
        }),
      );
    }
    // The example names three servers; with another count the clients go to the first node.
    if (withHaproxy) haproxy = await startHaproxy(nodes.map((n) => n.port));
    const front = haproxy?.url ?? nodes[0]!.httpUrl;
    const pids = [...nodes.map((n) => n.pid), ...(haproxy ? [haproxy.pid] : []), ...(await databasePids(postgres))];
    if (hasTaskset()) for (const pid of pids) spawnSync('taskset', ['-a', '-cp', SERVER_CPU, String(pid)]);
    const label = `ours ×${options.nodes} (postgres${haproxy ? ', haproxy' : ', no haproxy: all through node-1'})`;
    return {
      kind: 'ours',
      label,
      pid: nodes[0]!.pid,
      pids,
      port: Number(new URL(front).port),
      httpUrl: front,
      wsUrl: `${front.replace(/^http/, 'ws')}/sync`,
      dataDir: null,
      inspectorUrl: () => null,
      ...roomApi(front),
      async liveRooms() {
        const counts = await Promise.all(nodes.map((n) => n.liveRooms()));
        return counts.reduce<number>((sum, n) => sum + (n ?? 0), 0);
      },
      stop,
      setup: { nodes: options.nodes, storage: 'postgres', haproxy: haproxy !== null, frontDoor: front },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The database's long-lived processes: the postmaster, its writers, and the backends the nodes keep open. */
async function databasePids(postgres: TestPostgres): Promise<number[]> {
  const postmaster = Number(fs.readFileSync(path.join(postgres.dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
  const client = new pg.Client({ connectionString: postgres.adminUrl });
  await client.connect();
  try {
    const rows = await client.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity
        WHERE pid <> pg_backend_pid()
          AND backend_type IN ('client backend', 'walwriter', 'checkpointer', 'background writer')`,
    );
    return [postmaster, ...rows.rows.map((r) => r.pid)];
  } finally {
    await client.end();
  }
}
