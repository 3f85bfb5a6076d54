/**
 * One document's failed write must not fail the documents that shared its
 * group commit. The failure is real: a trigger in the server's own database
 * aborts every insert for one room, as a damaged page where its rows go would.
 */
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../../../e2e/fixtures/server.ts';
import {
  answersOf,
  createRoom,
  dbFileOf,
  observerOf,
  readRoom,
  seatedWriter,
} from '../../../helpers/storage-faults.ts';
import type { SyncClient } from '../../../helpers/sync-client.ts';
import { until } from '../../../helpers/test-server.ts';

const servers: ServerProcess[] = [];
const clients: SyncClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.provider.destroy();
  for (const s of servers.splice(0)) await s.dispose();
});

const ROUNDS = 30;

describe('failure isolation in the group commit', () => {
  it("keeps the other rooms' writes when one room's write fails in the same commit", { timeout: 60_000 }, async () => {
    const server = await startServer({ env: { SERVE_PAGES: 'false' } });
    servers.push(server);
    const failing = await createRoom(server.url);
    const healthy = await createRoom(server.url);
    // Seated writers on the open ladder step, as the rules require; the observer sees what was stored.
    const bad = await seatedWriter(server.url, failing.room);
    const good = await seatedWriter(server.url, healthy.room);
    const observer = observerOf(server.url, healthy.room);
    clients.push(bad, good, observer);
    await Promise.all([bad.synced, good.synced, observer.synced]);

    const db = new DatabaseSync(dbFileOf(server.dataDir));
    db.exec(
      `CREATE TRIGGER fail_one_room BEFORE INSERT ON updates WHEN NEW.room = '${failing.room}' ` +
        "BEGIN SELECT RAISE(ABORT, 'injected write failure'); END",
    );
    db.close();

    // Both write in the same turn, round after round, so that their updates share commits.
    for (let round = 0; round < ROUNDS; round++) {
      bad.board.addLadderAnswer('ladder', 0, `bad ${round}`, bad.me);
      good.board.addLadderAnswer('ladder', 0, `good ${round}`, good.me);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await until(() => bad.closes.some((c) => c.code === 4500), 'the failing room is told "storage failure"', 20_000);
    const expected = Array.from({ length: ROUNDS }, (_, i) => `good ${i}`);
    await until(() => answersOf(observer).length === ROUNDS, 'every write of the healthy room stored', 20_000);
    expect(
      good.closes.map((c) => c.code),
      'the healthy room was never failed',
    ).toEqual([]);
    expect(await readRoom(server.url, healthy.room)).toEqual({ answers: expected });
  });
});
