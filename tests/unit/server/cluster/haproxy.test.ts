/**
 * Three real servers on one PostgreSQL, behind HAProxy with the example
 * configuration (deploy/haproxy/haproxy.cfg): a room is created and joined
 * through the front door, every socket of the room lands on the node that
 * holds it, and when that node is stopped (SIGTERM, a rolling restart) or
 * killed (kill -9) the room carries on through the front door on another node
 * with everything that was acknowledged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Board } from '../../../../src/model/board.ts';
import { Control } from '../../../../src/model/control.ts';
import { CLOSE_CODES } from '../../../../src/model/protocol.ts';
import { startCluster, postJson, syncClient, type TestClient, type TestCluster } from '../../../helpers/haproxy-cluster.ts';
import { haproxyMissingReason } from '../../../helpers/haproxy.ts';
import {
  postgresMissingReason,
  START_TIMEOUT_MS,
  STOP_TIMEOUT_MS,
  startPostgres,
  type TestPostgres,
} from '../../../helpers/postgres.ts';
import { until } from '../../../helpers/test-server.ts';

const LEASE_MS = 1500;
/** A stopped node's clients must be synced with another node within this (the "a couple of seconds"). */
const HANDOVER_LIMIT_MS = 3000;
const missing = postgresMissingReason() ?? haproxyMissingReason();
if (missing) console.warn(`HAProxy cluster test skipped: ${missing}`);

let postgres: TestPostgres | null = null;
let cluster: TestCluster | null = null;
const clients: TestClient[] = [];
beforeAll(async () => {
  if (missing) return;
  postgres = await startPostgres();
  cluster = await startCluster({ databaseUrl: await postgres.createDatabase(), leaseMs: LEASE_MS, haproxy: true });
}, START_TIMEOUT_MS);
afterAll(async () => {
  for (const c of clients) c.provider.destroy();
  await cluster?.dispose();
  await postgres?.stop();
}, STOP_TIMEOUT_MS);

function connect(name: string, params: Record<string, string> = {}): TestClient {
  const client = syncClient(cluster!.url, name, params);
  clients.push(client);
  return client;
}

const texts = (c: TestClient) =>
  new Board(c.doc)
    .ladderAnswers('ladder')
    .map((a) => a.text)
    .sort();

type Room = { room: string; writers: { client: TestClient; seat: string }[]; watcher: TestClient };

/** A room made through the front door, its ladder open, two seated writers and a watcher connected through it too. */
async function openRoom(): Promise<Room> {
  const front = cluster!.url;
  const { room, facilitatorKey } = await postJson<{ room: string; facilitatorKey: string }>(`${front}/api/rooms`, {
    workshop: 'five-whys',
    locale: 'en',
  });
  const facilitator = connect(`${room}/control`, { key: facilitatorKey });
  await facilitator.synced();
  new Control(facilitator.doc).goToStep('ladder');
  const writers = [];
  for (let i = 0; i < 2; i++) {
    const grant = await postJson<{ seat: string; secret: string }>(`${front}/api/rooms/${room}/seats`, {});
    const client = connect(room, { seat: grant.seat, secret: grant.secret });
    writers.push({ client, seat: grant.seat });
  }
  const watcher = connect(room);
  await Promise.all([...writers.map((w) => w.client.synced()), watcher.synced()]);
  return { room, writers, watcher };
}

function write(room: Room, writer: number, text: string): void {
  const { client, seat } = room.writers[writer]!;
  new Board(client.doc).addLadderAnswer('ladder', 0, text, { id: seat, name: null });
}

/**
 * How long each of the room's clients was away (from its socket closing to its
 * next full sync), and the close codes each one saw meanwhile.
 */
function watchGaps(room: Room): { gaps: () => number[]; closes: number[][] } {
  const gaps: number[] = [];
  const closes: number[][] = [];
  for (const c of [...room.writers.map((w) => w.client), room.watcher]) {
    let closedAt: number | null = null;
    const codes: number[] = [];
    closes.push(codes);
    c.provider.on('connection-close', (event: { code: number } | null) => {
      if (event) codes.push(event.code);
    });
    c.provider.on('status', ({ status }: { status: string }) => {
      if (status === 'disconnected' && closedAt === null) closedAt = performance.now();
    });
    c.provider.on('sync', (synced: boolean) => {
      if (synced && closedAt !== null) {
        gaps.push(performance.now() - closedAt);
        closedAt = null;
      }
    });
  }
  return { gaps: () => gaps, closes };
}

describe.skipIf(missing !== null)('three nodes behind HAProxy', () => {
  it(
    'a room made and joined through HAProxy works, and all its sockets are on its owner',
    { timeout: 60_000 },
    async () => {
      const room = await openRoom();
      write(room, 0, 'one');
      write(room, 1, 'two');
      await until(() => texts(room.watcher).join() === 'one,two', 'both answers reach the watcher', 10_000);

      const owner = await cluster!.ownerOf(room.room);
      expect(owner).not.toBeNull();
      // Every socket of the room (the facilitator's, two writers', a watcher's) is on the owner.
      const loads = await Promise.all(cluster!.nodes.map(async (n) => ({ id: n.id, ...(await cluster!.load(n)) })));
      for (const load of loads) {
        if (load.id === owner) expect(load.clients).toBe(clients.length);
        else expect(load).toMatchObject({ rooms: 0, clients: 0 });
      }
      // The API agrees whichever node answers: every node reads the same database.
      for (const node of cluster!.nodes) {
        const response = await fetch(`${node.server.url}/api/rooms/${room.room}`);
        expect(response.status).toBe(200);
      }
    },
  );

  it.each([
    ['SIGTERM', true],
    ['SIGKILL', false],
  ] as const)(
    'with its owner stopped by %s the room carries on through HAProxy on another node',
    { timeout: 90_000 },
    async (signal, handover) => {
      const room = await openRoom();
      write(room, 0, 'before');
      await until(() => texts(room.watcher).includes('before'), 'the watcher has "before"', 10_000);
      const owner = cluster!.node((await cluster!.ownerOf(room.room))!);
      const { gaps, closes } = watchGaps(room);

      await owner.server.stop(signal);
      // Written while the owner is gone: kept by the client and sent to the next owner on reconnect.
      write(room, 1, 'during');
      await until(() => gaps().length === 3, 'every client synced again', 30_000);
      write(room, 0, 'after');
      await until(
        () => texts(room.watcher).join() === 'after,before,during',
        'the watcher has every answer through the new owner',
        10_000,
      );
      const next = await cluster!.ownerOf(room.room);
      expect(next).not.toBeNull();
      expect(next).not.toBe(owner.id);
      // A fresh client through the front door loads it all from the database.
      const late = connect(room.room);
      await late.synced();
      expect(texts(late)).toEqual(['after', 'before', 'during']);

      const worst = Math.max(...gaps());
      console.info(
        `${signal}: clients synced with ${next} after ${gaps()
          .map((g) => Math.round(g))
          .join(', ')} ms`,
      );
      // A stopped node hands its rooms over at once; a killed one's lease must run out first.
      expect(worst).toBeLessThan(handover ? HANDOVER_LIMIT_MS : LEASE_MS + HANDOVER_LIMIT_MS);
      // A stopped node says "server restarting" once, and the next one takes the room on the first try: its
      // leases were given back before the clients were told to go (no "storage failure, retry" in between).
      if (handover) expect(closes).toEqual(closes.map(() => [CLOSE_CODES.serverRestarting]));
      console.info(`${signal}: close codes seen ${JSON.stringify(closes)}`);

      await owner.server.restart();
      await until(
        async () => (await fetch(`${cluster!.url}/health`)).ok,
        'the restarted node is back behind HAProxy',
        10_000,
      );
    },
  );

  it(
    'a rolling restart of all three nodes: one "server restarting" per restart at most, nothing lost',
    { timeout: 120_000 },
    async () => {
      const room = await openRoom();
      const { gaps, closes } = watchGaps(room);
      const written: string[] = [];
      for (const [i, node] of cluster!.nodes.entries()) {
        write(room, i % 2, `before-${i}`);
        written.push(`before-${i}`);
        await until(() => texts(room.watcher).includes(`before-${i}`), `the watcher has before-${i}`, 10_000);
        await node.server.stop('SIGTERM');
        write(room, (i + 1) % 2, `during-${i}`);
        written.push(`during-${i}`);
        await node.server.restart();
        // The clients of the restarted node are back once they have synced again; the others never left.
        await until(
          () =>
            [...room.writers.map((w) => w.client), room.watcher].every(
              (c) => c.provider.synced && c.provider.wsconnected,
            ),
          `every client synced after restarting ${node.id}`,
          30_000,
        );
        await until(() => texts(room.watcher).includes(`during-${i}`), `the watcher has during-${i}`, 10_000);
      }
      expect(texts(room.watcher)).toEqual([...written].sort());
      // Each client was closed at most once per restart, always as "server restarting", never refused on its way back.
      for (const codes of closes) {
        expect(codes.length).toBeLessThanOrEqual(cluster!.nodes.length);
        expect(codes.every((c) => c === CLOSE_CODES.serverRestarting)).toBe(true);
      }
      expect(closes.flat().length).toBeGreaterThan(0);
      console.info(
        `rolling restart: closes per client ${JSON.stringify(closes)}, gaps ${gaps().map(Math.round).join(', ')} ms`,
      );
      const late = connect(room.room);
      await late.synced();
      expect(texts(late)).toEqual([...written].sort());
    },
  );
});
