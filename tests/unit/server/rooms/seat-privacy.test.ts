/**
 * Silent notes, own definitions and anonymous notes are private on the wire:
 * stock y-websocket clients in Node play honest writers and a hostile
 * participant that records every frame the server sends it. The writers keep
 * their work in their seat documents; the server publishes it to the board at
 * the reveal (silent, define) or at once but without a seat (anonymous).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Define } from '../../../../src/model/define.ts';
import { anonymousAuthorId } from '../../../../src/model/anonymous.ts';
import { newItemId } from '../../../../src/model/ids.ts';
import { Notes } from '../../../../src/model/notes.ts';
import { CLOSE_CODES } from '../../../../src/model/protocol.ts';
import { SeatDoc } from '../../../../src/model/seat-doc.ts';
import type { StepOf } from '../../../../src/model/workshop.ts';
import { recordRefusals, seated } from '../../../helpers/authority.ts';
import { WORKSHOPS_DIR } from '../../../helpers/content.ts';
import { steer } from '../../../helpers/seats.ts';
import { closeOf, seatIn, syncClient, type SyncClient } from '../../../helpers/sync-client.ts';
import { startTestServer, until, type TestServer } from '../../../helpers/test-server.ts';

const clients: SyncClient[] = [];
let server: TestServer;
let dir: string;

beforeAll(async () => {
  // The stock workshops plus the notes test workshop (a silent named step and an anonymous one).
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledestjerne-seat-privacy-'));
  for (const file of fs.readdirSync(WORKSHOPS_DIR))
    fs.copyFileSync(path.join(WORKSHOPS_DIR, file), path.join(dir, file));
  fs.copyFileSync('tests/e2e/workshops/notes-e2e.yaml', path.join(dir, 'notes-e2e.yaml'));
  server = await startTestServer({
    LOG_LEVEL: process.env.TEST_LOG ?? 'error',
    WORKSHOPS_DIR: dir,
    ANONYMOUS_BATCH_MS: '200',
  });
});
afterAll(async () => {
  for (const c of clients) c.provider.destroy();
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A stock client whose socket records every frame the server sends it. */
function recording(name: string, params: Record<string, string>) {
  const frames: Buffer[] = [];
  class Recording extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols);
      this.on('message', (data: Buffer) => frames.push(Buffer.from(data)));
    }
  }
  const client = syncClient(server.wsUrl, name, params, Recording as unknown as typeof globalThis.WebSocket);
  clients.push(client);
  return { client, text: () => Buffer.concat(frames).toString('utf8') };
}

/** A writer's own seat document, as its browser holds it. */
async function writer(room: string) {
  const seat = seatIn(server, room);
  const client = syncClient(server.wsUrl, `${room}/seat`, seat.params);
  clients.push(client);
  await client.synced;
  return { ...seat, client, own: new SeatDoc(client.doc), refusals: recordRefusals(client) };
}

async function room(workshop: string) {
  const { room, key } = server.core.registry.createRoom(workshop, 'en');
  const control = syncClient(server.wsUrl, `${room.id}/control`, { key });
  clients.push(control);
  await control.synced;
  return { id: room.id as string, key, control };
}

const serverNotes = (roomId: string, stepId: string) =>
  new Notes(server.core.registry.snapshot(roomId as never, 'board')).notes(stepId);

describe('silent notes', () => {
  it('stay in the seat until the reveal; a hostile participant sees none and cannot write one to the board', async () => {
    const { id, control } = await room('notes-e2e');
    const mallory = seated(server, id, clients);
    const wall = recording(id, { role: 'projector' });
    const malloryGrant = seatIn(server, id);
    const malloryBoard = recording(id, malloryGrant.params);
    await Promise.all([mallory.synced, wall.client.synced, malloryBoard.client.synced]);

    const ada = await writer(id);
    ada.own.addNote('quiet', 'Ring back before lunch qq1', { id: ada.seat, name: 'Ada' });
    ada.own.addNote('quiet', 'Learn the name qq2', { id: ada.seat, name: 'Ada' });
    const stored = () =>
      server.core.registry.readDoc(id as never, `seat/${ada.seat}`, (d) => new SeatDoc(d).notes('quiet').length);
    await until(() => stored() === 2, 'the seat stores the notes');

    // Mallory writes a silent note straight onto the board: refused, the step is not revealed.
    new Notes(mallory.doc).notesMap('quiet').set('n1', {
      id: 'n1',
      text: 'mine first',
      authorId: mallory.seat,
      authorName: null,
      at: 1,
      editedAt: null,
      merged: 0,
    });
    await until(() => mallory.refusals.length > 0, 'the board note is refused');
    expect(mallory.refusals[0]!.rule).toBe('hidden');
    // Mallory cannot open Ada's seat document with her own secret.
    const stolen = await closeOf(`${server.wsUrl}/${id}/seat?seat=${ada.seat}&secret=${malloryGrant.secret}`);
    expect(stolen.code).toBe(CLOSE_CODES.unknownSeat);
    // A fourth note is over the step's maximum of three: refused in the seat too.
    ada.own.addNote('quiet', 'third qq3', { id: ada.seat, name: 'Ada' });
    ada.own.addNote('quiet', 'fourth qq4', { id: ada.seat, name: 'Ada' });
    await until(() => ada.refusals.some((r) => r.rule === 'limit_reached'), 'the fourth note is refused');

    // A barrier: a board change after the notes reaches both recorders, so anything before it would have too.
    const barrier = seated(server, id, clients);
    await barrier.synced;
    barrier.board.doc.getMap('done/quiet').set(barrier.seat, { at: 1 });
    for (const recorder of [wall, malloryBoard]) {
      await until(() => recorder.text().includes(barrier.seat), 'the recorders are synced past the notes');
    }
    const json = await (await fetch(`${server.httpUrl}/api/rooms/${id}/export?format=json`)).text();
    for (const text of ['qq1', 'qq2', 'qq3']) {
      expect(wall.text()).not.toContain(text);
      expect(malloryBoard.text()).not.toContain(text);
      expect(json).not.toContain(text);
    }
    expect(serverNotes(id, 'quiet')).toEqual([]);

    control.control.setRevealed('quiet', true);
    await until(() => serverNotes(id, 'quiet').length === 3, 'the reveal publishes the notes');
    const published = serverNotes(id, 'quiet');
    expect(published.every((n) => n.authorId === ada.seat && n.authorName === 'Ada')).toBe(true);
    await until(() => stored() === 0, 'the seat hands the notes over to the board');
    await until(() => wall.text().includes('qq1'), 'the projector receives them after the reveal');
  });
});

describe('own definitions', () => {
  it('stay in the seat until the reveal, then the server publishes them under the seat', async () => {
    const { id, key, control } = await room('service-minded');
    await steer(server, id, key, 'definition');
    const other = recording(id, seatIn(server, id).params);
    await other.client.synced;
    const ada = await writer(id);
    ada.own.setOwnDefinition('definition', 'Meeting people where they are dd1', 'Ada');
    await until(
      () =>
        server.core.registry.readDoc(id as never, `seat/${ada.seat}`, (d) =>
          new SeatDoc(d).ownDefinition('definition'),
        ) !== null,
      'stored in the seat',
    );
    const barrier = seated(server, id, clients);
    await barrier.synced;
    barrier.board.doc.getMap('done/definition').set(barrier.seat, { at: 1 });
    await until(() => other.text().includes(barrier.seat), 'the other participant is synced past it');
    expect(other.text()).not.toContain('dd1');
    const define = () => new Define(server.core.registry.snapshot(id as never, 'board'));
    expect(define().ownDefinitions('definition')).toEqual([]);

    control.control.setRevealed('definition', true);
    await until(
      () => define().ownDefinition('definition', ada.seat)?.text === 'Meeting people where they are dd1',
      'published',
    );
    await until(() => ada.own.ownDefinition('definition') === null, 'the seat hands it over');
    // After the reveal the definition is changed on the board; the seat takes none.
    ada.own.setOwnDefinition('definition', 'late dd2', 'Ada');
    await until(
      () => ada.refusals.some((r) => r.rule === 'not_allowed'),
      'a private definition after the reveal is refused',
    );
  });
});

describe('anonymous notes', () => {
  it('are published by the server, under a pseudonym and its client id, and follow their writer’s edits', async () => {
    const { id, key } = await room('notes-e2e');
    await steer(server, id, key, 'stories');
    const step = server.core.workshops.get('notes-e2e')!.steps.find((s) => s.id === 'stories') as StepOf<'notes'>;
    expect(step.anonymous).toBe(true);
    const mallory = seated(server, id, clients);
    await mallory.synced;
    // Mallory writes an "anonymous" note herself, under her own pseudonym: refused, only the server writes them.
    new Notes(mallory.doc).notesMap('stories').set('m1', {
      id: 'm1',
      text: 'from me',
      authorId: anonymousAuthorId(mallory.anonKey, 'stories'),
      authorName: null,
      at: 1,
      editedAt: null,
      merged: 0,
    });
    await until(() => mallory.refusals.length > 0, 'refused');
    expect(mallory.refusals[0]!.rule).toBe('not_allowed');

    const ada = await writer(id);
    const bo = await writer(id);
    const first = ada.own.addNote('stories', 'A caller was lost aa1', { id: ada.seat, name: 'Ada' })!;
    bo.own.addNote('stories', 'We called back bb1', { id: bo.seat, name: 'Bo' });
    // An honest observer (Mallory's own replica keeps her refused note).
    const observer = syncClient(server.wsUrl, id, { role: 'projector' });
    clients.push(observer);
    const board = new Notes(observer.doc);
    await until(() => board.notes('stories').length === 2, 'both notes reach the board');
    const notes = board.notes('stories');
    expect(notes.map((n) => n.authorName)).toEqual([null, null]);
    expect(new Set(notes.map((n) => n.authorId))).toEqual(
      new Set([anonymousAuthorId(ada.anonKey, 'stories'), anonymousAuthorId(bo.anonKey, 'stories')]),
    );
    expect(notes.map((n) => n.authorId)).not.toContain(ada.seat);
    // Every item on the board was written by the server's own Yjs client.
    const live = server.core.registry.acquire(id as never, 'board');
    const serverClient = live.doc.clientID;
    server.core.registry.release(live);
    const writers = new Set<number>();
    board.notesMap('stories')._map.forEach((item) => writers.add(item.id.client));
    expect([...writers]).toEqual([serverClient]);

    // Editing and removing go through the seat document.
    ada.own.editNote('stories', first.id, 'A caller was found aa2');
    await until(() => board.note('stories', first.id)?.text === 'A caller was found aa2', 'the edit is published');
    ada.own.removeNote('stories', first.id);
    await until(() => board.note('stories', first.id) === undefined, 'the removal is published');
    expect(board.notes('stories').map((n) => n.text)).toEqual(['We called back bb1']);
    expect(ada.refusals).toEqual([]);
    // A made-up publication record is refused: only the server writes those.
    ada.own.publishedMap().set(`notes/stories|${newItemId()}`, 'x');
    await until(() => ada.refusals.length > 0, 'refused');
    expect(ada.refusals[0]!.rule).toBe('not_allowed');
  });
});

describe('silent anonymous notes', () => {
  it('wait in the seat until the reveal, then appear under the pseudonym and keep following their writer', async () => {
    const { id, key, control } = await room('co-listening-focus');
    await steer(server, id, key, 'ideas');
    const observer = syncClient(server.wsUrl, id, { role: 'projector' });
    clients.push(observer);
    await observer.synced;
    const board = new Notes(observer.doc);
    const ada = await writer(id);
    const bo = await writer(id);
    const note = ada.own.addNote('ideas', 'Pauses before answering sa1', { id: ada.seat, name: null })!;
    bo.own.addNote('ideas', 'Summing up sb1', { id: bo.seat, name: null });
    const stored = () =>
      server.core.registry.readDoc(id as never, `seat/${ada.seat}`, (d) => new SeatDoc(d).notes('ideas').length);
    await until(() => stored() === 1, 'the seat stores the note');
    await until(
      () =>
        server.core.registry.readDoc(id as never, `seat/${bo.seat}`, (d) => new SeatDoc(d).notes('ideas').length) === 1,
      "Bo's seat stores his",
    );
    server.core.seatWork.flush();
    expect(serverNotes(id, 'ideas')).toEqual([]);

    control.control.setRevealed('ideas', true);
    await until(() => board.notes('ideas').length === 2, 'the reveal publishes both');
    // One batch: both carry its time, so the time says nothing about who wrote first.
    const [first, second] = board.notes('ideas');
    expect(first!.at).toBe(second!.at);
    expect(board.note('ideas', note.id)).toMatchObject({
      authorId: anonymousAuthorId(ada.anonKey, 'ideas'),
      authorName: null,
    });
    // Anonymous notes stay in the seat, which goes on being their source.
    expect(stored()).toBe(1);
    ada.own.editNote('ideas', note.id, 'Pauses, then answering sa2');
    await until(() => board.note('ideas', note.id)?.text === 'Pauses, then answering sa2', 'the edit follows');
    expect(ada.refusals).toEqual([]);
  });
});
