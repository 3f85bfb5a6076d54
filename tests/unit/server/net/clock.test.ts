/**
 * Steps of the server's wall clock (NTP, sleep and resume), made in-process
 * with Vitest's fake Date while every timer stays real: no rate limit may lock
 * anyone out, and the time the server tells screens is still wall-clock time.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { startTestServer, until, type TestServer } from '../../../helpers/test-server.ts';
import { createRoom, seatedWriter } from '../../../helpers/storage-faults.ts';
import { syncClient, type SyncClient } from '../../../helpers/sync-client.ts';

const servers: TestServer[] = [];
const clients: SyncClient[] = [];
afterEach(async () => {
  vi.useRealTimers();
  for (const c of clients.splice(0)) c.provider.destroy();
  for (const s of servers.splice(0)) await s.close();
});

/** Opens a raw socket to a room and resolves with "open" or the close code the server sends first. */
function connectOnce(wsUrl: string, room: string): Promise<'open' | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${wsUrl}/${room}`);
    const timer = setTimeout(() => {
      resolve('open');
      ws.close();
    }, 150);
    ws.on('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    ws.on('error', () => {});
  });
}

const MINUTE_MS = 60_000;

describe('wall-clock steps', () => {
  it(
    'lock nobody out: connections, messages and new rooms within the limits pass after steps back and forth',
    { timeout: 30_000 },
    async () => {
      // Faked before the server starts, so that anything in it reading the wall clock reads this one;
      // it runs on with real time, and steps when told to.
      vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
      // Tight limits, so that a bucket drained by a backward step would refuse at once.
      const server = await startTestServer({
        CONN_BURST_PER_IP: '4',
        CONN_RATE_PER_IP_PER_SEC: '20',
        ROOMS_PER_IP_PER_MIN: '6',
        MSG_BURST: '20',
        MSG_RATE_PER_SEC: '50',
      });
      servers.push(server);
      const { room } = await createRoom(server.httpUrl);
      const writer = await seatedWriter(server.httpUrl, room);
      clients.push(writer);
      await writer.synced;

      for (const step of [-30 * MINUTE_MS, +60 * MINUTE_MS, -5 * MINUTE_MS, -24 * 60 * MINUTE_MS]) {
        vi.setSystemTime(Date.now() + step);
        // Within the connection rate: one every 100 ms.
        for (let i = 0; i < 3; i++) {
          expect(await connectOnce(server.wsUrl, room), `connection after a ${step / 1000} s step`).toBe('open');
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        // Within the message rate: a few edits.
        for (let i = 0; i < 5; i++) writer.board.addLadderAnswer('ladder', 0, `after ${step}: ${i}`, writer.me);
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(
          writer.closes.map((c) => c.code),
          'the writer was not refused',
        ).toEqual([]);
        // Room creation: one per step, within the burst of six.
        expect(
          (
            await fetch(`${server.httpUrl}/api/rooms`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ workshop: 'five-whys', locale: 'da' }),
            })
          ).status,
        ).toBe(201);
        // The clock screens read is the (stepped) wall clock.
        // (Between the asking and the answer: the clock runs on in real time meanwhile.)
        const asked = Date.now();
        const told = (await (await fetch(`${server.httpUrl}/api/time`)).json()) as { now: number };
        expect(told.now).toBeGreaterThanOrEqual(asked);
        expect(told.now).toBeLessThanOrEqual(Date.now());
        await new Promise((resolve) => setTimeout(resolve, 1100));
      }
      const reader = syncClient(server.wsUrl, room);
      clients.push(reader);
      await reader.synced;
      await until(() => reader.board.ladderAnswers('ladder').length === 20, 'every edit stored');
    },
  );
});
