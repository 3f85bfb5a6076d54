/**
 * 200 participants lose the server at the same instant and come back. The
 * clients back off with jitter; the server sheds what exceeds its accept rate
 * ("try again later") instead of falling over, and everyone ends up synced.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RoomId } from '../../../../src/model/ids.ts';
import type { SeatGrant } from '../../../../src/model/protocol.ts';
import { RoomConnection } from '../../../../src/sync/room-connection.ts';
import type { SeatSource } from '../../../../src/sync/seats.ts';
import { startTestServer, until, type TestServer } from '../../../helpers/test-server.ts';

/** Counts "try again later" refusals as the clients see them, without changing their behaviour. */
let refusals = 0;
class CountingWebSocket extends WebSocket {
  constructor(url: string | URL, protocols?: string | string[]) {
    super(url, protocols);
    this.on('close', (code) => {
      if (code === 4529) refusals++;
    });
  }
}

/** A seat source that holds one seat issued in advance (the storm is about reconnecting, not joining). */
function fixedSeat(grant: SeatGrant): SeatSource {
  return {
    current: () => grant,
    renew: () => Promise.reject(new Error('the storm test never loses its seat')),
    adopt: () => {},
  };
}

const CLIENTS = Number(process.env.STORM_CLIENTS ?? 200);
let server: TestServer;
const connections: RoomConnection[] = [];

beforeAll(async () => {
  server = await startTestServer({
    // A low global accept rate makes the server shed part of the storm; on loopback every client
    // shares one address, so the per-address limit (tested on its own) is lifted here.
    ACCEPT_RATE_PER_SEC: '150',
    ACCEPT_BURST: '100',
    CONN_BURST_PER_IP: '100000',
    MAX_CLIENTS_PER_ADDRESS_PER_ROOM: '100000',
  });
});
afterAll(async () => {
  for (const c of connections) c.destroy();
  await server.close();
});

describe('reconnect storm', () => {
  it(`brings ${CLIENTS} dropped clients back without overloading the server`, { timeout: 90_000 }, async () => {
    const { room, key } = server.core.registry.createRoom('five-whys', 'en');
    const facilitator = new RoomConnection({
      room: room.id as RoomId,
      role: 'facilitator',
      facilitatorKey: key,
      presence: { id: 'facilitator', name: 'F', role: 'facilitator' },
      serverUrl: server.wsUrl,
      webSocketImpl: CountingWebSocket as unknown as typeof globalThis.WebSocket,
    });
    connections.push(facilitator);
    for (let i = 0; i < CLIENTS; i++) {
      connections.push(
        new RoomConnection({
          room: room.id as RoomId,
          role: 'participant',
          presence: { id: `p${i}`, name: null, role: 'participant' },
          // Each participant holds a seat, as browsers do: three sockets each (board, control, seat document).
          seats: fixedSeat(server.core.registry.issueSeat(room.id)),
          serverUrl: server.wsUrl,
          webSocketImpl: CountingWebSocket as unknown as typeof globalThis.WebSocket,
        }),
      );
    }
    await until(() => connections.every((c) => c.status === 'online'), 'everyone online', 60_000);

    const refusalsBefore = refusals;
    // Each client notices the drop on its own; some are back before the last one has noticed.
    const dropped = new Set<RoomConnection>();
    for (const c of connections) c.subscribe(() => c.status !== 'online' && dropped.add(c));
    const dropAt = Date.now();
    server.core.sync.disconnectAll('serverRestarting');
    await until(() => dropped.size === connections.length, 'everyone dropped', 10_000);
    // Work done while everyone is away must reach everyone when they are back.
    facilitator.control.goToStep('ladder');

    await until(() => connections.every((c) => c.status === 'online'), 'everyone back online', 60_000);
    const backAfterMs = Date.now() - dropAt;
    await until(
      () => connections.every((c) => c.control.currentStepId() === 'ladder'),
      'everyone has the new step',
      10_000,
    );
    const health = await fetch(`${server.httpUrl}/health`);
    expect(health.status).toBe(200);
    const shed = refusals - refusalsBefore;
    console.info(
      `storm: ${CLIENTS} clients (${CLIENTS * 3} sockets) back in ${backAfterMs} ms, ${shed} connection attempts shed with 4529`,
    );
    expect(server.core.sync.size).toBe(CLIENTS * 3 + 2);
    expect(shed).toBeGreaterThan(0);
  });
});
