/**
 * The relay keeps backpressure (server/cluster/socket-relay.ts): a client
 * that stops reading makes the relay stop reading from the owner, so what
 * waits piles up at the owner (whose slow-reader rule then applies) and not
 * in the relaying server's memory. Once the client reads again, every frame
 * arrives, in order.
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { openRelay, RELAY_HIGH_WATER_BYTES, type Relay } from '../../../../server/cluster/socket-relay.ts';
import { until } from '../../../helpers/test-server.ts';

const FRAME_BYTES = 256 * 1024;
/** 40 MiB: far more than loopback socket buffers can hold, even at their largest (several MiB each way). */
const FRAMES = 160;
const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

async function listen(server: http.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => server.close());
  return (server.address() as AddressInfo).port;
}

describe('socket relay', () => {
  it('stops reading from the owner while the client does not read, and loses nothing', async () => {
    // The owner: sends FRAMES numbered frames as fast as it may.
    const owner = http.createServer();
    const ownerWss = new WebSocketServer({ server: owner });
    let ownerSocket: WebSocket | null = null;
    ownerWss.on('connection', (ws) => {
      ownerSocket = ws;
      for (let i = 0; i < FRAMES; i++) ws.send(Buffer.alloc(FRAME_BYTES, i));
    });
    const ownerPort = await listen(owner);

    // The relaying server.
    const relays: Relay[] = [];
    const relayWss = new WebSocketServer({ noServer: true });
    const front = http.createServer();
    front.on('upgrade', (request, socket, head) =>
      openRelay({
        request,
        socket,
        head,
        upstreamUrl: `ws://127.0.0.1:${ownerPort}${request.url}`,
        headers: {},
        wss: relayWss,
        handshakeTimeoutMs: 5000,
        maxPayload: 2 * FRAME_BYTES,
        onUnreachable: (why) => {
          throw new Error(why);
        },
        onOpen: (relay) => relays.push(relay),
      }),
    );
    const frontPort = await listen(front);

    // A client that completes its handshake and then reads nothing.
    const client = new WebSocket(`ws://127.0.0.1:${frontPort}/sync/x`, { maxPayload: 2 * FRAME_BYTES });
    const received: number[] = [];
    client.on('message', (data: Buffer) => received.push(data[0]!));
    await new Promise((resolve) => client.once('open', resolve));
    closers.push(() => client.terminate());
    (client as unknown as { _socket: net.Socket })._socket.pause();

    await until(() => relays.length === 1 && ownerSocket !== null, 'the relay is open');
    // Once nothing moves any more (the same figures over 20 looks in a row)...
    let last = '';
    let same = 0;
    await until(
      () => {
        const now = `${ownerSocket!.bufferedAmount}/${relays[0]!.buffered().toClient}`;
        same = now === last ? same + 1 : 0;
        last = now;
        return same >= 20;
      },
      'the frames stop moving',
      20_000,
    );
    // ...the owner is left holding what the client does not take...
    expect(ownerSocket!.bufferedAmount).toBeGreaterThan(4 * FRAME_BYTES);
    // ...while the relay holds no more than its high-water mark and the frame that crossed it.
    expect(relays[0]!.buffered().toClient).toBeLessThanOrEqual(RELAY_HIGH_WATER_BYTES + 2 * FRAME_BYTES);

    (client as unknown as { _socket: net.Socket })._socket.resume();
    await until(() => received.length === FRAMES, 'every frame arrives once the client reads', 20_000);
    expect(received).toEqual(Array.from({ length: FRAMES }, (_, i) => i));
    ownerWss.close();
    relayWss.close();
  });
});
