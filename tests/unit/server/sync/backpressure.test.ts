/**
 * A client that asks and never reads: sync answers are not multiplied per
 * request, made-up state vectors share one encoding, and a socket that stays
 * over its buffer limit is closed while everyone else carries on.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LiveDoc } from '../../../../server/rooms/live-doc.ts';
import { SlowReaderWatch, SyncReplies } from '../../../../server/sync/backpressure.ts';
import type { SyncConnection } from '../../../../server/sync/connection.ts';
import { bulkUpdate, madeUpStateVector, rawSocket, syncRequest, type RawSocket } from '../../../helpers/raw-socket.ts';
import { ServerWrite } from '../../../../server/rooms/history-writer.ts';
import { authorOf, seatedClient, steer } from '../../../helpers/seats.ts';
import { syncClient, type SyncClient } from '../../../helpers/sync-client.ts';
import { startTestServer, until, type TestServer } from '../../../helpers/test-server.ts';

const KIB = 1024;

describe('backpressure pieces', () => {
  it('keeps one answer in flight and answers only the latest request after it', () => {
    const answered: string[] = [];
    const sentCallbacks: (() => void)[] = [];
    const replies = new SyncReplies((sv, sent) => {
      answered.push(new TextDecoder().decode(sv));
      sentCallbacks.push(sent);
    });
    for (const v of ['a', 'b', 'c']) replies.request(new TextEncoder().encode(v));
    expect(answered).toEqual(['a']);
    sentCallbacks.shift()!();
    expect(answered).toEqual(['a', 'c']);
    sentCallbacks.shift()!();
    expect(replies.busy).toBe(false);
  });

  it('closes only after the socket stayed over its limit for the grace period', () => {
    let now = 0;
    const watch = new SlowReaderWatch(100, 1000, () => now);
    expect(watch.tooSlow(500)).toBe(false);
    now = 999;
    expect(watch.tooSlow(500)).toBe(false);
    now = 1500;
    expect(watch.tooSlow(50)).toBe(false); // it caught up: the clock starts over
    now = 2000;
    expect(watch.tooSlow(500)).toBe(false);
    now = 3000;
    expect(watch.tooSlow(500)).toBe(true);
  });

  it('answers every made-up state vector with one shared encoding of the whole document', () => {
    const source = new Y.Doc();
    source.getText('t').insert(0, 'x'.repeat(10_000));
    const live = new LiveDoc('A'.repeat(21) as never, 'board', { updates: [], lastSeq: 0 }, () => {});
    Y.applyUpdate(live.doc, Y.encodeStateAsUpdate(source));
    const answers = Array.from({ length: 50 }, (_, i) => live.syncStep2For(madeUpStateVector(1000 + i, 5)));
    expect(new Set(answers).size).toBe(1);
    expect(live.fullEncodings).toBe(1);
    live.destroy();
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

/** The server side of a room's connections. */
function serverSockets(server: TestServer, room: string): SyncConnection[] {
  const live = server.core.registry.acquire(room as never, 'board');
  const peers = [...live.peers] as SyncConnection[];
  server.core.registry.release(live);
  return peers;
}

describe('a socket that does not read', () => {
  it('holds at most one answer however many sync requests it sends, and is closed when it stays over the limit', async () => {
    const server = await startTestServer({
      MAX_SOCKET_BUFFER_BYTES: String(256 * KIB),
      SLOW_READER_GRACE_MS: '300',
      SEAT_SHARE_BYTES: String(4 * 1024 * KIB),
    });
    servers.push(server);
    const { room, key } = server.core.registry.createRoom('five-whys', 'en');
    // A big board, written by the server itself: the rule table gives no client a place for 500 KB.
    const filled = server.core.registry.acquire(room.id, 'board');
    for (let i = 0; i < 4; i++) {
      Y.applyUpdate(filled.doc, bulkUpdate(500 * KIB, `big${i}`, false), new ServerWrite('test filler'));
    }
    server.core.registry.release(filled);
    await until(() => server.core.store.docSize(room.id, 'board').updates === 4, 'a 2 MB board');
    await steer(server, room.id, key, 'ladder');

    const hog = rawSocket(`${server.wsUrl}/${room.id}`);
    sockets.push(hog);
    await hog.opened;
    (hog.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    for (let i = 0; i < 100; i++) hog.ws.send(syncRequest(madeUpStateVector()));
    const live = server.core.registry.acquire(room.id, 'board');
    server.core.registry.release(live);
    await until(() => serverSockets(server, room.id).length === 1, 'the hog is in');
    const hogSide = () => serverSockets(server, room.id).find((c) => c.socket.bufferedAmount > 0);
    await until(() => hogSide() !== undefined, 'the first answer waits in the hog’s buffer');
    // 100 requests for a 2 MB board: one answer waits, not 100 (which would be 200 MB).
    expect(hogSide()!.socket.bufferedAmount).toBeLessThan(4 * 1024 * KIB);
    expect(live.fullEncodings).toBe(1);
    const hogConnection = hogSide()!;

    // Anything more for it (an edit by someone else) finds it still over its limit after the grace period.
    const honest = seatedClient(server, room.id);
    clients.push(honest);
    await honest.synced;
    await new Promise((resolve) => setTimeout(resolve, 350));
    honest.board.addLadderAnswer('ladder', 0, 'still flowing', authorOf(honest.seat));
    await until(() => !serverSockets(server, room.id).includes(hogConnection), 'the hog is closed', 3000);
    expect(serverSockets(server, room.id)).toHaveLength(1);
    expect(honest.closes).toEqual([]);
    const check = syncClient(server.wsUrl, room.id);
    clients.push(check);
    await check.synced;
    expect(check.board.ladderAnswers('ladder').map((a) => a.text)).toContain('still flowing');
  });
});
