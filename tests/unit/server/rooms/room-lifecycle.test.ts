/**
 * A room's data has an end: the facilitator deletes it (and everything in it),
 * or the retention does once nobody has opened it for ROOM_RETENTION_DAYS.
 */
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseFile } from '../../../../server/storage/sqlite-db.ts';
import { createRoom, readRoom, seatedWriter } from '../../../helpers/storage-faults.ts';
import { syncClient, type SyncClient } from '../../../helpers/sync-client.ts';
import { startTestServer, until, type TestServer } from '../../../helpers/test-server.ts';

const servers: TestServer[] = [];
const clients: SyncClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.provider.destroy();
  for (const s of servers.splice(0)) await s.close();
});

const DAY_MS = 24 * 60 * 60 * 1000;

function rowsOf(server: TestServer, room: string): number {
  const db = new DatabaseSync(databaseFile(server.dataDir), { readOnly: true });
  try {
    return ['rooms WHERE id', 'seats WHERE room', 'updates WHERE room', 'snapshots WHERE room']
      .map((t) => (db.prepare(`SELECT count(*) AS n FROM ${t} = ?`).get(room) as { n: number }).n)
      .reduce((a, b) => a + b, 0);
  } finally {
    db.close();
  }
}

describe('deleting a room', () => {
  it('takes the facilitator key, closes every socket as for an unknown room, and leaves nothing stored', async () => {
    const server = await startTestServer({ IDLE_UNLOAD_MS: '10' });
    servers.push(server);
    const { room, facilitatorKey } = await createRoom(server.httpUrl);
    const seat = await fetch(`${server.httpUrl}/api/rooms/${room}/seats`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(seat.status).toBe(201);
    const board = await seatedWriter(server.httpUrl, room);
    const control = syncClient(server.wsUrl, `${room}/control`, { key: facilitatorKey });
    clients.push(board, control);
    await Promise.all([board.synced, control.synced]);
    board.board.addLadderAnswer('ladder', 0, 'Åse skrev dette', { id: board.me.id, name: 'Åse' });
    await until(() => rowsOf(server, room) >= 3, 'the answer is stored');

    const del = (headers: Record<string, string>) =>
      fetch(`${server.httpUrl}/api/rooms/${room}`, { method: 'DELETE', headers });
    expect((await del({})).status).toBe(401);
    expect((await del({ authorization: 'Bearer wrong-key-wrong-key-wrong' })).status).toBe(403);
    const deleted = await del({ authorization: `Bearer ${facilitatorKey}` });
    expect(deleted.status).toBe(200);

    await until(() => board.closes.some((c) => c.code === 4404), 'the participant is told the room is gone');
    await until(() => control.closes.some((c) => c.code === 4404), 'the facilitator too');
    expect(rowsOf(server, room)).toBe(0);
    expect((await fetch(`${server.httpUrl}/api/rooms/${room}`)).status).toBe(404);
    expect((await fetch(`${server.httpUrl}/api/rooms/${room}/export?format=json`)).status).toBe(404);
    expect(await readRoom(server.httpUrl, room)).toEqual({ closed: 4404 });
    expect((await del({ authorization: `Bearer ${facilitatorKey}` })).status).toBe(404);
  });
});

describe('retention', () => {
  it('deletes only rooms idle longer than ROOM_RETENTION_DAYS, never one in use, and says when', async () => {
    const server = await startTestServer({ ROOM_RETENTION_DAYS: '30' });
    servers.push(server);
    // Never opened: nothing keeps them loaded, as rooms nobody has come back to.
    const idle = await createRoom(server.httpUrl, { openLadder: false });
    const recent = await createRoom(server.httpUrl, { openLadder: false });
    const inUse = await createRoom(server.httpUrl);
    const client = syncClient(server.wsUrl, inUse.room);
    clients.push(client);
    await client.synced;
    const now = Date.now();
    const db = new DatabaseSync(databaseFile(server.dataDir));
    db.exec('PRAGMA busy_timeout = 5000');
    const setActive = db.prepare('UPDATE rooms SET active_at = ? WHERE id = ?');
    setActive.run(now - 31 * DAY_MS, idle.room);
    setActive.run(now - 29 * DAY_MS, recent.room);
    setActive.run(now - 40 * DAY_MS, inUse.room);
    db.close();

    const info = (await (await fetch(`${server.httpUrl}/api/rooms/${recent.room}`)).json()) as { deletesAt: string };
    expect(Date.parse(info.deletesAt)).toBe(now - 29 * DAY_MS + 30 * DAY_MS);

    expect(server.core.retention.sweep(now)).toEqual([idle.room]);
    expect((await fetch(`${server.httpUrl}/api/rooms/${idle.room}`)).status).toBe(404);
    expect((await fetch(`${server.httpUrl}/api/rooms/${recent.room}`)).status).toBe(200);
    expect((await fetch(`${server.httpUrl}/api/rooms/${inUse.room}`)).status).toBe(200);
    expect(client.closes).toEqual([]);
  });
});

describe('storage quota per address', () => {
  it('refuses new rooms and imports beyond what one address may store in a day', async () => {
    // 0.2 MiB: three rooms of the 64 KiB minimum fit, a fourth does not.
    const server = await startTestServer({ ROOM_QUOTA_MIB_PER_IP_PER_DAY: '0.2', ROOMS_PER_IP_PER_MIN: '100' });
    servers.push(server);
    for (let i = 0; i < 3; i++) await createRoom(server.httpUrl);
    const refused = await fetch(`${server.httpUrl}/api/rooms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ workshop: 'five-whys', locale: 'da' }),
    });
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('quota_exceeded');
    // About a day's share per 0.2 MiB: the wait is hours, not seconds.
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(60 * 60);
  });
});
