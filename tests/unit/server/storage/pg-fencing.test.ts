/**
 * Two real servers on one PostgreSQL. Server A owns a room; it is paused with
 * SIGSTOP while its client sends one more update. Past A's lease, a client of
 * server B comes for the room: B takes it over and continues from the stored
 * log. A is woken with SIGCONT: its late update must never be stored (the
 * database refuses A's stale fencing token, or A's renewal finds the room
 * gone first), A drops the room, and B's room holds everything acknowledged,
 * each once.
 */
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { WebsocketProvider } from 'y-websocket';
import { startServer, type ServerProcess } from '../../../e2e/fixtures/server.ts';
import { postgresForThisFile, STOP_TIMEOUT_MS, TEST_TIMEOUT_MS } from '../../../helpers/postgres.ts';
import { withClient } from '../../../helpers/store-backends.ts';
import { takeSeat } from '../../../helpers/seat-api.ts';
import { answersOf, createRoom } from '../../../helpers/storage-faults.ts';
import { syncClient, syncUrlOf } from '../../../helpers/sync-client.ts';
import { until } from '../../../helpers/test-server.ts';

const LEASE_MS = 1500;
// Registered first, so its cluster stops after the servers below have gone (after-hooks run in reverse).
const { missing, postgres } = postgresForThisFile('PostgreSQL fencing test');
const servers: ServerProcess[] = [];
const providers: WebsocketProvider[] = [];
afterAll(async () => {
  for (const p of providers) p.destroy();
  for (const s of servers) {
    try {
      process.kill(s.pid, 'SIGCONT');
    } catch {
      // Already gone.
    }
    await s.dispose();
  }
}, STOP_TIMEOUT_MS);

function client(server: ServerProcess, room: string, params: Record<string, string> = {}) {
  const made = syncClient(syncUrlOf(server.url), room, params);
  providers.push(made.provider);
  return made;
}

describe.skipIf(missing !== null)('a paused owner is fenced off', { timeout: TEST_TIMEOUT_MS }, () => {
  it(
    'B takes over A’s room past the lease; A’s late write never lands and A drops the room',
    { timeout: 120_000 },
    async () => {
      const databaseUrl = await postgres.createDatabase();
      const env = (node: string) => ({
        SERVE_PAGES: 'false',
        STORAGE: 'postgres',
        DATABASE_URL: databaseUrl,
        NODE_ID: node,
        LEASE_MS: String(LEASE_MS),
        IDLE_UNLOAD_MS: '60000',
        LOG_LEVEL: 'info',
      });
      const a = await startServer({ env: env('node-a'), captureLogs: true });
      servers.push(a);
      const b = await startServer({ env: env('node-b'), captureLogs: true });
      servers.push(b);

      // Made on A, whose facilitator opens the ladder step.
      const { room } = await createRoom(a.url);
      // Seats are issued by any server: the API reads and writes the shared database.
      const seatX = await takeSeat({ httpUrl: a.url }, room);
      const seatY = await takeSeat({ httpUrl: b.url }, room);

      const x = client(a, room, { seat: seatX.seat, secret: seatX.secret });
      const watcherA = client(a, room);
      await Promise.all([x.synced, watcherA.synced]);
      x.board.addLadderAnswer('ladder', 0, 'before', { id: seatX.seat, name: null });
      await until(() => answersOf(watcherA).includes('before'), 'A stored and sent "before"');
      watcherA.provider.destroy();

      process.kill(a.pid, 'SIGSTOP');
      // Sent to a paused server: it waits in A's socket.
      x.board.addLadderAnswer('ladder', 0, 'late', { id: seatX.seat, name: null });

      // Y comes to B; B may take the room only once A's lease has run out (until then Y is refused and retries).
      const y = client(b, room, { seat: seatY.seat, secret: seatY.secret });
      await y.synced;
      const owner = await withClient(databaseUrl, (c) =>
        c.query('SELECT owner FROM room_leases WHERE room = $1', [room]),
      );
      expect(owner.rows).toEqual([{ owner: 'node-b' }]);
      expect(answersOf(y)).toEqual(['before']);
      y.board.addLadderAnswer('ladder', 0, 'from-b', { id: seatY.seat, name: null });
      const watcherB = client(b, room);
      await until(() => answersOf(watcherB).includes('from-b'), 'B stored and sent "from-b"');

      process.kill(a.pid, 'SIGCONT');
      await until(
        () => a.logs().some((l) => l.includes(room) && /room_lease_lost|storage_write_failed/.test(l)),
        'A learns it lost the room',
        20_000,
      );
      x.provider.destroy();
      const seen = a.logs().filter((l) => l.includes(room) && /room_lease_lost|storage_write_failed/.test(l));
      console.info(
        `fencing: A found out through ${seen.map((l) => (JSON.parse(l) as { event: string }).event).join(', ')}`,
      );

      // Nothing of A's late write, nothing twice, and B never lost the room.
      const check = client(b, room);
      await check.synced;
      expect([...answersOf(check)].sort()).toEqual(['before', 'from-b']);
      const history = await withClient(databaseUrl, (c) =>
        c.query<{ n: string; distinct_seqs: string }>(
          "SELECT count(*) AS n, count(DISTINCT seq) AS distinct_seqs FROM history WHERE room = $1 AND doc = 'board'",
          [room],
        ),
      );
      expect(history.rows[0]!.n).toBe(history.rows[0]!.distinct_seqs);
      expect(b.logs().some((l) => l.includes('room_lease_lost'))).toBe(false);
      // A turns the room's clients away while B holds it ("storage failure: reconnect").
      const socket = new WebSocket(`ws://127.0.0.1:${a.port}/sync/${room}`);
      const code = await new Promise<number>((resolve) => socket.on('close', (c) => resolve(c)));
      expect(code).toBe(4500);
    },
  );
});
