/**
 * The browser's room connection with a seat: the seat's private document
 * syncs for the seat's own connection, and a seat the server does not know is
 * refused, reported, and dropped, while the room itself stays usable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RoomId } from '../../../src/model/ids.ts';
import { SeatDoc } from '../../../src/model/seat-doc.ts';
import { RoomConnection } from '../../../src/sync/room-connection.ts';
import { newSeat } from '../../helpers/rooms-api.ts';
import { startTestServer, until, type TestServer } from '../../helpers/test-server.ts';

let server: TestServer;
const connections: RoomConnection[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const c of connections) c.destroy();
  await server.close();
});

const open = (room: string, seat?: { seat: string; secret: string }, onSeatRefused?: () => void) => {
  const connection = new RoomConnection({
    room: room as RoomId,
    role: 'participant',
    presence: { id: 'p', name: null, role: 'participant' },
    serverUrl: server.wsUrl,
    webSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket,
    ...(seat ? { seat } : {}),
    ...(onSeatRefused ? { onSeatRefused } : {}),
  });
  connections.push(connection);
  return connection;
};

describe('RoomConnection with a seat', () => {
  it('keeps the seat document across a new connection of the same seat (a reload, another device)', async () => {
    const { room } = server.core.registry.createRoom('question-list', 'en');
    const seat = await newSeat(server, room.id);
    const first = open(room.id, seat);
    await until(() => first.status === 'online', 'online');
    new SeatDoc(first.seatDoc!).setBallot('core', { a: 1 }, null);
    first.destroy();
    const second = open(room.id, seat);
    await until(() => new SeatDoc(second.seatDoc!).ballot('core') !== null, 'the ballot comes back');
    expect(new SeatDoc(second.seatDoc!).ballot('core')?.dots).toEqual({ a: 1 });
    expect(open(room.id).seatDoc).toBeNull();
  });

  it('reports a seat the server does not know, and stays in the room without it', async () => {
    const { room } = server.core.registry.createRoom('question-list', 'en');
    let refused = 0;
    const connection = open(room.id, { seat: 'unknownseat123456789', secret: 'x'.repeat(32) }, () => refused++);
    await until(() => connection.seatRefused, 'the seat is refused');
    expect(refused).toBe(1);
    await until(() => connection.status === 'online', 'the room is still online');
  });
});
