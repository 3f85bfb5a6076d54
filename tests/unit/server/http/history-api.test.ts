/**
 * The history routes' edges: only the facilitator's key reads or restores;
 * history survives compaction, unloading and a restart; a restore loads a room
 * nobody is in; anonymous steps do not name their writers; a room whose
 * history does not reach back to its start is not restored from a guess.
 */
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { HistoryAnswer } from '../../../../src/model/history.ts';
import { historyPaths } from '../../../../src/model/history.ts';
import { Notes } from '../../../../src/model/notes.ts';
import { SeatDoc } from '../../../../src/model/seat-doc.ts';
import { databaseFile } from '../../../../server/storage/sqlite-db.ts';
import { seated, serverBoard } from '../../../helpers/authority.ts';
import { workshopNamed } from '../../../helpers/core-runs.ts';
import { errorOf } from '../../../helpers/rooms-api.ts';
import { seatIn, syncClient, type SyncClient } from '../../../helpers/sync-client.ts';
import { startTestServer, until, type TestServer } from '../../../helpers/test-server.ts';

const servers: TestServer[] = [];
const clients: SyncClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.provider.destroy();
  for (const s of servers.splice(0)) await s.close();
});

async function start(env: Record<string, string> = {}) {
  const server = await startTestServer(env);
  servers.push(server);
  return server;
}

async function roomOn(server: TestServer, workshop: string, step: string) {
  const { room, key } = server.core.registry.createRoom(workshop, 'en');
  const control = syncClient(server.wsUrl, `${room.id}/control`, { key });
  clients.push(control);
  await control.synced;
  control.control.goToStep(step);
  const onStep = () => server.core.registry.snapshot(room.id, 'control').getMap('control').get('stepId') === step;
  await until(onStep, 'the server is on the step');
  return { room: room.id, key, control };
}

const get = (server: TestServer, path: string, headers: Record<string, string> = {}) =>
  fetch(server.httpUrl + path, { headers });
const post = (server: TestServer, path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(server.httpUrl + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('history routes', () => {
  it('answer only the facilitator key, and name unknown steps and bad bodies', async () => {
    const server = await start({ STORAGE: 'memory' });
    const { room, key } = await roomOn(server, 'five-whys', 'ladder');
    const other = server.core.registry.createRoom('five-whys', 'en');
    expect((await errorOf(await get(server, historyPaths.list(room, 'ladder')))).status).toBe(401);
    expect((await errorOf(await get(server, historyPaths.list(room, 'ladder'), bearer(other.key)))).code).toBe(
      'forbidden',
    );
    expect((await errorOf(await post(server, historyPaths.restore(room), { at: 1 }))).status).toBe(401);
    expect((await errorOf(await post(server, historyPaths.restore(room), { at: 1 }, bearer(other.key)))).status).toBe(
      403,
    );
    expect((await errorOf(await get(server, historyPaths.list(room, 'nope'), bearer(key)))).code).toBe('unknown_step');
    expect((await errorOf(await get(server, `/api/rooms/${room}/history`, bearer(key)))).code).toBe('invalid_request');
    expect((await errorOf(await post(server, historyPaths.restore(room), { at: 'yesterday' }, bearer(key)))).code).toBe(
      'invalid_request',
    );
    expect(
      (await errorOf(await post(server, historyPaths.restore(room), { at: 1, step: 'nope' }, bearer(key)))).code,
    ).toBe('unknown_step');
    expect((await errorOf(await get(server, historyPaths.restore(room), bearer(key)))).status).toBe(405);
  });

  it('keeps every update through compaction, unloading and a restart, and restores a room nobody is in', async () => {
    const env = { COMPACT_AFTER_UPDATES: '2', IDLE_UNLOAD_MS: '0' };
    const first = await start(env);
    const { room, key, control } = await roomOn(first, 'five-whys', 'ladder');
    const anna = seated(first, room, clients);
    await anna.synced;
    for (const text of ['One', 'Two', 'Three', 'Four']) {
      anna.board.addLadderAnswer('ladder', 0, text, { id: anna.seat, name: null });
      await until(
        () =>
          serverBoard(first, room)
            .ladderAnswers('ladder')
            .some((a) => a.text === text),
        `${text} is stored`,
      );
      await tick();
    }
    const allFour = Date.now();
    await tick();
    anna.board.ladderAnswersArray('ladder').delete(0, 4);
    await until(() => serverBoard(first, room).ladderAnswers('ladder').length === 0, 'the removal is stored');
    // Nobody left: the board compacts and unloads.
    anna.provider.destroy();
    control.provider.destroy();
    await until(() => !first.core.registry.isLive(room, 'board'), 'the board unloads');
    const db = new DatabaseSync(databaseFile(first.dataDir), { readOnly: true });
    const count = (table: string) =>
      (db.prepare(`SELECT count(*) AS n FROM ${table} WHERE room = ? AND doc = 'board'`).get(room) as { n: number }).n;
    expect(count('updates')).toBe(1);
    expect(count('history')).toBe(5);
    db.close();
    const dataDir = first.dataDir;
    await first.close();
    servers.splice(servers.indexOf(first), 1);

    const second = await start({ ...env, DATA_DIR: dataDir });
    const history = (await (await get(second, historyPaths.list(room, 'ladder'), bearer(key))).json()) as HistoryAnswer;
    expect(history.complete).toBe(true);
    expect(history.changes.map((c) => c.effects[0]!.added - c.effects[0]!.removed)).toEqual([1, 1, 1, 1, -4]);
    expect(second.core.registry.isLive(room, 'board')).toBe(false);
    const response = await post(second, historyPaths.restore(room), { step: 'ladder', at: allFour }, bearer(key));
    expect(response.status).toBe(200);
    expect(
      serverBoard(second, room)
        .ladderAnswers('ladder')
        .map((a) => a.text),
    ).toEqual(['One', 'Two', 'Three', 'Four']);
    // The restore is stored, not only held in memory: it is there once the board unloads and loads again.
    await until(() => !second.core.registry.isLive(room, 'board'), 'the board unloads again');
    expect(serverBoard(second, room).ladderAnswers('ladder')).toHaveLength(4);
  });

  it('names a participant by the name their presence shows on a named step', async () => {
    const server = await start({ STORAGE: 'memory' });
    const { room, key } = await roomOn(server, 'five-whys', 'ladder');
    const anna = seated(server, room, clients);
    await anna.synced;
    await present(server, room, anna, 'Anna');
    anna.board.addLadderAnswer('ladder', 0, 'One', { id: anna.seat, name: 'Anna' });
    await until(() => serverBoard(server, room).ladderAnswers('ladder').length === 1, 'the answer is stored');
    const history = (await (await get(server, historyPaths.list(room, 'ladder'), bearer(key))).json()) as HistoryAnswer;
    expect(history.changes.map((c) => c.who)).toEqual([
      { kind: 'participant', seat: anna.seat, name: 'Anna', restoredTo: null },
    ]);
  });

  it('withholds who wrote on an anonymous step, also from the facilitator', async () => {
    const server = await start({ STORAGE: 'memory' });
    const { room, key, control } = await roomOn(server, 'co-listening-focus', 'ideas');
    control.control.setRevealed('ideas', true);
    const ideas = workshopNamed('co-listening-focus').steps.find((s) => s.id === 'ideas');
    if (ideas?.kind !== 'notes' || !ideas.anonymous) throw new Error('expected an anonymous notes step');
    // Anna is on the board under her name; her note goes into her seat document and the server publishes it.
    const grant = seatIn(server, room);
    const anna = { ...syncClient(server.wsUrl, room, grant.params), seat: grant.seat };
    const annaSeat = syncClient(server.wsUrl, `${room}/seat`, grant.params);
    clients.push(anna, annaSeat);
    await Promise.all([anna.synced, annaSeat.synced]);
    await present(server, room, anna, 'Anna');
    expect(new SeatDoc(annaSeat.doc).addNote('ideas', 'Pauses', { id: grant.seat, name: 'Anna' })).not.toBeNull();
    await until(() => new Notes(serverBoard(server, room).doc).notes('ideas').length === 1, 'the note is stored');
    const history = (await (await get(server, historyPaths.list(room, 'ideas'), bearer(key))).json()) as HistoryAnswer;
    expect(history.changes.map((c) => c.who)).toEqual([{ kind: 'server', seat: null, name: null, restoredTo: null }]);
    expect(JSON.stringify(history)).not.toContain(anna.seat);
    expect(JSON.stringify(history)).not.toContain('Anna');
  });

  it('refuses to restore a room whose history starts after its first update', async () => {
    const server = await start({ STORAGE: 'memory' });
    const { room, key } = server.core.registry.createRoom('five-whys', 'en');
    // A room from before history was kept: its history starts with a later update than the log's first.
    const earlier = new Y.Doc();
    earlier
      .getArray('ladder.answers/ladder')
      .push([{ id: 'a', round: 0, text: 'Old', authorId: 'x', authorName: null, at: 1 }]);
    server.core.store.appendUpdates([{ room: room.id, doc: 'board', seq: 2, data: Y.encodeStateAsUpdate(earlier) }]);
    const history = (await (
      await get(server, historyPaths.list(room.id, 'ladder'), bearer(key))
    ).json()) as HistoryAnswer;
    expect(history.complete).toBe(false);
    const refused = await errorOf(await post(server, historyPaths.restore(room.id), { at: Date.now() }, bearer(key)));
    expect([refused.status, refused.code]).toEqual([409, 'history_incomplete']);
  });
});

/** Publishes `name` as the client's presence, as the browser does, and waits until the room shows it (stamped). */
async function present(
  server: TestServer,
  room: string,
  client: { provider: { awareness: { setLocalStateField(f: string, v: unknown): void } } },
  name: string,
) {
  client.provider.awareness.setLocalStateField('user', { id: 'made-up', name, role: 'participant' });
  await until(
    () =>
      [
        ...server.core.registry
          .acquire(room as never, 'board')
          .awareness.getStates()
          .values(),
      ].some((s) => (s as { user?: { name?: string } }).user?.name === name),
    `${name} is present`,
  );
}
