/**
 * RoomConnection against a real server: it takes a seat and writes as it,
 * opens the seat's own document, starts over from the server's state after a
 * refused update (without a reload), and takes a new seat after "unknown seat".
 *
 * The refusal is provoked here, so that it does not depend on which rule the
 * guard applies: a test-only wrapper around SyncConnection.receive answers
 * any frame that carries a marker text with y-protocols' "permission denied",
 * as the guard does, instead of applying it.
 */
import * as encoding from 'lib0/encoding';
import * as authProtocol from 'y-protocols/auth';
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ParticipantId, RoomId } from '../../../src/model/ids.ts';
import { CLOSE_CODES, type RefusalReason, type SeatGrant } from '../../../src/model/protocol.ts';
import { seatDocName } from '../../../src/model/roles.ts';
import { Board } from '../../../src/model/board.ts';
import { RoomConnection } from '../../../src/sync/room-connection.ts';
import { requestSeat, type SeatSource } from '../../../src/sync/seats.ts';
import { SyncConnection } from '../../../server/sync/connection.ts';
import { claimCode, transferCode } from '../../helpers/seat-api.ts';
import { steer } from '../../helpers/seats.ts';
import { syncClient, type SyncClient } from '../../helpers/sync-client.ts';
import { startTestServer, until, type TestServer } from '../../helpers/test-server.ts';

let server: TestServer;
const connections: RoomConnection[] = [];
const clients: SyncClient[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterEach(() => {
  vi.restoreAllMocks();
});
afterAll(async () => {
  for (const c of connections) c.destroy();
  for (const c of clients) c.provider.destroy();
  await server.close();
});

/** A seat source as the browser's, kept in memory; counts how often it asked the server. */
function memorySeats(room: RoomId): SeatSource & { requests: number } {
  let held: SeatGrant | null = null;
  const source = {
    requests: 0,
    current: () => held,
    async renew() {
      source.requests += 1;
      held = await requestSeat({ room, role: 'participant', origin: server.httpUrl });
      return held;
    },
    adopt(grant: SeatGrant) {
      held = grant;
    },
  };
  return source;
}

function participant(room: RoomId, seats: SeatSource): RoomConnection {
  const connection = new RoomConnection({
    room,
    role: 'participant',
    presence: { id: 'ignored' as ParticipantId, name: 'Ada', role: 'participant' },
    seats,
    serverUrl: server.wsUrl,
    webSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket,
  });
  connections.push(connection);
  return connection;
}

const MARKER = 'REFUSE-ME';
const REASON: RefusalReason = { refused: true, rule: 'locked', message: 'the step is locked' };

/** Test-only: frames that carry MARKER are answered with "permission denied" and not applied. */
function refuseMarkedFrames(): { refusedFrames: () => number } {
  let refused = 0;
  const marker = Buffer.from(MARKER);
  const original = SyncConnection.prototype.receive;
  vi.spyOn(SyncConnection.prototype, 'receive').mockImplementation(function (this: SyncConnection, frame: Uint8Array) {
    if (!Buffer.from(frame).includes(marker)) return original.call(this, frame);
    refused += 1;
    this.send(
      encoding.encode((encoder) => {
        encoding.writeVarUint(encoder, 2);
        authProtocol.writePermissionDenied(encoder, JSON.stringify(REASON));
      }),
    );
  });
  return { refusedFrames: () => refused };
}

const serverTexts = (room: RoomId) =>
  JSON.stringify(server.core.registry.snapshot(room, 'board').getArray('ladder.answers/ladder').toJSON());

describe('RoomConnection seats', () => {
  it('takes a seat, writes as it, and opens its seat document', async () => {
    const { room } = server.core.registry.createRoom('five-whys', 'en');
    const seats = memorySeats(room.id);
    const connection = participant(room.id, seats);
    await until(() => connection.status === 'online', 'online with a seat');
    expect(seats.requests).toBe(1);
    const seat = connection.seatId as ParticipantId;
    expect(seat).toBe(seats.current()?.seat);
    expect(connection.seatDoc).not.toBeNull();
    expect(server.core.registry.isLive(room.id, seatDocName(seat))).toBe(true);
    // Presence carries the seat's id, whatever the page proposed.
    expect((connection.awareness.getLocalState() as { user: { id: string } }).user.id).toBe(seat);

    const projector = new RoomConnection({
      room: room.id,
      role: 'projector',
      presence: { id: 'screen' as ParticipantId, name: null, role: 'projector' },
      serverUrl: server.wsUrl,
      webSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket,
    });
    connections.push(projector);
    await until(() => projector.status === 'online', 'projector online');
    expect(projector.seatDoc).toBeNull();
    expect(projector.seatId).toBeNull();
  });

  it('keeps the seat it already holds: a reload asks the server for nothing', async () => {
    const { room } = server.core.registry.createRoom('five-whys', 'en');
    const seats = memorySeats(room.id);
    const first = participant(room.id, seats);
    await until(() => first.status === 'online', 'first online');
    first.destroy();
    const second = participant(room.id, seats);
    await until(() => second.status === 'online', 'second online');
    expect(seats.requests).toBe(1);
    expect(second.seatId).toBe(first.seatId);
  });

  it('after a refused update, starts over from the server state and keeps working', async () => {
    const { refusedFrames } = refuseMarkedFrames();
    const { room, key } = server.core.registry.createRoom('five-whys', 'en');
    // Participants write only on the current step.
    await steer(server, room.id, key, 'ladder');
    const connection = participant(room.id, memorySeats(room.id));
    const watcher = syncClient(server.wsUrl, room.id, { role: 'projector' });
    clients.push(watcher);
    await until(() => connection.status === 'online', 'online');
    const author = { id: connection.seatId as string, name: 'Ada' };
    connection.board.addLadderAnswer('ladder', 0, 'kept', author);
    await until(() => serverTexts(room.id).includes('kept'), 'the first answer is stored');

    const before = { version: connection.version, doc: connection.boardDoc, seatDoc: connection.seatDoc };
    const heard: number[] = [];
    connection.subscribe(() => heard.push(connection.version));
    connection.board.addLadderAnswer('ladder', 0, MARKER, author);
    await until(() => connection.lastRefused !== null, 'the refusal arrives');
    expect(refusedFrames()).toBeGreaterThan(0);
    expect(connection.lastRefused?.reason).toEqual(REASON);
    expect(connection.lastRefused?.doc).toBe('board');
    expect(connection.version).toBeGreaterThan(before.version);
    expect(heard).toContain(connection.version);
    // Only the refused document is replaced.
    expect(connection.boardDoc).not.toBe(before.doc);
    expect(connection.seatDoc).toBe(before.seatDoc);
    await until(() => connection.status === 'online', 'back online on the fresh document');
    const texts = () => connection.board.ladderAnswers('ladder').map((a) => a.text);
    await until(() => texts().includes('kept'), 'the fresh document has the stored answer');
    expect(texts()).not.toContain(MARKER);

    // The fresh document writes normally again: nothing waits behind the refused items.
    connection.board.addLadderAnswer('ladder', 0, 'after', author);
    await until(() => serverTexts(room.id).includes('after'), 'the next answer is stored');
    await until(
      () => new Board(watcher.doc).ladderAnswers('ladder').some((a) => a.text === 'after'),
      'others see the next answer',
    );
    expect(serverTexts(room.id)).not.toContain(MARKER);
    expect(JSON.stringify(watcher.doc.toJSON())).not.toContain(MARKER);
  });

  it('takes a new seat when the server says its seat is unknown (moved to another device)', async () => {
    const { room, key } = server.core.registry.createRoom('five-whys', 'en');
    const seats = memorySeats(room.id);
    const connection = participant(room.id, seats);
    await until(() => connection.status === 'online', 'online');
    const oldSeat = connection.seatId as string;
    const { code } = (await (await transferCode(server, room.id, key, oldSeat)).json()) as { code: string };
    expect((await claimCode(server, room.id, code)).status).toBe(200);

    await until(() => connection.seatId !== null && connection.seatId !== oldSeat, 'a new seat');
    await until(() => connection.status === 'online', 'online again with the new seat');
    expect(connection.seatLostAt).not.toBeNull();
    expect(connection.refusal).toBeNull();
    expect(seats.requests).toBe(2);
  });

  it('is refused for good, as a wrong key, when the facilitator link’s key gets no seat', async () => {
    const { room } = server.core.registry.createRoom('five-whys', 'en');
    let requests = 0;
    const seats: SeatSource = {
      current: () => null,
      renew: () => {
        requests += 1;
        return requestSeat({ room: room.id, role: 'facilitator', facilitatorKey: 'wrong-key-000000000000', origin: server.httpUrl });
      },
      adopt: () => {},
    };
    const connection = new RoomConnection({
      room: room.id,
      role: 'facilitator',
      facilitatorKey: 'wrong-key-000000000000',
      presence: { id: 'ignored' as ParticipantId, name: 'Fa', role: 'facilitator' },
      seats,
      serverUrl: server.wsUrl,
      webSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket,
    });
    connections.push(connection);
    await until(() => connection.status === 'refused', 'refused');
    expect(connection.refusal?.code).toBe(CLOSE_CODES.forbidden);
    expect(connection.seatId).toBeNull();
    expect(requests).toBe(1);
  });

  it('adopts a claimed seat and continues as it', async () => {
    const { room, key } = server.core.registry.createRoom('five-whys', 'en');
    await steer(server, room.id, key, 'ladder');
    const deviceA = participant(room.id, memorySeats(room.id));
    const deviceB = participant(room.id, memorySeats(room.id));
    await until(() => deviceA.status === 'online' && deviceB.status === 'online', 'both online');
    const seatA = deviceA.seatId as string;
    deviceA.board.addLadderAnswer('ladder', 0, 'from A', { id: seatA, name: 'Ada' });
    await until(() => serverTexts(room.id).includes('from A'), 'stored');

    const { code } = (await (await transferCode(server, room.id, key, seatA)).json()) as { code: string };
    const grant = (await (await claimCode(server, room.id, code)).json()) as SeatGrant;
    deviceB.adoptSeat(grant);
    expect(deviceB.seatId).toBe(seatA);
    await until(() => deviceB.status === 'online', 'B online as A');
    expect(deviceB.board.ladderAnswers('ladder').find((a) => a.text === 'from A')?.authorId).toBe(deviceB.seatId);
    await until(() => deviceA.seatId !== seatA, 'A lost the seat and took another');
  });
});
