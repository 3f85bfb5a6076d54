/**
 * The document budget: the rules alone, then a hostile participant who tries
 * to fill the board against a real server (and again after a reload).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DocBudget } from '../../../../server/rooms/doc-budget.ts';
import * as Y from 'yjs';
import { Board } from '../../../../src/model/board.ts';
import { encodeUpdateMessage } from '../../../../src/model/wire.ts';
import { rawSocket, type RawSocket } from '../../../helpers/raw-socket.ts';
import { steer } from '../../../helpers/seats.ts';
import { syncClient, type SyncClient } from '../../../helpers/sync-client.ts';
import { startTestServer, until, type TestServer } from '../../../helpers/test-server.ts';

const KIB = 1024;

describe('DocBudget', () => {
  const limits = { maxDocBytes: 100 * KIB, seatShareBytes: 30 * KIB, facilitatorReserveBytes: 20 * KIB };

  it('holds each seat to its share, counting what it wrote even if deleted since', () => {
    let size = 0;
    const budget = new DocBudget(limits, () => size);
    expect(budget.check('a', 'participant', 30 * KIB)).toEqual({ ok: true });
    budget.record('a', 30 * KIB);
    size = 0; // everything it wrote was deleted and compacted away
    expect(budget.check('a', 'participant', 1)).toMatchObject({ ok: false, rule: 'too_large' });
    expect(budget.check('b', 'participant', 30 * KIB)).toEqual({ ok: true });
  });

  it('keeps the reserve for the facilitator, and the size cap for everyone', () => {
    const size = 79 * KIB;
    const budget = new DocBudget(limits, () => size, [['f', 500 * KIB]]);
    expect(budget.check('b', 'participant', 2 * KIB)).toMatchObject({ ok: false, rule: 'too_large' });
    expect(budget.check('b', 'participant', 1 * KIB)).toEqual({ ok: true });
    // The facilitator's own past writes do not count against it; the document's cap does.
    expect(budget.check('f', 'facilitator', 21 * KIB)).toEqual({ ok: true });
    expect(budget.check('f', 'facilitator', 22 * KIB)).toMatchObject({ ok: false });
  });

  it('counts connections without a seat together', () => {
    const budget = new DocBudget(limits, () => 0, [['', 30 * KIB]]);
    expect(budget.check(null, 'participant', 1)).toMatchObject({ ok: false });
  });
});

const servers: TestServer[] = [];
const sockets: RawSocket[] = [];
const clients: SyncClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.provider.destroy();
  for (const s of sockets.splice(0)) s.ws.terminate();
  for (const s of servers.splice(0)) await s.close();
});

const ENV = {
  MAX_DOC_BYTES: String(64 * KIB),
  SEAT_SHARE_BYTES: String(20 * KIB),
  FACILITATOR_RESERVE_BYTES: String(16 * KIB),
  IDLE_UNLOAD_MS: '0',
};

async function open(server: TestServer, path: string): Promise<RawSocket> {
  const socket = rawSocket(`${server.wsUrl}/${path}`);
  sockets.push(socket);
  await socket.opened;
  return socket;
}

type Seated = { query: string; seat: string };

function seatQuery(server: TestServer, room: string): Seated {
  const { seat, secret } = server.core.registry.issueSeat(room as never);
  return { query: `seat=${seat}&secret=${secret}`, seat };
}

/** One answer's text: long, as a hog would write, within the answer's limit. */
const answerText = (tag: string, n: number) => `${tag}#${n} `.padEnd(240, 'x');

/**
 * One update of about `bytes` made of ladder answers written as `seat`: what the
 * rules allow a participant on the ladder step, so only the budget can refuse it.
 */
function answersUpdate(seat: string, bytes: number, tag: string): Uint8Array {
  const encode = (count: number) => {
    const doc = new Y.Doc();
    let update: Uint8Array = new Uint8Array();
    doc.on('update', (u: Uint8Array) => (update = u));
    const board = new Board(doc);
    doc.transact(() => {
      for (let n = 0; n < count; n++) board.addLadderAnswer('ladder', 0, answerText(tag, n), { id: seat, name: null });
    });
    return update;
  };
  const perAnswer = encode(2).byteLength - encode(1).byteLength;
  return encodeUpdateMessage(encode(Math.max(1, Math.round(bytes / perAnswer))));
}

/** A room on its ladder step, so that answers are what participants may write. */
async function ladderRoom(server: TestServer) {
  const { room, key } = server.core.registry.createRoom('five-whys', 'en');
  await steer(server, room.id, key, 'ladder');
  return { room, key };
}

const answersTagged = (doc: Y.Doc, tag: string) =>
  new Board(doc).ladderAnswers('ladder').filter((a) => a.text.startsWith(`${tag}#`));

const stored = (server: TestServer, room: string) => server.core.store.docSize(room as never, 'board').updates;

describe('a participant cannot fill the board for everyone', () => {
  it('refuses the seat over its share, keeps its socket, and others and the facilitator keep writing', async () => {
    const server = await startTestServer(ENV);
    servers.push(server);
    const { room, key } = await ladderRoom(server);
    const hogSeat = seatQuery(server, room.id);
    const hog = await open(server, `${room.id}?${hogSeat.query}`);
    for (let i = 0; i < 3; i++) hog.ws.send(answersUpdate(hogSeat.seat, 6 * KIB, `hog${i}`));
    await until(() => stored(server, room.id) === 3, 'the hog’s first writes are within its share');
    hog.ws.send(answersUpdate(hogSeat.seat, 6 * KIB, 'hog3'));
    await until(() => hog.refusals.length === 1, 'the write over its share is refused');
    expect(hog.refusals[0]).toMatchObject({ refused: true, rule: 'too_large' });
    expect(hog.ws.readyState).toBe(hog.ws.OPEN);

    // Other seats fill what participants may fill; then the reserve is the facilitator's.
    const otherSeats = [0, 1].map(() => seatQuery(server, room.id));
    const others = await Promise.all(otherSeats.map((s) => open(server, `${room.id}?${s.query}`)));
    others[0]!.ws.send(answersUpdate(otherSeats[0]!.seat, 14 * KIB, 'a'));
    others[1]!.ws.send(answersUpdate(otherSeats[1]!.seat, 14 * KIB, 'b'));
    await until(() => stored(server, room.id) === 5, 'two more participants write');
    const lateSeat = seatQuery(server, room.id);
    const late = await open(server, `${room.id}?${lateSeat.query}`);
    late.ws.send(answersUpdate(lateSeat.seat, 4 * KIB, 'late'));
    await until(() => late.refusals.length === 1, 'the participants’ part is full');
    const facilitatorSeat = seatQuery(server, room.id);
    const facilitator = await open(server, `${room.id}?key=${key}&${facilitatorSeat.query}`);
    facilitator.ws.send(answersUpdate(facilitatorSeat.seat, 10 * KIB, 'steer'));
    await until(() => stored(server, room.id) === 6, 'the facilitator still writes');
    expect(facilitator.refusals).toEqual([]);
  });

  it('remembers what each seat wrote across a reload of the room and a restart', async () => {
    const first = await startTestServer(ENV);
    servers.push(first);
    const { room } = await ladderRoom(first);
    const { query, seat } = seatQuery(first, room.id);
    const hog = await open(first, `${room.id}?${query}`);
    hog.ws.send(answersUpdate(seat, 15 * KIB, 'one'));
    await until(() => stored(first, room.id) === 1, 'stored');
    hog.ws.close();
    await hog.closed;
    await until(() => !first.core.registry.isLive(room.id, 'board'), 'the room is unloaded');
    const again = await open(first, `${room.id}?${query}`);
    again.ws.send(answersUpdate(seat, 6 * KIB, 'two'));
    await until(() => again.refusals.length === 1, 'refused after the reload');
    again.ws.close();
    await again.closed;
    await first.close();
    servers.splice(0);

    const second = await startTestServer({ ...ENV, DATA_DIR: first.dataDir });
    servers.push(second);
    const afterRestart = await open(second, `${room.id}?${query}`);
    afterRestart.ws.send(answersUpdate(seat, 6 * KIB, 'three'));
    await until(() => afterRestart.refusals.length === 1, 'refused after a restart');
    afterRestart.ws.send(answersUpdate(seat, 2 * KIB, 'small'));
    await until(() => stored(second, room.id) === 2, 'what still fits its share is stored');
  });

  it('lets the facilitator clear a full board, after which participants write again but no seat gets a refund', async () => {
    const server = await startTestServer({ ...ENV, COMPACT_AFTER_UPDATES: '2' });
    servers.push(server);
    const { room, key } = await ladderRoom(server);
    const seats = [0, 1, 2, 3].map(() => seatQuery(server, room.id));
    const writers = await Promise.all(seats.map((s) => open(server, `${room.id}?${s.query}`)));
    for (const [i, name] of ['a', 'b', 'c'].entries()) writers[i]!.ws.send(answersUpdate(seats[i]!.seat, 14 * KIB, name));
    await until(() => server.core.store.loadDoc(room.id, 'board').seatBytes.length === 3, 'three stored');
    writers[3]!.ws.send(answersUpdate(seats[3]!.seat, 8 * KIB, 'd'));
    await until(() => writers[3]!.refusals.length === 1, 'the participants’ part is full');

    const facilitator = syncClient(server.wsUrl, room.id, {
      key,
      ...Object.fromEntries(new URLSearchParams(seatQuery(server, room.id).query)),
    });
    clients.push(facilitator);
    await facilitator.synced;
    await until(
      () => ['a', 'b', 'c'].every((tag) => answersTagged(facilitator.doc, tag).length > 0),
      'the facilitator sees the stuffing',
    );
    // The facilitator may remove anyone's answers: it clears two seats' worth.
    facilitator.doc.transact(() => {
      for (const tag of ['a', 'b']) {
        for (const answer of answersTagged(facilitator.doc, tag)) {
          new Board(facilitator.doc).removeLadderAnswer('ladder', answer.id);
        }
      }
    });
    // Once compacted, the deleted content no longer takes room in the document the budget measures
    // (the store keeps the previous snapshot beside the newest for recovery; that copy is not the document).
    const liveBytes = () => {
      const live = server.core.registry.acquire(room.id, 'board');
      server.core.registry.release(live);
      return live.log.bytes;
    };
    await until(() => liveBytes() < 20 * KIB, 'compacted', 5000);
    writers[3]!.ws.send(answersUpdate(seats[3]!.seat, 8 * KIB, 'd2'));
    await until(() => answersTagged(facilitator.doc, 'd2').length > 0, 'a participant writes again');
    writers[0]!.ws.send(answersUpdate(seats[0]!.seat, 8 * KIB, 'a2'));
    await until(() => writers[0]!.refusals.length === 1, 'the seat that filled its share gets nothing back');
  });
});
