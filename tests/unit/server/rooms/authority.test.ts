/**
 * The server is the authority: a hostile participant with a stock y-websocket
 * client and a seat of its own tries what the rule table forbids; the server
 * refuses each attempt whole, tells the sender why, and the room's content
 * stays as the honest clients wrote it.
 */
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymousAuthorId } from '../../../../src/model/anonymous.ts';
import { Behaviours } from '../../../../src/model/behaviours.ts';
import { Notes } from '../../../../src/model/notes.ts';
import { CLOSE_CODES } from '../../../../src/model/protocol.ts';
import { boardKeys } from '../../../../src/model/schema.ts';
import { SeatDoc } from '../../../../src/model/seat-doc.ts';
import { encodeUpdateMessage } from '../../../../src/model/wire.ts';
import { seated, serverBoard, type SeatedClient } from '../../../helpers/authority.ts';
import { closeOf, seatIn, syncClient, type SyncClient } from '../../../helpers/sync-client.ts';
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

/** A room with its facilitator's control connection, on `step`. */
async function roomOn(workshop: string, step: string) {
  const { room, key } = server.core.registry.createRoom(workshop, 'en');
  const control = syncClient(server.wsUrl, `${room.id}/control`, { key });
  clients.push(control);
  await control.synced;
  control.control.goToStep(step);
  await until(() => liveControlStep(room.id) === step, 'the server is on the step');
  return { room: room.id, key, control };
}
const boardOf = (room: string) => serverBoard(server, room);
/** A seat's ballot of the question list's vote, as the server stores it. */
const storedBallot = (room: string, seat: string) =>
  new SeatDoc(server.core.registry.snapshot(room as never, `seat/${seat}`)).ballot('core');
const liveControlStep = (room: string) =>
  server.core.registry.snapshot(room as never, 'control').getMap('control').get('stepId');

async function people(room: string, n: number, sub = ''): Promise<SeatedClient[]> {
  const list = Array.from({ length: n }, () => seated(server, room, clients, {}, sub));
  await Promise.all(list.map((c) => c.synced));
  return list;
}

/** Waits for the `count`-th refusal and returns it. */
async function refusal(client: SeatedClient, count = 1) {
  await until(() => client.refusals.length >= count, `refusal ${count} arrives`);
  return client.refusals[count - 1]!;
}

const me = (c: SeatedClient) => ({ id: c.seat, name: 'Me' });

describe('the rule table, enforced on the server', () => {
  it('takes own answers and support, and refuses answers and support forged under another seat', async () => {
    const { room } = await roomOn('five-whys', 'ladder');
    const [anna, mallory] = await people(room, 2);
    const answer = anna!.board.addLadderAnswer('ladder', 0, 'Because customers trust us', me(anna!))!;
    await until(() => boardOf(room).ladderAnswers('ladder').length === 1, 'an honest answer is stored');

    mallory!.board.addLadderAnswer('ladder', 0, 'Forged', { id: anna!.seat, name: 'Anna' });
    expect(await refusal(mallory!)).toMatchObject({ refused: true, rule: 'not_yours' });
    // Thirty fake supporters in one update: none counts.
    const [eve] = await people(room, 1);
    eve!.doc.transact(() => {
      for (let i = 0; i < 30; i++) eve!.board.toggleLadderSupport('ladder', answer.id, `fake-${i}`);
    });
    expect(await refusal(eve!)).toMatchObject({ rule: 'not_yours' });
    // Once refused, the client is ahead of the server: its next write cannot be placed until it starts over.
    mallory!.board.addLadderAnswer('ladder', 0, 'Honest now', me(mallory!));
    expect(await refusal(mallory!, 2)).toMatchObject({ rule: 'out_of_sync' });

    const honest = seated(server, room, clients);
    await honest.synced;
    honest.board.toggleLadderSupport('ladder', answer.id, honest.seat);
    await until(() => boardOf(room).ladderSupport('ladder').get(answer.id)?.size === 1, 'own support counts');
    expect([...boardOf(room).ladderSupport('ladder').get(answer.id)!]).toEqual([honest.seat]);
    expect(boardOf(room).ladderAnswers('ladder').map((a) => a.text)).toEqual(['Because customers trust us']);
  });

  it("refuses removing or rewriting another participant's answer, and keeps it", async () => {
    const { room } = await roomOn('five-whys', 'ladder');
    const [anna, mallory] = await people(room, 2);
    const answer = anna!.board.addLadderAnswer('ladder', 0, 'We keep promises', me(anna!))!;
    await until(() => mallory!.board.ladderAnswers('ladder').length === 1, 'the answer reaches the other client');
    mallory!.board.removeLadderAnswer('ladder', answer.id);
    expect(await refusal(mallory!)).toMatchObject({ rule: 'not_yours' });
    expect(boardOf(room).ladderAnswers('ladder')).toEqual([answer]);
  });

  it('lets everyone sign a consent round once, as themselves, and refuses stuffed or overwritten signals', async () => {
    const { room, control } = await roomOn('five-whys', 'agreement');
    control.control.propose('agreement', 'We make customers feel safe', 1000);
    const [anna, mallory] = await people(room, 2);
    anna!.board.castConsent('agreement', me(anna!), 'agree', '', 1000);
    await until(() => boardOf(room).consentVotes('agreement').size === 1, 'an honest signal is stored');

    mallory!.doc.transact(() => {
      for (let i = 0; i < 30; i++) mallory!.board.castConsent('agreement', { id: `fake-${i}`, name: null }, 'object', '', 1000);
    });
    expect(await refusal(mallory!)).toMatchObject({ rule: 'not_yours' });
    expect(boardOf(room).consentVotes('agreement').size).toBe(1);
  });

  it('refuses every write by a participant on a locked step, and on a step that is not the current one', async () => {
    const { room, control } = await roomOn('five-whys', 'ladder');
    const [anna] = await people(room, 1);
    control.control.setLocked('ladder', true);
    await until(
      () => server.core.registry.snapshot(room as never, 'control').getMap('tools/ladder').get('locked') === true,
      'the lock reaches the server',
    );
    anna!.board.addLadderAnswer('ladder', 0, 'Too late', me(anna!));
    expect(await refusal(anna!)).toMatchObject({ rule: 'locked' });

    const [bo] = await people(room, 1);
    bo!.board.statementDraft('statement').insert(0, 'Sneaked in early');
    expect(await refusal(bo!)).toMatchObject({ rule: 'not_current' });
    expect(boardOf(room).ladderAnswers('ladder')).toEqual([]);
    expect(boardOf(room).statementDraft('statement').toString()).toBe('');
  });

  it('shares the sentence on its step and its consent step until it is agreed, and refuses wiping it after', async () => {
    const { room, control } = await roomOn('five-whys', 'statement');
    const [anna, bo] = await people(room, 2);
    anna!.board.statementDraft('statement').insert(0, 'We make customers feel safe');
    await until(() => bo!.board.statementDraft('statement').length > 0, 'the sentence reaches Bo');
    bo!.board.statementDraft('statement').insert(0, 'Together ');
    await until(() => boardOf(room).statementDraft('statement').toString().startsWith('Together'), 'Bo edits it');

    control.control.goToStep('agreement');
    control.control.propose('agreement', 'Together we make customers feel safe', 2000);
    await until(() => liveControlStep(room) === 'agreement', 'on the consent step');
    anna!.board.statementDraft('statement').insert(anna!.board.statementDraft('statement').length, '.');
    await until(() => boardOf(room).statementDraft('statement').toString().endsWith('.'), 'edited from consent');

    control.control.markAgreed('agreement', 3000);
    await until(
      () =>
        (server.core.registry.snapshot(room as never, 'control').getMap('consent.round/agreement').get('agreedText') ??
          null) !== null,
      'agreement reaches the server',
    );
    const before = boardOf(room).statementDraft('statement').toString();
    bo!.board.replaceStatementDraft('statement', '');
    expect(await refusal(bo!)).toMatchObject({ rule: 'not_current' });
    expect(boardOf(room).statementDraft('statement').toString()).toBe(before);
  });

  it('refuses roots the workshop does not have, nested types, and updates that skip ahead', async () => {
    const { room } = await roomOn('five-whys', 'ladder');
    const [mallory] = await people(room, 1);
    mallory!.doc.getMap('junk').set('x', 'y'.repeat(1000));
    expect(await refusal(mallory!)).toMatchObject({ rule: 'not_allowed' });

    const [eve] = await people(room, 1);
    eve!.doc.getArray(boardKeys.ladderAnswers('ladder')).push([new Y.Map()]);
    expect(await refusal(eve!)).toMatchObject({ rule: 'not_allowed' });

    // An update from a client whose earlier items the server never took.
    const [trent] = await people(room, 1);
    const ahead = new Y.Doc();
    ahead.getArray('x').push(['hidden first']);
    const before = Y.encodeStateVector(ahead);
    ahead.getArray(boardKeys.ladderAnswers('ladder')).push([{ any: 1 }]);
    // Sent as a raw frame: a y-websocket client would hold such an update back as pending.
    trent!.provider.ws!.send(encodeUpdateMessage(Y.encodeStateAsUpdate(ahead, before)));
    expect(await refusal(trent!)).toMatchObject({ rule: 'out_of_sync' });
    expect(boardOf(room).ladderAnswers('ladder')).toEqual([]);
  });

  it("keeps ballots in the voter's own seat, within the budget, and only while the vote is open", async () => {
    const { room, control } = await roomOn('question-list', 'questions');
    const ballotOf = (c: SeatedClient) => new SeatDoc(c.doc);
    // Before the vote is the current step, no ballot is taken.
    const [early] = await people(room, 1, 'seat');
    ballotOf(early!).setBallot('core', { q1: 1 }, null);
    expect(await refusal(early!)).toMatchObject({ rule: 'not_current' });

    control.control.goToStep('core');
    await until(() => liveControlStep(room) === 'core', 'on the vote step');
    const [greedy, junk, honest] = await people(room, 3, 'seat');
    ballotOf(greedy!).setBallot('core', { q1: 3, q2: 3 }, null);
    expect(await refusal(greedy!)).toMatchObject({ rule: 'budget' });
    junk!.doc.getMap('anything').set('x', 'y'.repeat(500));
    expect(await refusal(junk!)).toMatchObject({ rule: 'not_allowed' });
    ballotOf(honest!).setBallot('core', { q1: 2 }, null);
    await until(() => storedBallot(room, honest!.seat) !== null, 'the honest ballot is stored');

    control.control.setLocked('core', true);
    await until(
      () => server.core.registry.snapshot(room as never, 'control').getMap('tools/core').get('locked') === true,
      'the lock reaches the server',
    );
    ballotOf(honest!).setBallot('core', { q1: 5 }, null);
    expect(await refusal(honest!)).toMatchObject({ rule: 'locked' });
    expect(storedBallot(room, honest!.seat)?.dots).toEqual({ q1: 2 });
  });

  it('takes anonymous notes only through the seat, within the per-person limit; the facilitator merges', async () => {
    const { room, key, control } = await roomOn('co-listening-focus', 'ideas');
    control.control.setRevealed('ideas', true);
    const [anna] = await people(room, 1, 'seat');
    const [mallory] = await people(room, 1);
    const annaSeat = new SeatDoc(anna!.doc);
    for (const text of ['Open questions', 'Pauses', 'Summaries']) {
      expect(annaSeat.addNote('ideas', text, me(anna!))).not.toBeNull();
    }
    await until(() => new Notes(boardOf(room).doc).notes('ideas').length === 3, 'the server publishes three notes');
    const pseudonym = anonymousAuthorId(anna!.anonKey, 'ideas');
    expect(new Notes(boardOf(room).doc).notes('ideas').every((n) => n.authorId === pseudonym)).toBe(true);
    // A fourth note gets past a hacked client but not the server.
    annaSeat.addNote('ideas', 'More', me(anna!));
    expect(await refusal(anna!)).toMatchObject({ rule: 'limit_reached' });

    // Written straight onto the board, under a pseudonym or the seat, a note would carry its writer's
    // connection and timing: only the server writes anonymous notes.
    const mine = anonymousAuthorId(mallory!.anonKey, 'ideas');
    mallory!.doc
      .getMap(boardKeys.notes('ideas'))
      .set('m', { id: 'm', text: 'Mine', authorId: mine, authorName: null, at: 5, editedAt: null, merged: 0 });
    expect(await refusal(mallory!)).toMatchObject({ rule: 'not_allowed' });
    const [bo] = await people(room, 1);
    const first = new Notes(boardOf(room).doc).notes('ideas')[0]!;
    await until(() => new Notes(bo!.doc).notes('ideas').length === 3, 'the notes reach Bo');
    bo!.doc.getMap(boardKeys.notes('ideas')).delete(first.id);
    expect(await refusal(bo!)).toMatchObject({ rule: 'not_allowed' });

    const facilitator = seated(server, room, clients, { key });
    await facilitator.synced;
    const [a, b] = new Notes(facilitator.doc).notes('ideas');
    expect(
      new Notes(facilitator.doc).merge('ideas', a!.id, b!.id, { id: facilitator.seat, facilitator: true }).ok,
    ).toBe(true);
    await until(() => new Notes(boardOf(room).doc).notes('ideas').length === 2, 'the facilitator merges');
  });

  it('lets anyone move a behaviour in the order but only its author change its words', async () => {
    const { room } = await roomOn('service-minded', 'behaviours');
    const [anna, bo] = await people(room, 2);
    const added = new Behaviours(anna!.doc).add('behaviours', { text: 'We call back', how: '', signs: '' }, me(anna!));
    const second = new Behaviours(anna!.doc).add('behaviours', { text: 'We listen first', how: '', signs: '' }, me(anna!));
    if (!added.ok || !second.ok) throw new Error('not added');
    await until(() => new Behaviours(bo!.doc).list('behaviours').length === 2, 'the behaviours reach Bo');
    const boList = new Behaviours(bo!.doc);
    expect(boList.moveUp('behaviours', second.behaviour.id).ok).toBe(true);
    await until(
      () => new Behaviours(boardOf(room).doc).list('behaviours')[0]?.id === second.behaviour.id,
      'the move is stored',
    );
    boList.map('behaviours').set(added.behaviour.id, { ...boList.get('behaviours', added.behaviour.id)!, text: 'Rewritten' });
    expect(await refusal(bo!)).toMatchObject({ rule: 'not_yours' });
    expect(new Behaviours(boardOf(room).doc).get('behaviours', added.behaviour.id)?.text).toBe('We call back');
  });

  it('binds the facilitator too: no signal under a participant’s seat', async () => {
    const { room, key, control } = await roomOn('five-whys', 'agreement');
    control.control.propose('agreement', 'A sentence', 1000);
    const [anna] = await people(room, 1);
    const facilitator = seated(server, room, clients, { key });
    await facilitator.synced;
    facilitator.board.castConsent('agreement', { id: anna!.seat, name: null }, 'agree', '', 1000);
    expect(await refusal(facilitator)).toMatchObject({ rule: 'not_yours' });
    expect(boardOf(room).consentVotes('agreement').size).toBe(0);
  });

  it('closes a connection that keeps sending refused updates with 4429', async () => {
    const { room } = await roomOn('five-whys', 'ladder');
    const [mallory] = await people(room, 1);
    for (let i = 0; i < 60; i++) mallory!.doc.getMap('junk').set(`k${i}`, i);
    await until(() => mallory!.closes.some((c) => c.code === CLOSE_CODES.tooManyRefusals), 'closed with 4429');
  });

  it('refuses seats that do not check out with 4407', async () => {
    const { room } = await roomOn('five-whys', 'ladder');
    const other = await roomOn('five-whys', 'ladder');
    const { seat, secret } = seatIn(server, room);
    const url = (r: string, s: string, k: string) => `${server.wsUrl}/${r}?seat=${s}&secret=${k}`;
    for (const attempt of [url(room, seat, 'x'.repeat(21)), url(room, 'y'.repeat(21), secret), url(other.room, seat, secret)]) {
      expect((await closeOf(attempt)).code).toBe(CLOSE_CODES.unknownSeat);
    }
    expect((await closeOf(`${server.wsUrl}/${room}/seat`)).code).toBe(CLOSE_CODES.unknownSeat);
  });
});
