import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { Control } from '../../../../src/model/control.ts';
import { Board } from '../../../../src/model/board.ts';
import { CLOSE_CODES } from '../../../../src/model/protocol.ts';
import { authorOf, steer } from '../../../helpers/seats.ts';
import { seatIn } from '../../../helpers/sync-client.ts';
import { startTestServer, until, type TestServer } from '../../../helpers/test-server.ts';

let server: TestServer;
const providers: WebsocketProvider[] = [];

beforeEach(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  for (const p of providers.splice(0)) p.destroy();
  await server.close();
});

async function createRoom(): Promise<{ room: string; facilitatorKey: string }> {
  const res = await fetch(`${server.httpUrl}/api/rooms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ workshop: 'five-whys', locale: 'en' }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { room: string; facilitatorKey: string };
}

function connect(roomname: string, params: Record<string, string> = {}) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(server.wsUrl, roomname, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params,
    disableBc: true,
  });
  providers.push(provider);
  const synced = new Promise<void>((resolve) => provider.once('sync', () => resolve()));
  return { doc, provider, synced };
}

describe('room roles on the server', () => {
  it('lets the facilitator steer and keeps participants and projectors from changing the control document', async () => {
    const { room, facilitatorKey } = await createRoom();
    const facilitator = connect(`${room}/control`, { key: facilitatorKey });
    const participant = connect(`${room}/control`);
    const projector = connect(`${room}/control`, { role: 'projector' });
    await Promise.all([facilitator.synced, participant.synced, projector.synced]);

    new Control(facilitator.doc).goToStep('ladder');
    await until(() => new Control(participant.doc).currentStepId() === 'ladder', 'participant sees the step');

    new Control(participant.doc).goToStep('result');
    new Control(projector.doc).goToStep('agreement');
    // A fresh observer syncs from the server only; wait for a round trip after the forbidden writes.
    new Control(facilitator.doc).saveStatementVersion('statement', 'marker');
    const observer = connect(`${room}/control`, { role: 'projector' });
    await observer.synced;
    await until(() => new Control(observer.doc).statementVersions('statement').length === 1, 'observer synced');
    expect(new Control(observer.doc).currentStepId()).toBe('ladder');
    expect(new Control(facilitator.doc).currentStepId()).toBe('ladder');
  });

  it('lets participants write the board but not projectors', async () => {
    const { room, facilitatorKey } = await createRoom();
    await steer(server, room, facilitatorKey, 'ladder');
    const seat = seatIn(server, room);
    const participant = connect(room, seat.params);
    const projector = connect(room, { role: 'projector' });
    await Promise.all([participant.synced, projector.synced]);
    new Board(participant.doc).addLadderAnswer('ladder', 0, 'we help people', authorOf(seat, 'Ada'));
    await until(() => new Board(projector.doc).ladderAnswers('ladder').length === 1, 'projector sees the answer');
    new Board(projector.doc).addLadderAnswer('ladder', 0, 'from the wall', { id: 'p2', name: null });
    new Board(participant.doc).addLadderAnswer('ladder', 0, 'second', authorOf(seat, 'Ada'));
    const observer = connect(room);
    await observer.synced;
    await until(() => new Board(observer.doc).ladderAnswers('ladder').length === 2, 'observer synced');
    expect(new Board(observer.doc).ladderAnswers('ladder').map((a) => a.text)).toEqual(['we help people', 'second']);
  });

  it('refuses unknown rooms, malformed paths and wrong keys with distinct close codes', async () => {
    const { room } = await createRoom();
    const closeCode = (path: string) =>
      new Promise<{ code: number; reason: string }>((resolve) => {
        const ws = new WebSocket(`${server.wsUrl}${path}`);
        ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
        ws.on('error', () => {});
      });
    expect(await closeCode('/AAAAAAAAAAAAAAAAAAAAA')).toEqual({
      code: CLOSE_CODES.unknownRoom,
      reason: 'unknown room',
    });
    expect((await closeCode('/not-a-room')).code).toBe(CLOSE_CODES.badRequest);
    expect((await closeCode(`/${room}/control?key=BBBBBBBBBBBBBBBBBBBBB`)).code).toBe(CLOSE_CODES.forbidden);
    expect(server.core.registry.liveCount()).toBe(0);
  });
});
