/** Each abuse limit closes only the offender, with its documented code, and is configurable. */
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { CLOSE_CODES, FRAME_TOO_LARGE_CLOSE_CODE } from '../../../../src/model/protocol.ts';
import { encodeAwarenessMessage, encodeUpdateMessage } from '../../../../src/model/wire.ts';
import { rawSocket } from '../../../helpers/raw-socket.ts';
import { authorOf, steer, type Seat } from '../../../helpers/seats.ts';
import { closeOf, seatIn, syncClient } from '../../../helpers/sync-client.ts';
import { roomServersForEachTest } from '../../../helpers/room-servers.ts';
import { until, type TestServer } from '../../../helpers/test-server.ts';

const { start, keep } = roomServersForEachTest();

/** One update message adding a ladder answer written as `seat` (a legitimate write on the ladder step). */
function answerUpdate(seat: Seat, text: string): Uint8Array {
  const doc = new Y.Doc();
  let update: Uint8Array = new Uint8Array();
  doc.on('update', (u: Uint8Array) => (update = u));
  doc
    .getArray('ladder.answers/ladder')
    .push([{ id: `x${doc.clientID}`, round: 0, text, authorId: seat.seat, authorName: null, at: 1 }]);
  return encodeUpdateMessage(update);
}

function serverAnswers(server: TestServer, room: string): string[] {
  const doc = server.core.registry.snapshot(room as never, 'board');
  return doc
    .getArray('ladder.answers/ladder')
    .toArray()
    .map((a) => (a as { text: string }).text);
}

describe('abuse limits', () => {
  it('closes a connection that sends messages too fast with 4529, and others are unaffected', async () => {
    const { server, room, key } = await start({ MSG_RATE_PER_SEC: '5', MSG_BURST: '20' });
    await steer(server, room, key, 'ladder');
    const bystanderSeat = seatIn(server, room);
    const bystander = syncClient(server.wsUrl, room, bystanderSeat.params);
    keep(bystander);
    await bystander.synced;
    // Every message is one the rules allow: only the rate is wrong.
    const flooderSeat = seatIn(server, room);
    const flooder = rawSocket(`${server.wsUrl}/${room}?${new URLSearchParams(flooderSeat.params)}`);
    await flooder.opened;
    for (let i = 0; i < 100; i++) flooder.ws.send(answerUpdate(flooderSeat, `flood ${i}`));
    expect(await flooder.closed).toEqual({ code: CLOSE_CODES.rateLimited, reason: 'rate limited' });
    bystander.board.addLadderAnswer('ladder', 0, 'still works', authorOf(bystanderSeat));
    const check = syncClient(server.wsUrl, room);
    keep(check);
    await check.synced;
    await until(
      () => check.board.ladderAnswers('ladder').some((a) => a.text === 'still works'),
      'bystander still writes',
    );
  });

  it('refuses clients beyond the per-room maximum with 4530', async () => {
    const { server, room } = await start({ MAX_CLIENTS_PER_ROOM: '3' });
    for (let i = 0; i < 3; i++) {
      const c = syncClient(server.wsUrl, room);
      keep(c);
      await c.synced;
    }
    expect(await closeOf(`${server.wsUrl}/${room}`)).toEqual({ code: CLOSE_CODES.roomFull, reason: 'room is full' });
  });

  // Seated board connections keep the control document loaded for the rules; that hold is not a connection.
  it('counts only real connections against the per-room maximum of the control document', async () => {
    const { server, room } = await start({ MAX_CLIENTS_PER_ROOM: '3' });
    for (let i = 0; i < 2; i++) {
      const board = syncClient(server.wsUrl, room, seatIn(server, room).params);
      keep(board);
      await board.synced;
    }
    const control = syncClient(server.wsUrl, `${room}/control`);
    keep(control);
    await control.synced;
    const second = rawSocket(`${server.wsUrl}/${room}/control`);
    // Accepted sockets are greeted with the server's sync step 1; a full room closes them.
    const outcome = await Promise.race([
      second.closed.then((c) => c.code),
      new Promise<'open'>((resolve) => second.ws.once('message', () => resolve('open'))),
    ]);
    second.ws.terminate();
    expect(outcome).toBe('open');
  });

  it('refuses a write that would overfill the document alone, keeps the socket and what the document has', async () => {
    const { server, room, key } = await start({
      MAX_DOC_BYTES: '8192',
      SEAT_SHARE_BYTES: '8192',
      FACILITATOR_RESERVE_BYTES: '1024',
    });
    await steer(server, room, key, 'ladder');
    const writerSeat = seatIn(server, room);
    const writer = syncClient(server.wsUrl, room, writerSeat.params);
    keep(writer);
    await writer.synced;
    writer.board.addLadderAnswer('ladder', 0, 'small and kept', authorOf(writerSeat));
    await until(() => server.core.store.docSize(room, 'board').updates === 1, 'first answer stored');
    const bigSeat = seatIn(server, room);
    const big = rawSocket(`${server.wsUrl}/${room}?${new URLSearchParams(bigSeat.params)}`);
    await big.opened;
    big.ws.send(answerUpdate(bigSeat, 'y'.repeat(9000)));
    await until(() => big.refusals.length === 1, 'the oversized write is refused');
    expect(big.refusals[0]).toMatchObject({ refused: true, rule: 'too_large' });
    expect(big.ws.readyState).toBe(WebSocket.OPEN);
    big.ws.send(answerUpdate(bigSeat, 'fits'));
    await until(() => server.core.store.docSize(room, 'board').updates === 2, 'a small write still lands');
    expect(serverAnswers(server, room)).toContain('small and kept');
    big.ws.close();
  });

  it('closes a frame over the cap with 1009', async () => {
    const { server, room } = await start({ MAX_FRAME_BYTES: '2048' });
    const socket = rawSocket(`${server.wsUrl}/${room}`);
    await socket.opened;
    socket.ws.send(new Uint8Array(4096));
    expect((await socket.closed).code).toBe(FRAME_TOO_LARGE_CLOSE_CODE);
  });

  it('closes an awareness flood: oversized states and too many client ids', async () => {
    const { server, room } = await start({ MAX_AWARENESS_BYTES: '512' });
    const big = rawSocket(`${server.wsUrl}/${room}`);
    await big.opened;
    const doc = new Y.Doc();
    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState({ user: { id: 'x', name: 'n'.repeat(2000), role: 'participant' } });
    big.ws.send(encodeAwarenessMessage(awareness, [doc.clientID]));
    expect((await big.closed).code).toBe(CLOSE_CODES.protocolError);

    const many = rawSocket(`${server.wsUrl}/${room}`);
    await many.opened;
    for (let i = 0; i < 10; i++) {
      const d = new Y.Doc();
      const a = new awarenessProtocol.Awareness(d);
      a.setLocalState({ user: { id: `p${i}`, name: null, role: 'participant' } });
      many.ws.send(encodeAwarenessMessage(a, [d.clientID]));
    }
    expect((await many.closed).code).toBe(CLOSE_CODES.protocolError);
  });

  it('limits new connections per address', async () => {
    const { server, room } = await start({ CONN_BURST_PER_IP: '5', CONN_RATE_PER_IP_PER_SEC: '0.1' });
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, () => {
        const s = rawSocket(`${server.wsUrl}/${room}`);
        // Refused sockets are upgraded and then closed; accepted ones are greeted with the server's sync step 1.
        const greeted = new Promise<'open'>((resolve) => s.ws.once('message', () => resolve('open')));
        return Promise.race([s.closed.then((c) => c.code), greeted]).finally(() => s.ws.terminate());
      }),
    );
    expect(outcomes.filter((o) => o === 'open')).toHaveLength(5);
    expect(outcomes.filter((o) => o === CLOSE_CODES.rateLimited)).toHaveLength(3);
  });

  it('refuses sockets opened by pages on other origins with 4401', async () => {
    const { server, room } = await start({ ALLOWED_ORIGINS: 'https://partner.example' });
    expect((await closeOf(`${server.wsUrl}/${room}`, { origin: 'https://evil.example' })).code).toBe(
      CLOSE_CODES.originNotAllowed,
    );
    const own = rawSocket(`${server.wsUrl}/${room}`, { origin: `http://127.0.0.1:${server.port}` });
    await own.opened;
    own.ws.close();
    const partner = rawSocket(`${server.wsUrl}/${room}`, { origin: 'https://partner.example' });
    await partner.opened;
    partner.ws.close();
  });

  it('answers too many new rooms from one address with 429 and Retry-After', async () => {
    const { server } = await start({ ROOMS_PER_IP_PER_MIN: '2' });
    const create = () =>
      fetch(`${server.httpUrl}/api/rooms`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ workshop: 'five-whys', locale: 'en' }),
      });
    expect((await create()).status).toBe(201);
    expect((await create()).status).toBe(201);
    const limited = await create();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
  });

  it('closes every client with 4503 "server restarting" on shutdown', async () => {
    const { server, room } = await start({});
    const client = syncClient(server.wsUrl, room);
    keep(client);
    await client.synced;
    server.core.shutdown();
    await until(() => client.closes.some((c) => c.code === CLOSE_CODES.serverRestarting), 'restart code received');
    expect(client.closes[0]).toEqual({ code: 4503, reason: 'server restarting' });
  });
});
