/**
 * The whole server (in process) on STORAGE=postgres: rooms and their content
 * outlive a restart, /health names the store, and a room's lease is held
 * while the room is loaded and given back when it is unloaded for idleness
 * or the server shuts down, so another server can serve it at once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { authorOf, steer } from '../../../helpers/seats.ts';
import { postgresForThisFile, TEST_TIMEOUT_MS } from '../../../helpers/postgres.ts';
import { withClient } from '../../../helpers/store-backends.ts';
import { seatIn, syncClient, type SyncClient } from '../../../helpers/sync-client.ts';
import { startTestServer, until, type TestServer } from '../../../helpers/test-server.ts';

const { missing, postgres } = postgresForThisFile('PostgreSQL server tests skipped');

const servers: TestServer[] = [];
const clients: SyncClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.provider.destroy();
  for (const s of servers.splice(0)) await s.close();
});

async function start(databaseUrl: string, node: string, env: Record<string, string> = {}) {
  const server = await startTestServer({ STORAGE: 'postgres', DATABASE_URL: databaseUrl, NODE_ID: node, ...env });
  servers.push(server);
  return server;
}

function connect(server: TestServer, room: string, params: Record<string, string> = {}) {
  const client = syncClient(server.wsUrl, room, params);
  clients.push(client);
  return client;
}

const leaseOwners = (url: string, room: string) =>
  withClient(url, async (c) => (await c.query('SELECT owner FROM room_leases WHERE room = $1', [room])).rows);
const texts = (client: SyncClient) => client.board.ladderAnswers('ladder').map((a) => a.text);

describe.skipIf(missing !== null)('the server on STORAGE=postgres', { timeout: TEST_TIMEOUT_MS }, () => {
  it('keeps rooms and content across a restart, and says which store it uses', async () => {
    const url = await postgres.createDatabase();
    const first = await start(url, 'node-1');
    const health = await (await fetch(`${first.httpUrl}/health`)).json();
    expect(health).toMatchObject({ ok: true, storage: { kind: 'postgres', startupProblems: [] } });
    const { room, key } = first.core.registry.createRoom('five-whys', 'en');
    await steer(first, room.id, key, 'ladder');
    const seat = seatIn(first, room.id);
    const writer = connect(first, room.id, seat.params);
    const observer = connect(first, room.id);
    await Promise.all([writer.synced, observer.synced]);
    writer.board.addLadderAnswer('ladder', 0, 'kept', authorOf(seat));
    await until(() => texts(observer).includes('kept'), 'the answer is stored and sent');
    for (const c of clients.splice(0)) c.provider.destroy();
    await servers.splice(0)[0]!.close();

    const second = await start(url, 'node-1');
    expect(second.core.registry.getRoom(room.id)?.workshop).toBe('five-whys');
    const reader = connect(second, room.id);
    await reader.synced;
    expect(texts(reader)).toEqual(['kept']);
  });

  it('holds a room’s lease while it is loaded and gives it back once the room is unloaded for idleness', async () => {
    const url = await postgres.createDatabase();
    const server = await start(url, 'node-1', { IDLE_UNLOAD_MS: '200' });
    const { room } = server.core.registry.createRoom('five-whys', 'en');
    const reader = connect(server, room.id);
    await reader.synced;
    expect(await leaseOwners(url, room.id)).toEqual([{ owner: 'node-1' }]);
    reader.provider.destroy();
    await until(async () => (await leaseOwners(url, room.id)).length === 0, 'the lease is released after the unload');
    expect(server.core.registry.isRoomLive(room.id)).toBe(false);
  });

  it('gives every lease back at shutdown: another server serves the room at once, with everything stored', async () => {
    const url = await postgres.createDatabase();
    // A lease far longer than the test: only the release can let the second server in.
    const first = await start(url, 'node-1', { LEASE_MS: '600000' });
    const { room, key } = first.core.registry.createRoom('five-whys', 'en');
    await steer(first, room.id, key, 'ladder');
    const seat = seatIn(first, room.id);
    const writer = connect(first, room.id, seat.params);
    await writer.synced;
    writer.board.addLadderAnswer('ladder', 0, 'before shutdown', authorOf(seat));
    await until(() => first.core.store.loadDoc(room.id, 'board').updates.length > 0, 'the answer is stored');
    expect(await leaseOwners(url, room.id)).toEqual([{ owner: 'node-1' }]);
    // Shut down with the writer still in the room, as SIGTERM finds a workshop.
    await servers.splice(0)[0]!.close();
    writer.provider.destroy();
    expect(await leaseOwners(url, room.id)).toEqual([]);

    const second = await start(url, 'node-2', { LEASE_MS: '600000' });
    const reader = connect(second, room.id);
    await reader.synced;
    expect(texts(reader)).toEqual(['before shutdown']);
    expect(await leaseOwners(url, room.id)).toEqual([{ owner: 'node-2' }]);
  });
});
