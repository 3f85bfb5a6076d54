/**
 * Fuzzing the sync endpoint over loopback: random bytes and mutations of real
 * y-websocket frames. Whatever arrives, only the sender's connection may suffer:
 * the room's content stays intact and a normal client still syncs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import { Board } from '../../../../src/model/board.ts';
import { encodeAwarenessMessage, encodeSyncStep1, encodeUpdateMessage } from '../../../../src/model/wire.ts';
import { authorOf, steer, type Seat } from '../../../helpers/seats.ts';
import { seatIn } from '../../../helpers/sync-client.ts';
import { startTestServer, until, type TestServer } from '../../../helpers/test-server.ts';

const FRAMES = Number(process.env.FUZZ_FRAMES ?? 100_000);
const PARALLEL_SOCKETS = 32;
const FUZZ_TIMEOUT_MS = 240_000;

/** A small deterministic PRNG, so a failing run can be repeated with the same seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Real frames of a seated participant on the ladder step: unmutated, the rules
 * accept the answer and the support, so mutations reach the decoder, the
 * update guard and the document; the sentence belongs to another step and is refused.
 */
function sampleFrames(seat: Seat): Uint8Array[] {
  const doc = new Y.Doc();
  const board = new Board(doc);
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  const answer = board.addLadderAnswer('ladder', 0, 'fuzzed answer', authorOf(seat, 'Fuzz'));
  board.statementDraft('statement').insert(0, 'fuzz text');
  board.toggleLadderSupport('ladder', answer!.id, seat.seat);
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState({ user: { id: seat.seat, name: 'F', role: 'participant' } });
  const queryAwareness = encoding.encode((e) => encoding.writeVarUint(e, 3));
  return [
    ...updates.map(encodeUpdateMessage),
    encodeSyncStep1(doc),
    encodeAwarenessMessage(awareness, [doc.clientID]),
    queryAwareness,
  ];
}

function mutate(frame: Uint8Array, random: () => number): Uint8Array {
  const out = new Uint8Array(frame);
  const kind = Math.floor(random() * 4);
  if (kind === 0) {
    // Truncate: cuts varints and strings short.
    return out.slice(0, Math.floor(random() * out.length));
  }
  if (kind === 1) {
    // Flip a few bytes.
    for (let i = 0; i < 1 + random() * 4; i++) out[Math.floor(random() * out.length)] = Math.floor(random() * 256);
    return out;
  }
  if (kind === 2) {
    // A huge varint length prefix.
    const junk = new Uint8Array(out.length + 6);
    junk.set(out.slice(0, 2));
    junk.set([0xff, 0xff, 0xff, 0xff, 0x0f], 2);
    junk.set(out.slice(2), 7);
    return junk;
  }
  // Pure noise.
  return Uint8Array.from({ length: Math.floor(random() * 64) }, () => Math.floor(random() * 256));
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    // Limits are tested elsewhere; here every frame should reach the decoder.
    MSG_RATE_PER_SEC: '1000000',
    MSG_BURST: '1000000',
    CONN_RATE_PER_IP_PER_SEC: '1000000',
    CONN_BURST_PER_IP: '1000000',
    ACCEPT_RATE_PER_SEC: '1000000',
    ACCEPT_BURST: '1000000',
  });
});
afterAll(async () => {
  await server.close();
});

describe('fuzzing the sync endpoint', () => {
  it(
    `survives ${FRAMES} random and mutated frames with the room intact`,
    async () => {
      const { room, key } = server.core.registry.createRoom('five-whys', 'en');
      const roomId = room.id;
      await steer(server, roomId, key, 'ladder');
      const saneSeat = seatIn(server, roomId);
      const sane = new Y.Doc();
      const provider = new WebsocketProvider(server.wsUrl, roomId, sane, {
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
        params: saneSeat.params,
      });
      await new Promise<void>((r) => provider.once('sync', () => r()));
      new Board(sane).addLadderAnswer('ladder', 0, 'the real answer', authorOf(saneSeat, 'Real'));
      await until(() => server.core.store.docSize(roomId, 'board').updates > 0, 'stored');

      // Every refusal is the guard's or the decoder's verdict, never an exception nobody expected.
      const unexpected: string[] = [];
      let refusedUpdates = 0;
      const { logger } = server.core;
      const { info, error } = logger;
      logger.error = (event, details) => {
        unexpected.push(`${event} ${JSON.stringify(details)}`);
        error(event, details);
      };
      logger.info = (event, details) => {
        if (event === 'update_refused') refusedUpdates++;
        info(event, details);
      };

      const random = prng(20261123);
      // The fuzzer is a participant with a seat of its own, so its frames are not refused for the role alone.
      const fuzzer = seatIn(server, roomId);
      const fuzzerParams = new URLSearchParams(fuzzer.params).toString();
      const samples = sampleFrames(fuzzer);
      let sent = 0;
      let closedByServer = 0;
      const closeCodes = new Map<number, number>();
      const nextFrame = () => {
        const base = samples[Math.floor(random() * samples.length)]!;
        return random() < 0.1 ? base : mutate(base, random);
      };
      const worker = async () => {
        while (sent < FRAMES) {
          const path = random() < 0.5 ? roomId : `${roomId}/control`;
          const ws = new WebSocket(`${server.wsUrl}/${path}?${fuzzerParams}`);
          ws.on('error', () => {});
          await new Promise<void>((resolve) => ws.once('open', () => resolve()).once('close', () => resolve()));
          // One frame, then a ping: the pong proves the server read the frame and kept the connection;
          // a close proves it refused it. Either way the frame was processed before the next one.
          while (ws.readyState === ws.OPEN && sent < FRAMES) {
            sent++;
            const outcome = await new Promise<'pong' | 'closed'>((resolve) => {
              const onPong = () => {
                ws.off('close', onClose);
                resolve('pong');
              };
              const onClose = (code: number) => {
                ws.off('pong', onPong);
                closeCodes.set(code, (closeCodes.get(code) ?? 0) + 1);
                resolve('closed');
              };
              ws.once('pong', onPong).once('close', onClose);
              ws.send(nextFrame());
              ws.ping();
            });
            if (outcome === 'closed') closedByServer++;
          }
          if (ws.readyState === ws.OPEN) {
            const closed = new Promise<void>((r) => ws.once('close', () => r()));
            ws.close();
            await closed;
          }
        }
      };
      await Promise.all(Array.from({ length: PARALLEL_SOCKETS }, worker));
      expect(sent).toBeGreaterThanOrEqual(FRAMES);

      // The room's content is intact and a fresh, normal client still syncs.
      const freshSeat = seatIn(server, roomId);
      const fresh = new Y.Doc();
      const freshProvider = new WebsocketProvider(server.wsUrl, roomId, fresh, {
        WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
        disableBc: true,
        params: freshSeat.params,
      });
      await new Promise<void>((r) => freshProvider.once('sync', () => r()));
      const texts = new Board(fresh).ladderAnswers('ladder').map((a) => a.text);
      expect(texts).toContain('the real answer');
      new Board(fresh).addLadderAnswer('ladder', 0, 'after the storm', authorOf(freshSeat));
      await until(
        () => new Board(sane).ladderAnswers('ladder').some((a) => a.text === 'after the storm'),
        'the original client still receives updates',
      );
      console.info(
        `fuzz: ${sent} frames sent, ${closedByServer} connections closed by the server, codes ${JSON.stringify([...closeCodes])}, ${refusedUpdates} updates refused by the rules`,
      );
      expect(unexpected).toEqual([]);
      expect(refusedUpdates).toBeGreaterThan(0);
      expect(closedByServer).toBeGreaterThan(FRAMES / 10);
      provider.destroy();
      freshProvider.destroy();
    },
    FUZZ_TIMEOUT_MS,
  );
});
