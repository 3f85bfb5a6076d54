/**
 * The real server on STORAGE=postgres: several seated participants write at
 * once, the server is killed with SIGKILL at a random moment, restarted on the
 * same database, and every update any client had been sent back (the server
 * broadcasts only what is committed) must be there. Then all clients, having
 * reconnected, converge on the same board.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../../../e2e/fixtures/server.ts';
import { postgresForThisFile, STOP_TIMEOUT_MS, TEST_TIMEOUT_MS } from '../../../helpers/postgres.ts';
import { takeSeat } from '../../../helpers/seat-api.ts';
import { answersOf, createRoom } from '../../../helpers/storage-faults.ts';
import { syncClient, syncUrlOf, type SyncClient } from '../../../helpers/sync-client.ts';
import { until } from '../../../helpers/test-server.ts';

const KILLS = 3;
const WRITERS = 4;
// Registered first, so its cluster stops after the servers below have gone (after-hooks run in reverse).
const { missing, postgres } = postgresForThisFile('PostgreSQL kill test');
let server: ServerProcess | null = null;
afterAll(async () => {
  await server?.dispose();
}, STOP_TIMEOUT_MS);

/** A stock y-websocket client of the server reached at `url`. */
const client = (url: string, room: string, params: Record<string, string> = {}) =>
  syncClient(syncUrlOf(url), room, params);

describe.skipIf(missing !== null)(
  'STORAGE=postgres, kill -9 while several clients write',
  { timeout: TEST_TIMEOUT_MS },
  () => {
    it(`loses no acknowledged update over ${KILLS} kills`, { timeout: 240_000 }, async () => {
      const databaseUrl = await postgres.createDatabase();
      // The same NODE_ID after each restart: the new process takes the dead one's rooms back at once.
      server = await startServer({
        env: {
          SERVE_PAGES: 'false',
          IDLE_UNLOAD_MS: '60000',
          STORAGE: 'postgres',
          DATABASE_URL: databaseUrl,
          NODE_ID: 'node-killed',
        },
      });
      // Participants write only on the current step: createRoom opens the ladder and waits until the server has it.
      const { room } = await createRoom(server.url);
      const seats = await Promise.all(Array.from({ length: WRITERS }, () => takeSeat({ httpUrl: server!.url }, room)));
      const acknowledged = new Set<string>();
      let written = 0;

      for (let round = 0; round < KILLS; round++) {
        const writers = seats.map((seat) => client(server!.url, room, { seat: seat.seat, secret: seat.secret }));
        const observer = client(server.url, room);
        await Promise.all([...writers.map((w) => w.synced), observer.synced]);
        observer.board.ladderAnswersArray('ladder').observe(() => {
          for (const text of answersOf(observer)) acknowledged.add(text);
        });
        // Write continuously; once this round has an acknowledged update, kill at a random moment after it.
        const ackedBefore = acknowledged.size;
        let writing = true;
        const burst = (async () => {
          while (writing) {
            for (const [i, w] of writers.entries()) {
              w.board.addLadderAnswer('ladder', 0, `w${i}-${written++}`, { id: seats[i]!.seat, name: null });
            }
            await new Promise((r) => setTimeout(r, 2));
          }
        })();
        await until(() => acknowledged.size > ackedBefore, `round ${round}: a first update acknowledged`, 20_000);
        await new Promise((r) => setTimeout(r, 20 + Math.floor(Math.random() * 200)));
        await server.stop('SIGKILL');
        writing = false;
        await burst;
        for (const c of [...writers, observer]) c.provider.destroy();
        await server.restart();

        const checker = client(server.url, room);
        await checker.synced;
        const present = new Set(answersOf(checker));
        const lost = [...acknowledged].filter((text) => !present.has(text));
        expect(lost, `round ${round}: acknowledged updates lost after kill -9`).toEqual([]);
        checker.provider.destroy();
      }
      expect(acknowledged.size).toBeGreaterThan(KILLS * WRITERS);

      // Once more with the writers left connected through the kill: they reconnect by themselves, send
      // what the server had not stored, and every client ends with the same board holding every write.
      const writers = seats.map((seat) => client(server!.url, room, { seat: seat.seat, secret: seat.secret }));
      await Promise.all(writers.map((w) => w.synced));
      const mine = writers.map(() => [] as string[]);
      for (let n = 0; n < 20; n++) {
        for (const [i, w] of writers.entries()) {
          const text = `late-w${i}-${n}`;
          mine[i]!.push(text);
          w.board.addLadderAnswer('ladder', 0, text, { id: seats[i]!.seat, name: null });
        }
        await new Promise((r) => setTimeout(r, 2));
      }
      await server.stop('SIGKILL');
      await server.restart();
      const reference = client(server.url, room);
      await reference.synced;
      const sorted = (client: SyncClient) => [...answersOf(client)].sort().join('|');
      await until(
        () =>
          mine.flat().every((text) => answersOf(reference).includes(text)) &&
          writers.every((w) => sorted(w) === sorted(reference)),
        'every client converges on one board with every write',
        30_000,
      );
      for (const c of [...writers, reference]) c.provider.destroy();
      console.info(
        `postgres kill: ${KILLS} kills, ${written} updates written, ${acknowledged.size} acknowledged, all present`,
      );
    });
  },
);
