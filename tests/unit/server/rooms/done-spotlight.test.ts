/**
 * "I'm done" and the spotlight against hostile stock clients: a seat says done
 * only for itself and only on the current step (the rule table), and the
 * spotlight lives in the control document, which no participant can write,
 * seat or not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Done } from '../../../../src/model/done.ts';
import { boardKeys } from '../../../../src/model/schema.ts';
import { Spotlight } from '../../../../src/model/spotlight.ts';
import { seated, type SeatedClient } from '../../../helpers/authority.ts';
import { syncClient, type SyncClient } from '../../../helpers/sync-client.ts';
import { startTestServer, until, type TestServer } from '../../../helpers/test-server.ts';

let server: TestServer;
const clients: SyncClient[] = [];
beforeAll(async () => {
  server = await startTestServer({ REFUSAL_BURST: '40' });
});
afterAll(async () => {
  for (const c of clients) c.provider.destroy();
  await server.close();
});

const snapshot = (room: string, doc: 'board' | 'control') => server.core.registry.snapshot(room as never, doc);
const storedDone = (room: string, step: string) => [...new Done(snapshot(room, 'board')).list(step).keys()].sort();

async function roomOn(step: string) {
  const { room, key } = server.core.registry.createRoom('five-whys', 'en');
  const control = syncClient(server.wsUrl, `${room.id}/control`, { key });
  clients.push(control);
  await control.synced;
  control.control.goToStep(step);
  await until(() => snapshot(room.id, 'control').getMap('control').get('stepId') === step, 'the server is on the step');
  return { room: room.id, key, control };
}

async function person(room: string, sub = ''): Promise<SeatedClient> {
  const client = seated(server, room, clients, {}, sub);
  await client.synced;
  return client;
}

async function refusal(client: SeatedClient, count = 1) {
  await until(() => client.refusals.length >= count, `refusal ${count} arrives`);
  return client.refusals[count - 1]!;
}

describe("I'm done, enforced on the server", () => {
  it('takes a seat saying done for itself and taking it back, on the current step', async () => {
    const { room } = await roomOn('ladder');
    const anna = await person(room);
    new Done(anna.doc).set('ladder', anna.seat, true);
    await until(() => storedDone(room, 'ladder').length === 1, 'the server keeps the done');
    expect(storedDone(room, 'ladder')).toEqual([anna.seat]);
    new Done(anna.doc).set('ladder', anna.seat, false);
    await until(() => storedDone(room, 'ladder').length === 0, 'taking it back removes it');
    expect(anna.refusals).toEqual([]);
  });

  it("refuses done under another seat, removing another's done, and done on another step", async () => {
    const { room } = await roomOn('ladder');
    const anna = await person(room);
    new Done(anna.doc).set('ladder', anna.seat, true);
    await until(() => storedDone(room, 'ladder').length === 1, "Anna's done arrives");

    const mallory = await person(room);
    new Done(mallory.doc).set('ladder', 'someone-else', true);
    expect(await refusal(mallory)).toMatchObject({ refused: true, rule: 'not_yours' });

    const eve = await person(room);
    await until(() => new Done(eve.doc).isDone('ladder', anna.seat), "Eve sees Anna's done");
    new Done(eve.doc).set('ladder', anna.seat, false);
    expect(await refusal(eve)).toMatchObject({ rule: 'not_yours' });

    // Done on a step that is not the current one: ahead of the room, or a stale step left behind.
    const trudy = await person(room);
    new Done(trudy.doc).set('statement', trudy.seat, true);
    expect(await refusal(trudy)).toMatchObject({ rule: 'not_current' });

    // Not a done at all: the value must have the done shape.
    const oscar = await person(room);
    oscar.doc.getMap(boardKeys.done('ladder')).set(oscar.seat, 'I am so done');
    expect(await refusal(oscar)).toMatchObject({ rule: 'invalid' });

    expect(storedDone(room, 'ladder')).toEqual([anna.seat]);
    expect(storedDone(room, 'statement')).toEqual([]);
  });

  it('keeps done per step: the next step starts at zero, and a seatless client writes nothing', async () => {
    const { room, control } = await roomOn('ladder');
    const anna = await person(room);
    new Done(anna.doc).set('ladder', anna.seat, true);
    await until(() => storedDone(room, 'ladder').length === 1, 'done on the ladder');
    control.control.goToStep('statement');
    await until(() => snapshot(room, 'control').getMap('control').get('stepId') === 'statement', 'moved on');
    expect(storedDone(room, 'statement')).toEqual([]);
    // Taking back a done of a step the room has left is refused too: the step is closed to participants.
    new Done(anna.doc).set('ladder', anna.seat, false);
    expect(await refusal(anna)).toMatchObject({ rule: 'not_current' });

    const seatless = syncClient(server.wsUrl, room);
    clients.push(seatless);
    await seatless.synced;
    new Done(seatless.doc).set('statement', 'nobody', true);
    const marker = await person(room);
    new Done(marker.doc).set('statement', marker.seat, true);
    await until(() => storedDone(room, 'statement').length === 1, "the marker's done arrives");
    expect(storedDone(room, 'statement')).toEqual([marker.seat]);
  });
});

describe('the spotlight, enforced on the server', () => {
  it('is written by the facilitator only: a seated participant on the control document changes nothing', async () => {
    const { room, control } = await roomOn('ladder');
    new Spotlight(control.doc).show('ladder', 'answer', 'answer-1');
    await until(() => new Spotlight(snapshot(room, 'control')).current() !== null, 'the spotlight is stored');

    const mallory = await person(room, 'control');
    await until(() => new Spotlight(mallory.doc).current()?.itemId === 'answer-1', 'Mallory sees it');
    new Spotlight(mallory.doc).show('ladder', 'answer', 'forged');
    new Spotlight(mallory.doc).clear();
    // A later facilitator write and a fresh reader: a round trip after Mallory's writes.
    control.control.saveStatementVersion('statement', 'marker');
    const observer = syncClient(server.wsUrl, `${room}/control`, { role: 'projector' });
    clients.push(observer);
    await observer.synced;
    await until(() => observer.control.statementVersions('statement').length === 1, 'the observer has the marker');
    expect(new Spotlight(observer.doc).current()).toMatchObject({
      stepId: 'ladder',
      kind: 'answer',
      itemId: 'answer-1',
    });
    expect(new Spotlight(snapshot(room, 'control')).current()?.itemId).toBe('answer-1');

    new Spotlight(control.doc).clear();
    await until(() => new Spotlight(snapshot(room, 'control')).current() === null, 'back to the board');
  });
});
