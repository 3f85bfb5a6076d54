/**
 * Nothing is lost: a hostile writer with a stock client wipes a step (the
 * facilitator's own board connection, which the rules let remove anything, or
 * a seated participant on the shared sentence). The history lists the wipe
 * with who and when, a restore brings the step back into the live board, every
 * client converges to it, the export has it, and restoring to the moment just
 * before the restore undoes it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryAnswer, RestoreAnswer } from '../../../../src/model/history.ts';
import { historyPaths } from '../../../../src/model/history.ts';
import { seated, serverBoard, type SeatedClient } from '../../../helpers/authority.ts';
import { exportJson } from '../../../helpers/rooms-api.ts';
import { syncClient, type SyncClient } from '../../../helpers/sync-client.ts';
import { startTestServer, until, type TestServer } from '../../../helpers/test-server.ts';

let server: TestServer;
const clients: SyncClient[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const c of clients) c.provider.destroy();
  await server.close();
});

async function roomOn(workshop: string, step: string) {
  const { room, key } = server.core.registry.createRoom(workshop, 'en');
  const control = syncClient(server.wsUrl, `${room.id}/control`, { key });
  clients.push(control);
  await control.synced;
  control.control.goToStep(step);
  const onStep = () => server.core.registry.snapshot(room.id, 'control').getMap('control').get('stepId') === step;
  await until(onStep, 'the server is on the step');
  return { room: room.id, key };
}

/** A seated client whose presence shows `name`, once the server has that presence. */
async function person(room: string, name: string, extra: Record<string, string> = {}): Promise<SeatedClient> {
  const client = seated(server, room, clients, extra);
  await client.synced;
  const role = extra.key ? 'facilitator' : 'participant';
  client.provider.awareness.setLocalStateField('user', { id: client.seat, name, role });
  const live = () => server.core.registry.acquire(room as never, 'board');
  await until(
    () => [...live().awareness.getStates().values()].some((s) => (s as { user?: { name?: string } }).user?.name === name),
    `${name} is present`,
  );
  return client;
}

const auth = (key: string) => ({ authorization: `Bearer ${key}` });

async function historyOf(room: string, key: string, step: string): Promise<HistoryAnswer> {
  const response = await fetch(server.httpUrl + historyPaths.list(room, step), { headers: auth(key) });
  expect(response.status).toBe(200);
  return (await response.json()) as HistoryAnswer;
}

async function restore(room: string, key: string, body: { step?: string; at: number }): Promise<RestoreAnswer> {
  const response = await fetch(server.httpUrl + historyPaths.restore(room), {
    method: 'POST',
    headers: { ...auth(key), 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as RestoreAnswer;
}

/** Lets the clock move on, so "the moment before" a change is a moment of its own. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

const answersOf = (c: { board: SeatedClient['board'] }) =>
  c.board
    .ladderAnswers('ladder')
    .map((a) => a.text)
    .sort();

describe('history and restore', () => {
  it("lists a facilitator connection's wipe of a step and restores it for every client and the export", async () => {
    const { room, key } = await roomOn('five-whys', 'ladder');
    const anna = await person(room, 'Anna');
    const bo = await person(room, 'Bo');
    const first = anna.board.addLadderAnswer('ladder', 0, 'Customers trust us', { id: anna.seat, name: 'Anna' })!;
    bo.board.addLadderAnswer('ladder', 0, 'We answer quickly', { id: bo.seat, name: 'Bo' });
    bo.board.toggleLadderSupport('ladder', first.id, bo.seat);
    await until(() => serverBoard(server, room).ladderAnswers('ladder').length === 2, 'both answers are stored');
    await until(() => serverBoard(server, room).ladderSupport('ladder').size === 1, 'the support is stored');
    await tick();
    const beforeWipe = Date.now();
    await tick();

    // The facilitator's board connection may remove anything: a hostile script holding the key wipes the step.
    const hostile = await person(room, 'Mallory', { key });
    await until(() => answersOf(hostile).length === 2, 'the hostile client has the step');
    hostile.doc.transact(() => {
      hostile.board.ladderAnswersArray('ladder').delete(0, 2);
      for (const k of [...hostile.board.ladderSupportMap('ladder').keys()])
        hostile.board.ladderSupportMap('ladder').delete(k);
    });
    await until(() => answersOf(anna).length === 0 && answersOf(bo).length === 0, 'the wipe reaches everyone');
    expect(hostile.refusals).toEqual([]);

    const history = await historyOf(room, key, 'ladder');
    expect(history.complete).toBe(true);
    const whoAndWhat = history.changes.map((c) => [
      c.who.kind,
      c.who.name,
      c.effects.map((e) => [e.collection, e.added, e.changed, e.removed]),
    ]);
    expect(whoAndWhat).toEqual([
      ['participant', 'Anna', [['ladder.answers', 1, 0, 0]]],
      ['participant', 'Bo', [['ladder.answers', 1, 0, 0]]],
      ['participant', 'Bo', [['ladder.support', 1, 0, 0]]],
      [
        'facilitator',
        'Mallory',
        [
          ['ladder.answers', 0, 0, 2],
          ['ladder.support', 0, 0, 1],
        ],
      ],
    ]);
    expect(history.changes[0]!.who.seat).toBe(anna.seat);
    expect(history.changes.at(-1)!.at).toBeGreaterThan(beforeWipe);

    const restored = await restore(room, key, { step: 'ladder', at: beforeWipe });
    expect(restored.collections).toBe(2);
    const want = ['Customers trust us', 'We answer quickly'];
    // Stored before the answer: the server's own board has it.
    expect(
      serverBoard(server, room)
        .ladderAnswers('ladder')
        .map((a) => a.text)
        .sort(),
    ).toEqual(want);
    for (const c of [anna, bo, hostile])
      await until(() => answersOf(c).join() === want.join(), 'every client converges');
    expect(bo.board.ladderSupport('ladder').get(first.id)).toEqual(new Set([bo.seat]));
    const exported = JSON.stringify(await exportJson(server, room));
    for (const text of want) expect(exported).toContain(text);

    // The restore is a change like any other: listed, by the server, with the moment it went back to.
    const after = await historyOf(room, key, 'ladder');
    expect(after.changes.at(-1)!.who).toEqual({ kind: 'server', seat: null, name: null, restoredTo: beforeWipe });
    expect(after.changes.at(-1)!.effects.map((e) => [e.collection, e.added])).toEqual([
      ['ladder.answers', 2],
      ['ladder.support', 1],
    ]);

    // Restoring to just before the restore undoes it; undoing that brings the step back again.
    await tick();
    const undone = await restore(room, key, { step: 'ladder', at: restored.at - 1 });
    for (const c of [anna, bo, hostile]) await until(() => answersOf(c).length === 0, 'the undo reaches everyone');
    await restore(room, key, { step: 'ladder', at: undone.at - 1 });
    for (const c of [anna, bo, hostile])
      await until(() => answersOf(c).join() === want.join(), 'the redo reaches everyone');

    // Honest clients keep writing on the restored step: nothing is out of sync.
    anna.board.addLadderAnswer('ladder', 1, 'Trust keeps them', { id: anna.seat, name: 'Anna' });
    await until(() => serverBoard(server, room).ladderAnswers('ladder').length === 3, 'a new answer is stored');
    expect(anna.refusals).toEqual([]);
  });

  it("restores the shared sentence a seated participant wiped, from the whole board's history", async () => {
    const { room, key } = await roomOn('five-whys', 'statement');
    const anna = await person(room, 'Anna');
    const sentence = 'Together we make customers feel safe';
    anna.board.statementDraft('statement').insert(0, sentence);
    await until(
      () => serverBoard(server, room).statementDraft('statement').toString() === sentence,
      'the sentence is stored',
    );
    await tick();
    const beforeWipe = Date.now();
    await tick();

    // The sentence is shared on its step: any seat may edit it, so a hostile one may also empty it.
    const mallory = await person(room, 'Mallory');
    await until(() => mallory.board.statementDraft('statement').length === sentence.length, 'Mallory has the sentence');
    mallory.board.statementDraft('statement').delete(0, sentence.length);
    await until(() => anna.board.statementDraft('statement').length === 0, 'the wipe reaches Anna');

    const history = await historyOf(room, key, 'statement');
    const last = history.changes.at(-1)!;
    expect([last.who.kind, last.who.name, last.effects]).toEqual([
      'participant',
      'Mallory',
      [{ collection: 'statement.draft', unit: 'characters', added: 0, changed: 0, removed: sentence.length }],
    ]);

    await restore(room, key, { at: beforeWipe });
    for (const c of [anna, mallory]) {
      await until(
        () => c.board.statementDraft('statement').toString() === sentence,
        'every client has the sentence again',
      );
    }
    expect(JSON.stringify(await exportJson(server, room))).toContain(sentence);
    // Anna goes on editing the restored sentence.
    anna.board.statementDraft('statement').insert(sentence.length, '.');
    await until(
      () => serverBoard(server, room).statementDraft('statement').toString() === `${sentence}.`,
      'Anna edits on',
    );
  });
});
