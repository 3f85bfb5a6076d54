/**
 * The browser's connection backs off across failed attempts even when each
 * attempt opens and syncs before the server closes it. The failure is real:
 * a trigger in the server's database aborts every insert of one room (as a
 * damaged page would), so each attempt resends the unstored update, the write
 * fails again and the server closes with 4500. y-websocket alone restarts its
 * backoff on every sync: such a client came back every quarter second.
 */
import { DatabaseSync } from 'node:sqlite';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import type { ParticipantId, RoomId } from '../../../src/model/ids.ts';
import { CLOSE_CODES, type SeatGrant } from '../../../src/model/protocol.ts';
import { ReconnectBackoff, STABLE_CONNECTION_MS } from '../../../src/sync/doc-link.ts';
import { RoomConnection } from '../../../src/sync/room-connection.ts';
import { requestSeat } from '../../../src/sync/seats.ts';
import { startServer, type ServerProcess } from '../../e2e/fixtures/server.ts';
import { createRoom, dbFileOf } from '../../helpers/storage-faults.ts';
import { until } from '../../helpers/test-server.ts';

const servers: ServerProcess[] = [];
const connections: RoomConnection[] = [];
afterEach(async () => {
  for (const c of connections.splice(0)) c.destroy();
  for (const s of servers.splice(0)) await s.dispose();
});

/** How long reconnects are counted once the failures began. */
const WINDOW_MS = 6000;

describe('ReconnectBackoff', () => {
  it('grows across attempts that were up only briefly and starts over after a stable connection', () => {
    let now = 0;
    const backoff = new ReconnectBackoff(() => now);
    const top = () => 1;
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      backoff.connected();
      now += 500; // synced, then closed by the server half a second later
      delays.push(backoff.closed(top));
    }
    expect(delays).toEqual([250, 500, 1000, 2000, 4000, 5000]);
    backoff.connected();
    now += STABLE_CONNECTION_MS;
    expect(backoff.closed(top)).toBe(250);
    // An attempt that never opened counts as failed too.
    expect(backoff.closed(top)).toBe(500);
  });
});

describe('reconnecting while the server cannot store', () => {
  it('backs off exponentially although every attempt syncs first', { timeout: 60_000 }, async () => {
    const server = await startServer({ env: { SERVE_PAGES: 'false' } });
    servers.push(server);
    const { room } = await createRoom(server.url);
    const wsUrl = `${server.url.replace('http', 'ws')}/sync`;
    // Every socket the connection opens to the board, with the time it was opened.
    const boardOpens: number[] = [];
    const closes: number[] = [];
    class CountingSocket extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols);
        if (new URL(url).pathname === `/sync/${room}`) {
          boardOpens.push(performance.now());
          this.on('close', (code) => closes.push(code));
        }
      }
    }
    let held: SeatGrant | null = null;
    const connection = new RoomConnection({
      room: room as RoomId,
      role: 'participant',
      presence: { id: 'ignored' as ParticipantId, name: 'Ada', role: 'participant' },
      seats: {
        current: () => held,
        renew: async () =>
          (held = await requestSeat({ room: room as RoomId, role: 'participant', origin: server.url })),
        adopt: (grant) => void (held = grant),
      },
      serverUrl: wsUrl,
      webSocketImpl: CountingSocket as unknown as typeof globalThis.WebSocket,
    });
    connections.push(connection);
    await until(() => connection.status === 'online', 'the participant is online', 20_000);

    const db = new DatabaseSync(dbFileOf(server.dataDir));
    db.exec(
      `CREATE TRIGGER fail_room BEFORE INSERT ON updates WHEN NEW.room = '${room}' ` +
        "BEGIN SELECT RAISE(ABORT, 'injected write failure'); END",
    );
    db.close();
    connection.board.addLadderAnswer('ladder', 0, 'never stored', { id: connection.seatId!, name: 'Ada' });
    await until(() => closes.includes(CLOSE_CODES.storageFailure), 'the server closes with 4500', 20_000);
    const start = performance.now();
    const opensBefore = boardOpens.length;
    await until(() => performance.now() - start >= WINDOW_MS, 'the window passes', WINDOW_MS + 5000);
    const reconnects = boardOpens.filter((at) => at > start).length;
    const failures = closes.filter((c) => c === CLOSE_CODES.storageFailure).length;
    console.info(
      `${reconnects} reconnects and ${failures} storage failures in ${WINDOW_MS} ms (${opensBefore} opens before)`,
    );
    // Delays of at least 125, 250, 500, 1000 and 2000 ms (half of 250·2ⁿ, jittered): at most 5 in 6 s,
    // one more for slack. y-websocket's own counter allowed one every 125–250 ms plus the round trip.
    expect(reconnects).toBeLessThanOrEqual(6);
    // And it keeps trying: the storage may come back.
    expect(reconnects).toBeGreaterThanOrEqual(2);
    expect(connection.refusal).toBeNull();
  });
});
