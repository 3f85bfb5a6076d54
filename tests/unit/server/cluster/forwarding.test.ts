/**
 * Three real servers on one PostgreSQL, forwarding to each other: a socket
 * or API call for a room reaches whichever server the client picked, and is
 * served by the room's one owner. A client posing as a server (forwarding
 * headers without the cluster secret) is refused, and the address it claims
 * is never believed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import WebSocket from 'ws';
import type { ServerProcess } from '../../../e2e/fixtures/server.ts';
import { forwardHeaders } from '../../../../server/cluster/forward-auth.ts';
import {
  postgresMissingReason,
  START_TIMEOUT_MS,
  STOP_TIMEOUT_MS,
  TEST_TIMEOUT_MS,
  startPostgres,
  type TestPostgres,
} from '../../../helpers/postgres.ts';
import {
  call,
  CLUSTER_SECRET,
  ladderRoom,
  leaseHolders,
  startNodes,
  syncClient,
  texts,
  type LadderRoom,
  type TestClient,
} from '../../../helpers/cluster.ts';
import { until } from '../../../helpers/test-server.ts';

const LEASE_MS = 2000;
const JOIN_LOOKUPS = 3;
const missing = postgresMissingReason();
if (missing) console.warn(`cluster forwarding test skipped: ${missing}`);

let postgres: TestPostgres | null = null;
let databaseUrl = '';
let nodes: ServerProcess[] = [];
const started: ServerProcess[] = [];
const clients: TestClient[] = [];
beforeAll(async () => {
  if (missing) return;
  postgres = await startPostgres();
  databaseUrl = await postgres.createDatabase();
  nodes = await startNodes(3, databaseUrl, LEASE_MS, started, { JOIN_LOOKUPS_PER_IP_PER_MIN: String(JOIN_LOOKUPS) });
}, START_TIMEOUT_MS);
afterAll(async () => {
  for (const c of clients) c.provider.destroy();
  for (const node of started) await node.dispose();
  await postgres?.stop();
}, STOP_TIMEOUT_MS);

function client(node: ServerProcess, room: string, params: Record<string, string> = {}): TestClient {
  const c = syncClient(node, room, params);
  clients.push(c);
  return c;
}

/** Opens a raw socket and resolves with the close code and reason it ends with. */
function closeOf(url: string, headers: Record<string, string> = {}): Promise<{ code: number; reason: string }> {
  const socket = new WebSocket(url, { headers });
  socket.on('error', () => {});
  return new Promise((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
}

/** Sends `request` as raw bytes and resolves with everything the server answers until it closes. */
function rawRequest(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(request));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
    socket.setTimeout(10_000, () => socket.destroy());
  });
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

describe.skipIf(missing !== null)('any node serves any room', { timeout: TEST_TIMEOUT_MS }, () => {
  let room: LadderRoom;

  it('sockets on two other nodes converge through the one owner, in real time', async () => {
    const [n1, n2, n3] = nodes as [ServerProcess, ServerProcess, ServerProcess];
    room = await ladderRoom(n1, 2);
    const [s1, s2] = room.seats as [LadderRoom['seats'][0], LadderRoom['seats'][0]];
    const a = client(n2, room.room, s1);
    const b = client(n3, room.room, s2);
    const watcher = client(n1, room.room);
    await Promise.all([a.synced, b.synced, watcher.synced]);
    a.board.addLadderAnswer('ladder', 0, 'from node 2', { id: s1.seat, name: null });
    await until(() => texts(b.board).includes('from node 2'), 'node 3’s client sees node 2’s write', 10_000);
    b.board.addLadderAnswer('ladder', 0, 'from node 3', { id: s2.seat, name: null });
    await until(() => texts(a.board).includes('from node 3'), 'node 2’s client sees node 3’s write', 10_000);
    await until(() => texts(watcher.board).length === 2, 'the owner’s own client sees both', 10_000);

    // One owner: node 1 holds the lease, and the others hold nothing of the room in memory.
    expect(await leaseHolders(databaseUrl, room.room)).toEqual(['node-1']);
    for (const node of [n2, n3]) {
      const health = await call<{ rooms: number; relayed: number }>(node, '/health');
      expect(health.body.rooms, `${node.url} holds no room`).toBe(0);
      expect(health.body.relayed, `${node.url} relays its client`).toBeGreaterThanOrEqual(1);
    }
    // A socket for a room that does not exist is refused as unknown, and leaves no lease behind.
    const nowhere = 'A'.repeat(21);
    expect((await closeOf(`ws://127.0.0.1:${n2.port}/sync/${nowhere}`)).code).toBe(4404);
    expect(await leaseHolders(databaseUrl, nowhere)).toEqual([]);
    expect(nodes[1]!.logs().some((l) => l.includes('cluster_joined'))).toBe(true);
  });

  it('API calls on any node agree, and need the live room where they must', async () => {
    const [n1, n2, n3] = nodes as [ServerProcess, ServerProcess, ServerProcess];
    // Which seats are online is known only to the owner's sockets: asked on node 3, answered by node 1.
    const listed = await call<{ seats: { seat: string; online: boolean }[] }>(n3, `/api/rooms/${room.room}/seats`, {
      headers: bearer(room.key),
    });
    expect(listed.status).toBe(200);
    expect(listed.body.seats.map((s) => [s.seat, s.online]).sort()).toEqual(
      room.seats.map((s) => [s.seat, true]).sort(),
    );
    // Facilitator-only calls stay so when forwarded.
    expect((await call(n2, `/api/rooms/${room.room}/seats`)).status).toBe(401);
    expect((await call(n2, `/api/rooms/${room.room}/seats`, { headers: bearer('f'.repeat(43)) })).status).toBe(403);

    const exports = await Promise.all(
      nodes.map((node) =>
        call<{ steps: unknown[] }>(node, `/api/rooms/${room.room}/export?format=json`, { headers: bearer(room.key) }),
      ),
    );
    for (const e of exports) expect(e.status).toBe(200);
    expect(JSON.stringify(exports[2]!.body.steps)).toContain('from node 2');
    expect(exports[2]!.body.steps).toEqual(exports[0]!.body.steps);
    expect(exports[1]!.body.steps).toEqual(exports[0]!.body.steps);

    // A seat issued on node 2 is at once usable through node 3.
    const extra = await call<{ seat: string; secret: string }>(n2, `/api/rooms/${room.room}/seats`, { body: {} });
    expect(extra.status).toBe(201);
    const c = client(n3, room.room, extra.body);
    await c.synced;
    expect(texts(c.board).sort()).toEqual(['from node 2', 'from node 3']);

    // A guest reading through node 3; replacing the link on node 2 closes it on the owner, and the close
    // code and reason come through both relays unchanged.
    const guest = closeOf(`ws://127.0.0.1:${n3.port}/sync/${room.room}`);
    await until(
      async () => (await call<{ clients: number }>(n1, '/health')).body.clients >= 5,
      'the guest is on the owner',
      10_000,
    );
    const rotated = await call<{ participant: string }>(n2, `/api/rooms/${room.room}/invite`, {
      method: 'POST',
      headers: bearer(room.key),
    });
    expect(rotated.status).toBe(200);
    expect((await guest).code).toBe(4410);
    expect(await leaseHolders(databaseUrl, room.room)).toEqual(['node-1']);
  });

  it('refuses a client posing as a server, and never believes the address it claims', async () => {
    const n2 = nodes[1]!;
    const path = `/sync/${room.room}`;
    // Made-up headers, and headers signed with a wrong secret: both refused before anything is served.
    const madeUp = {
      'x-ledestjerne-forwarded-for': '10.0.0.7',
      'x-ledestjerne-forwarded-at': String(Date.now()),
      'x-ledestjerne-forwarded-sig': '0'.repeat(64),
    };
    const wrongSecret = forwardHeaders('not-the-cluster-secret-at-all-0123456789', 'GET', path, '10.0.0.8');
    expect((await closeOf(`ws://127.0.0.1:${n2.port}${path}`, madeUp)).code).toBe(4403);
    expect((await closeOf(`ws://127.0.0.1:${n2.port}${path}`, wrongSecret)).code).toBe(4403);
    // A signature is bound to its request: a valid one replayed on another path is refused.
    const stolen = forwardHeaders(CLUSTER_SECRET, 'GET', `/sync/${room.room}/control`, '10.0.0.9');
    expect((await closeOf(`ws://127.0.0.1:${n2.port}${path}`, stolen)).code).toBe(4403);

    // A malformed handshake for a relayed room: refused by node 2, and the owner keeps no socket open for it.
    const owner = nodes[0]!;
    const clientsOnOwner = async () => (await call<{ clients: number }>(owner, '/health')).body.clients;
    const baseline = await clientsOnOwner();
    const answer = await rawRequest(
      n2.port,
      // With the key: the owner accepts the relay (a guest would be turned away since the link was replaced).
      `GET ${path}?key=${room.key} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        'Sec-WebSocket-Key: not-a-key\r\nSec-WebSocket-Version: 13\r\n\r\n',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    await until(async () => (await clientsOnOwner()) === baseline, 'the owner drops the relay of a refused handshake');

    // Join lookups are limited per address: this client uses up its own allowance...
    const lookup = (headers: Record<string, string> = {}) => call(n2, '/api/join/ABCD-EFGH', { headers });
    for (let i = 0; i < JOIN_LOOKUPS; i++) expect((await lookup()).status).not.toBe(429);
    expect((await lookup()).status).toBe(429);
    // ...and cannot get a fresh one by claiming another address: refused, not counted as someone else.
    for (let i = 0; i < 5; i++) {
      const spoofed = { ...madeUp, 'x-ledestjerne-forwarded-for': `10.0.1.${i}` };
      expect((await lookup(spoofed)).status).toBe(403);
    }
    // A real forward (signed with the secret) is counted as the client it names.
    const signed = forwardHeaders(CLUSTER_SECRET, 'GET', '/api/join/ABCD-EFGH', '10.0.2.1');
    expect((await lookup(signed)).status).not.toBe(429);
  });
});
