/**
 * The bench's raw-socket receiver against our real server (seats, the update
 * guard, close codes) and against a stock `ws` server (which refuses unmasked
 * client frames, pings with a payload, sends large and fragmented messages
 * and closes with any code).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import * as Y from 'yjs';
import { makeEdit, scanEdits } from '../../../bench/clients/edits.ts';
import { RawWireClient } from '../../../bench/clients/raw-wire-client.ts';
import { CLOSE_CODES } from '../../../src/model/protocol.ts';
import { encodeSyncStep2FromUpdate, encodeUpdateMessage } from '../../../src/model/wire.ts';
import { seatParams } from '../../helpers/seat-api.ts';
import { answersOf, createRoom, seatedWriter } from '../../helpers/storage-faults.ts';
import { syncClient } from '../../helpers/sync-client.ts';
import { startTestServer, until, type TestServer } from '../../helpers/test-server.ts';

const open: { close(): void }[] = [];
const track = <T extends { close(): void }>(client: T): T => {
  open.push(client);
  return client;
};
afterEach(() => {
  for (const client of open.splice(0)) client.close();
});

describe('raw wire client on our server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('syncs the room, writes an edit others see and scans the markers of edits it receives', async () => {
    const { room } = await createRoom(server.httpUrl);
    const writer = await seatedWriter(server.httpUrl, room);
    track({ close: () => writer.provider.destroy() });
    await writer.synced;
    writer.board.addLadderAnswer('ladder', 0, 'written before the raw client came', writer.me);
    await until(async () => {
      const probe = syncClient(server.wsUrl, room);
      await probe.synced;
      const has = answersOf(probe).length === 1;
      probe.provider.destroy();
      return has;
    }, 'the server has the first answer');

    const seat = await seatParams(server, room);
    const markers: string[] = [];
    const raw = track(
      new RawWireClient(server.wsUrl, room, {
        params: seat,
        onUpdate: (update) => scanEdits(update, (sender, seq) => markers.push(`${sender}#${seq}`)),
      }),
    );
    await raw.synced;
    // The sync answer was applied into the raw client's own document.
    expect(raw.board.ladderAnswers('ladder').map((a) => a.text)).toEqual(['written before the raw client came']);

    raw.write(() => makeEdit(raw.board, 'answer', 'raw', seat.seat!, 1, 10));
    await until(() => answersOf(writer).some((t) => t.includes('raw#1@')), 'the writer sees the raw client’s edit');
    expect(raw.refusals).toEqual([]);

    writer.doc.transact(() => makeEdit(writer.board, 'answer', 'writer', writer.me.id, 5, 20));
    await until(() => markers.includes('writer#5'), 'the raw client scans the writer’s marker');
    expect(raw.updatesReceived).toBeGreaterThan(0);
    // Remote updates are only scanned, never applied.
    expect(raw.board.ladderAnswers('ladder')).toHaveLength(2);
  });

  it('gets the guard’s refusal when it writes as someone else’s seat', async () => {
    const { room } = await createRoom(server.httpUrl);
    const raw = track(new RawWireClient(server.wsUrl, room, { params: await seatParams(server, room) }));
    await raw.synced;
    raw.write(() => makeEdit(raw.board, 'answer', 'forger', 'somebody-else', 1, 10));
    await until(() => raw.refusals.length > 0, 'the server refuses the forged author');
    expect(raw.refusals[0]!.refused).toBe(true);
  });

  it('sees the close code of a refused seat', async () => {
    const { room } = await createRoom(server.httpUrl);
    const seat = await seatParams(server, room);
    const raw = track(new RawWireClient(server.wsUrl, room, { params: { ...seat, secret: 'not-the-secret' } }));
    expect(await raw.closed).toBe(CLOSE_CODES.unknownSeat);
    await expect(raw.synced).rejects.toThrow(/before sync/);
  });
});

describe('raw wire client on a stock ws server', () => {
  let wss: WebSocketServer;
  let url: string;
  let onConnection: (socket: WebSocket) => void = () => {};
  beforeAll(async () => {
    wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
    wss.on('connection', (socket) => onConnection(socket));
  });
  afterAll(async () => {
    for (const socket of wss.clients) socket.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  });

  /** A stock server that answers sync step 1 with an empty document, and hands over the socket. */
  function nextSocket(): Promise<{ socket: WebSocket; received: Buffer[] }> {
    return new Promise((resolve) => {
      onConnection = (socket) => {
        const received: Buffer[] = [];
        // ws closes with 1002 on an unmasked client frame: every message that arrives here was masked.
        socket.on('message', (data: Buffer) => received.push(data));
        socket.send(encodeSyncStep2FromUpdate(Y.encodeStateAsUpdate(new Y.Doc())));
        resolve({ socket, received });
      };
    });
  }

  it('masks its frames, answers a ping with its payload and reads large and fragmented messages', async () => {
    const connected = nextSocket();
    const markers: string[] = [];
    const raw = track(
      new RawWireClient(url, 'room', {
        onUpdate: (update) => scanEdits(update, (sender, seq) => markers.push(`${sender}#${seq}`)),
      }),
    );
    const { socket, received } = await connected;
    await raw.synced;
    await until(() => received.length > 0, 'the server reads the client’s sync step 1');

    const pong = new Promise<string>((resolve) => socket.once('pong', (data) => resolve(data.toString())));
    socket.ping('are-you-there');
    expect(await pong).toBe('are-you-there');
    expect(raw.pingsAnswered).toBe(1);

    // 300 KB cannot arrive in one socket read: the frame is put together from several.
    const big = new Uint8Array(300_000).fill(0x20);
    big.set(Buffer.from('big#9@1.5'), 290_000);
    socket.send(encodeUpdateMessage(big));
    const message = encodeUpdateMessage(Buffer.from('(frag#3@2.5)'));
    socket.send(message.subarray(0, 4), { fin: false });
    socket.send(message.subarray(4), { fin: true });
    await until(() => markers.length === 2, 'both markers scanned');
    expect(markers).toEqual(['big#9', 'frag#3']);
    expect(raw.updatesReceived).toBe(2);
  });

  it('reports the close code the server sends and answers the close', async () => {
    const connected = nextSocket();
    const raw = track(new RawWireClient(url, 'room'));
    const { socket } = await connected;
    await raw.synced;
    const answered = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.close(4321, 'bench over');
    expect(await raw.closed).toBe(4321);
    expect(await answered).toBe(4321);
  });

  it('closes with a protocol error when the server sends something that is not y-websocket', async () => {
    const connected = nextSocket();
    const raw = track(new RawWireClient(url, 'room'));
    const { socket } = await connected;
    await raw.synced;
    const answered = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send(Buffer.from([0x7f, 0x7f, 0x7f]));
    expect(await raw.closed).toBe(1002);
    expect(await answered).toBe(1002);
  });
});

describe('raw wire client handshake', () => {
  it('gives up on a server that answers with the wrong accept, or does not upgrade at all', async () => {
    const server = http.createServer((_req, res) => res.writeHead(403).end());
    // Upgraded sockets leave the server's books: they are ended here, or close() would wait for them.
    const upgraded: Duplex[] = [];
    server.on('upgrade', (req, socket) => {
      upgraded.push(socket);
      if (req.url?.includes('refuse')) {
        socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      socket.write(
        'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
          'Sec-WebSocket-Accept: bm90LXRoZS1oYXNo\r\n\r\n',
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const wrongAccept = track(new RawWireClient(url, 'room'));
      expect(await wrongAccept.closed).toBe(1006);
      await expect(wrongAccept.synced).rejects.toThrow(/before sync/);
      const refused = track(new RawWireClient(url, 'refuse'));
      expect(await refused.closed).toBe(1006);
      expect(refused.refusedWithStatus).toBe(403);
    } finally {
      for (const socket of upgraded) socket.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
