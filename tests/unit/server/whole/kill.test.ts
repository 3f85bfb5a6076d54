/**
 * SIGKILL at random moments during a burst of writes. An update counts as
 * acknowledged once the server has broadcast it (an observer received it);
 * after every restart, every acknowledged update must still be there.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../../../e2e/fixtures/server.ts';
import { takeSeat } from '../../../helpers/seat-api.ts';
import { answersOf, createRoom } from '../../../helpers/storage-faults.ts';
import { syncClient, syncUrlOf } from '../../../helpers/sync-client.ts';

const KILLS = Number(process.env.KILL_ROUNDS ?? 8);
const WRITES_PER_TICK = 5;
/** How long a round may write before its first update is acknowledged (a loaded CI machine is slow, not stuck). */
const ACK_WAIT_MS = 15_000;

let server: ServerProcess | null = null;
afterAll(async () => {
  await server?.stop('SIGKILL');
});

/** A stock y-websocket client of the server reached at `url`. */
const client = (url: string, room: string, params: Record<string, string> = {}) =>
  syncClient(syncUrlOf(url), room, params);

describe('kill -9 during a write burst', () => {
  it(`loses no acknowledged update over ${KILLS} kills`, { timeout: 120_000 }, async () => {
    server = await startServer({ env: { SERVE_PAGES: 'false', IDLE_UNLOAD_MS: '60000' } });
    // The writer is a participant with a seat, writing answers under it on the ladder step, which createRoom opens.
    const { room } = await createRoom(server.url);
    const seat = await takeSeat({ httpUrl: server.url }, room);
    const author = { id: seat.seat, name: null };
    const acknowledged = new Set<string>();
    let written = 0;

    for (let round = 0; round < KILLS; round++) {
      const writer = client(server.url, room, { seat: seat.seat, secret: seat.secret });
      const observer = client(server.url, room);
      await Promise.all([writer.synced, observer.synced]);
      observer.board.ladderAnswersArray('ladder').observe(() => {
        for (const text of answersOf(observer)) acknowledged.add(text);
      });
      // Write continuously and kill the server at a random moment within the burst, once the round has
      // had something acknowledged: on a loaded machine the first broadcast can come later than the whole
      // window, and a round that acknowledged nothing would test nothing.
      const killAfterMs = 20 + Math.floor(Math.random() * 200);
      const before = acknowledged.size;
      const started = Date.now();
      while (Date.now() - started < killAfterMs || acknowledged.size === before) {
        if (Date.now() - started > ACK_WAIT_MS)
          throw new Error(`round ${round}: nothing acknowledged in ${ACK_WAIT_MS} ms`);
        for (let i = 0; i < WRITES_PER_TICK; i++) writer.board.addLadderAnswer('ladder', 0, `u${written++}`, author);
        await new Promise((r) => setImmediate(r));
      }
      await server.stop('SIGKILL');
      writer.provider.destroy();
      observer.provider.destroy();
      await server.restart();

      const checker = client(server.url, room);
      await checker.synced;
      const present = new Set(answersOf(checker));
      const lost = [...acknowledged].filter((text) => !present.has(text));
      expect(lost, `round ${round}: acknowledged updates lost after kill -9`).toEqual([]);
      checker.provider.destroy();
    }
    console.info(
      `kill: ${KILLS} kills survived, ${written} updates written, ${acknowledged.size} acknowledged, all present`,
    );
    expect(acknowledged.size).toBeGreaterThanOrEqual(KILLS);
  });
});
