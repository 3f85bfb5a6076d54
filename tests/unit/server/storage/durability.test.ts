import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { Board } from '../../../../src/model/board.ts';
import type { RoomId } from '../../../../src/model/ids.ts';
import { applyStoredUpdates } from '../../../../server/rooms/stored-updates.ts';
import { SqliteStore } from '../../../../server/storage/sqlite-store.ts';
import type { UpdateRecord, WriteDone } from '../../../../server/storage/types.ts';
import { MemoryStore } from '../../../../server/storage/memory-store.ts';
import { authorOf, steer, type Seat } from '../../../helpers/seats.ts';
import { seatIn } from '../../../helpers/sync-client.ts';
import { startTestServer, until, type TestServer } from '../../../helpers/test-server.ts';

const servers: TestServer[] = [];
const providers: WebsocketProvider[] = [];
afterEach(async () => {
  for (const p of providers.splice(0)) p.destroy();
  for (const s of servers.splice(0)) await s.close();
});

async function start(env: Record<string, string> = {}) {
  const server = await startTestServer(env);
  servers.push(server);
  return server;
}

/** A board client; with a seat it writes as that seat (participants write only under their own). */
function connect(server: TestServer, roomname: string, seat: Seat | null = null) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(server.wsUrl, roomname, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 100,
    params: seat?.params ?? {},
  });
  providers.push(provider);
  const author = seat ? authorOf(seat) : { id: 'reader', name: null };
  return {
    doc,
    provider,
    author,
    board: new Board(doc),
    synced: new Promise<void>((r) => provider.once('sync', () => r())),
  };
}

/** A room on `step` (participants write only on the current step), and a seated writer's seat in it. */
async function roomOn(server: TestServer, step: string) {
  const { room, key } = server.core.registry.createRoom('five-whys', 'en');
  await steer(server, room.id, key, step);
  return { room: room.id, key };
}
const roomOf = (server: TestServer) => server.core.registry.createRoom('five-whys', 'en').room.id;
const texts = (board: Board) => board.ladderAnswers('ladder').map((a) => a.text);

describe('durable before broadcast', () => {
  it('sends an update to other clients only after the store has it', async () => {
    const server = await start();
    const { room } = await roomOn(server, 'ladder');
    // Everything the store has accepted so far, replayed into one document.
    const storedDoc = new Y.Doc();
    const stored = () => texts(new Board(storedDoc));
    const store = server.core.store;
    const append = store.appendUpdatesAsync.bind(store);
    store.appendUpdatesAsync = (records: readonly UpdateRecord[], done: WriteDone) =>
      append(records, (error) => {
        if (!error) for (const r of records) if (r.doc === 'board') Y.applyUpdate(storedDoc, r.data);
        done(error);
      });
    const writer = connect(server, room, seatIn(server, room));
    const reader = connect(server, room);
    await Promise.all([writer.synced, reader.synced]);
    const seenBeforeStored: string[] = [];
    reader.board.ladderAnswersArray('ladder').observe(() => {
      const onDisk = stored();
      for (const text of texts(reader.board)) if (!onDisk.includes(text)) seenBeforeStored.push(text);
    });
    for (let i = 0; i < 50; i++) writer.board.addLadderAnswer('ladder', 0, `answer ${i}`, writer.author);
    await until(() => texts(reader.board).length === 50, 'reader has all 50 answers');
    expect(seenBeforeStored).toEqual([]);
    expect(stored()).toHaveLength(50);
  });

  it('turns a failed write into a disconnect, and the client resends once storage works again', async () => {
    const server = await start({ STORAGE: 'memory' });
    const store = server.core.store as MemoryStore;
    const { room } = await roomOn(server, 'ladder');
    const writer = connect(server, room, seatIn(server, room));
    const reader = connect(server, room);
    await Promise.all([writer.synced, reader.synced]);
    const closes: number[] = [];
    writer.provider.on('connection-close', (event) => event && closes.push(event.code));

    store.failWrites = true;
    writer.board.addLadderAnswer('ladder', 0, 'written while the disk is full', writer.author);
    await until(() => closes.includes(4500), 'writer told about the storage failure');
    expect(texts(reader.board)).toEqual([]);

    store.failWrites = false;
    await until(() => texts(reader.board).length === 1, 'the update arrives after reconnecting', 10_000);
    expect(store.loadDoc(room, 'board').updates.length).toBeGreaterThan(0);
  });
});

describe('storage', () => {
  it('keeps rooms and content across a restart', async () => {
    const first = await start();
    const { room, key } = await roomOn(first, 'ladder');
    const writer = connect(first, room, seatIn(first, room));
    await writer.synced;
    writer.board.addLadderAnswer('ladder', 0, 'kept', writer.author);
    await until(() => first.core.store.loadDoc(room, 'board').updates.length >= 1, 'answer stored');
    await steer(first, room, key, 'statement');
    writer.board.statementDraft('statement').insert(0, 'Vi gør det svære enkelt for kunderne');
    await until(() => first.core.store.loadDoc(room, 'board').updates.length >= 2, 'stored');
    writer.provider.destroy();
    await first.close();

    const second = await start({ DATA_DIR: first.dataDir });
    expect(second.core.registry.getRoom(room)?.workshop).toBe('five-whys');
    const reader = connect(second, room);
    await reader.synced;
    expect(texts(reader.board)).toEqual(['kept']);
    expect(reader.board.statementDraft('statement').toString()).toBe('Vi gør det svære enkelt for kunderne');
  });

  it('compacts a long update log into a snapshot without losing content', async () => {
    const server = await start({ COMPACT_AFTER_UPDATES: '20' });
    const { room } = await roomOn(server, 'statement');
    const writer = connect(server, room, seatIn(server, room));
    await writer.synced;
    for (let i = 0; i < 200; i++) {
      writer.board.statementDraft('statement').insert(0, 'x');
      await until(() => server.core.store.docSize(room, 'board').updates > 0, 'stored');
    }
    await until(() => writer.board.statementDraft('statement').length === 200, 'typed');
    const reader = connect(server, room);
    await reader.synced;
    expect(reader.board.statementDraft('statement').toString()).toBe('x'.repeat(200));
    // Compaction is written by the storage worker after the updates, without holding anyone up.
    // A load reads the newest snapshot and the updates after it; the previous snapshot and the
    // updates since it are kept beside it, as the fallback should the newest be damaged.
    await until(() => server.core.store.loadDoc(room, 'board').updates.length < 25, 'log compacted');
  });

  it('unloads an idle room from memory and loads it again on the next connection', async () => {
    const server = await start({ IDLE_UNLOAD_MS: '50' });
    const { room } = await roomOn(server, 'ladder');
    const writer = connect(server, room, seatIn(server, room));
    await writer.synced;
    writer.board.addLadderAnswer('ladder', 0, 'survives unload', writer.author);
    await until(() => server.core.store.docSize(room, 'board').updates > 0, 'stored');
    writer.provider.destroy();
    await until(() => !server.core.registry.isLive(room as RoomId, 'board'), 'unloaded');
    const reader = connect(server, room);
    await reader.synced;
    expect(texts(reader.board)).toEqual(['survives unload']);
  });

  it('stores on shutdown what is pending and what is still in flight to the disk', async () => {
    const server = await start();
    const room = roomOf(server) as RoomId;
    const board = new Board(server.core.registry.acquire(room, 'board').doc);
    board.addLadderAnswer('ladder', 0, 'in flight', { id: 'w', name: null });
    // The end of the turn hands it to the storage worker; its answer has not been read yet.
    await new Promise((resolve) => setImmediate(resolve));
    board.addLadderAnswer('ladder', 0, 'pending', { id: 'w', name: null });
    server.core.shutdown();
    const reopened = new SqliteStore(server.dataDir);
    const doc = new Y.Doc();
    applyStoredUpdates(doc, reopened.loadDoc(room, 'board').updates);
    reopened.close();
    expect(texts(new Board(doc))).toEqual(['in flight', 'pending']);
  });

  it('stores every appended batch durably in SQLite (a new handle sees it)', () => {
    const dir = fs.mkdtempSync('/tmp/ledestjerne-sqlite-');
    const store = new SqliteStore(dir);
    const room = 'AAAAAAAAAAAAAAAAAAAAA' as RoomId;
    store.appendUpdates([
      { room, doc: 'board', seq: 1, data: new Uint8Array([1]) },
      { room, doc: 'board', seq: 2, data: new Uint8Array([2]) },
    ]);
    const other = new SqliteStore(dir);
    expect(other.loadDoc(room, 'board')).toEqual({
      updates: [new Uint8Array([1]), new Uint8Array([2])],
      lastSeq: 2,
      seatBytes: [],
    });
    expect(() => store.appendUpdates([{ room, doc: 'board', seq: 2, data: new Uint8Array([9]) }])).toThrow();
    expect(other.loadDoc(room, 'board').lastSeq).toBe(2);
    store.close();
    other.close();
  });
});

describe('offline edits', () => {
  // On a consent step participants may change their own signal and still adjust the shared sentence:
  // a map entry of their own and a text everyone types into, both merged after the drop.
  it('merges what a client wrote while offline, after the room left memory and the server restarted', async () => {
    const first = await start({ IDLE_UNLOAD_MS: '20', COMPACT_AFTER_UPDATES: '2' });
    const { room } = await roomOn(first, 'agreement');
    const awaySeat = seatIn(first, room);
    const away = connect(first, room, awaySeat);
    const stayed = connect(first, room, seatIn(first, room));
    await Promise.all([away.synced, stayed.synced]);
    // Sorted by seat: two documents with the same entries may list a map's keys in different orders.
    const signals = (board: Board) =>
      Object.fromEntries(
        [...board.consentVotes('agreement')]
          .map(([seat, vote]) => [seat, vote.note] as const)
          .sort(([a], [b]) => (a < b ? -1 : 1)),
      );
    away.board.castConsent('agreement', away.author, 'agree', 'before the drop', 1);
    await until(() => stayed.board.consentVotes('agreement').size === 1, 'shared before the drop');

    away.provider.disconnect();
    away.board.castConsent('agreement', away.author, 'live', 'typed offline', 1);
    away.board.statementDraft('statement').insert(0, 'offline words ');
    stayed.board.castConsent('agreement', stayed.author, 'object', 'typed by the others meanwhile', 1);
    stayed.board.statementDraft('statement').insert(0, 'online words ');
    await until(() => first.core.store.docSize(room, 'board').updates > 0, 'stored');
    // The others' edits reach the server before they leave (else the expected merge could not include them).
    const onServer = () => {
      const doc = first.core.registry.snapshot(room as RoomId, 'board');
      try {
        const board = new Board(doc);
        return (
          signals(board)[stayed.author.id] === 'typed by the others meanwhile' &&
          board.statementDraft('statement').toString().includes('online words')
        );
      } finally {
        doc.destroy();
      }
    };
    await until(onServer, 'the others’ edits reached the server');
    stayed.provider.destroy();
    // The room goes idle, is compacted and unloaded; then the server restarts.
    await until(() => !first.core.registry.isLive(room as RoomId, 'board'), 'room unloaded');
    await first.close();
    const second = await start({ DATA_DIR: first.dataDir });

    // The same document reconnects with its seat, as a browser tab does after a long drop.
    const back = new WebsocketProvider(second.wsUrl, room, away.doc, {
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      params: awaySeat.params,
    });
    providers.push(back);
    const other = connect(second, room);
    await other.synced;
    const expected = { [away.author.id]: 'typed offline', [stayed.author.id]: 'typed by the others meanwhile' };
    await until(
      () =>
        JSON.stringify(signals(other.board)) === JSON.stringify(signals(away.board)) &&
        Object.keys(signals(other.board)).length === 2,
      'offline edits merged for the others',
    );
    expect(signals(other.board)).toEqual(expected);
    await until(
      () => away.board.statementDraft('statement').toString() === other.board.statementDraft('statement').toString(),
      'the returning client has the others’ edits',
    );
    const draft = other.board.statementDraft('statement').toString();
    expect(draft).toContain('offline words');
    expect(draft).toContain('online words');
    expect(signals(away.board)).toEqual(expected);
  });
});
