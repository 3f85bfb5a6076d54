/**
 * A room stored before ballots moved into seat documents still has them on
 * the board (`vote.dots/<step>`, names included). Loading it moves each
 * ballot into a seat before any client is answered: no participant receives
 * one, every ballot still counts, and a restore to before the move does not
 * bring them back or count them twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { RoomId } from '../../../../src/model/ids.ts';
import { SeatDoc } from '../../../../src/model/seat-doc.ts';
import { seatIn, syncClient, type SyncClient } from '../../../helpers/sync-client.ts';
import { startTestServer, until, type TestServer } from '../../../helpers/test-server.ts';

const clients: SyncClient[] = [];
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ LOG_LEVEL: 'error', IDLE_UNLOAD_MS: '50' });
});
afterAll(async () => {
  for (const c of clients) c.provider.destroy();
  await server.close();
});

function recording(name: string) {
  const frames: Buffer[] = [];
  class Recording extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols);
      this.on('message', (data: Buffer) => frames.push(Buffer.from(data)));
    }
  }
  const client = syncClient(
    server.wsUrl,
    name,
    { role: 'projector' },
    Recording as unknown as typeof globalThis.WebSocket,
  );
  clients.push(client);
  return { client, text: () => Buffer.concat(frames).toString('utf8') };
}

const ballotsOf = (room: string, stepId: string) =>
  server.core.registry
    .listSeats(room)
    .map((seat) => server.core.registry.readDoc(room as RoomId, `seat/${seat}`, (d) => new SeatDoc(d).ballot(stepId)))
    .filter((b) => b !== null);

describe('ballots stored on the board before the seat documents', () => {
  it('move into seats when the room loads, reach no one, and still count', async () => {
    const { room } = server.core.registry.createRoom('question-list', 'en');
    const id = room.id;
    const seated = seatIn(server, id);
    await until(() => !server.core.registry.isLive(id, 'board'), 'the new room leaves memory');
    // The old shape: one ballot under a seat id, one under a device id from before seats.
    const old = new Y.Doc();
    old.getMap('vote.dots/core').set(seated.seat, { dots: { q1: 2 }, name: 'Seatedsally', at: 5 });
    old.getMap('vote.dots/core').set('device-from-before', { dots: { q2: 1 }, name: 'Olddevicedan', at: 6 });
    const seq = server.core.store.loadDoc(id, 'board').lastSeq + 1;
    server.core.store.appendUpdates([{ room: id, doc: 'board', seq, data: Y.encodeStateAsUpdate(old) }]);
    const seatsBefore = server.core.registry.listSeats(id).length;

    const wall = recording(id);
    await wall.client.synced;
    expect(wall.client.doc.getMap('vote.dots/core').size).toBe(0);
    for (const name of ['Seatedsally', 'Olddevicedan']) expect(wall.text()).not.toContain(name);
    // Sally's ballot is in her seat; Dan's in a new seat nobody holds.
    expect(server.core.registry.readDoc(id, `seat/${seated.seat}`, (d) => new SeatDoc(d).ballot('core'))?.name).toBe(
      'Seatedsally',
    );
    expect(server.core.registry.listSeats(id).length).toBe(seatsBefore + 1);
    expect(
      ballotsOf(id, 'core')
        .map((b) => b.name)
        .sort(),
    ).toEqual(['Olddevicedan', 'Seatedsally']);

    // A restore to before the move would write the old ballots back as a server change: they move again, once.
    const board = server.core.registry.acquire(id, 'board');
    try {
      // Written on top of the board as it is, as a restore's difference is.
      const again = new Y.Doc();
      Y.applyUpdate(again, Y.encodeStateAsUpdate(board.doc));
      again.getMap('vote.dots/core').set(seated.seat, { dots: { q1: 2 }, name: 'Seatedsally', at: 5 });
      again.getMap('vote.dots/core').set('device-from-before', { dots: { q2: 1 }, name: 'Olddevicedan', at: 6 });
      Y.applyUpdate(board.doc, Y.encodeStateAsUpdate(again), 'restore');
      expect(board.doc.getMap('vote.dots/core').size).toBe(2);
    } finally {
      server.core.registry.release(board);
    }
    await until(() => server.core.registry.snapshot(id, 'board').getMap('vote.dots/core').size === 0, 'moved again');
    expect(ballotsOf(id, 'core')).toHaveLength(2);
    expect(server.core.registry.listSeats(id).length).toBe(seatsBefore + 1);
  });
});
