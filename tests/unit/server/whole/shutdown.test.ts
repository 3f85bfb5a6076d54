/**
 * One ordered shutdown (server/core.ts): input stops, what the server itself
 * still meant to write is published, the write queue is flushed once, and only
 * then are the clients told to reconnect and the store closed. Shown with a
 * reveal made on the server in the same turn as the shutdown: the control
 * change and the silent notes it publishes are both still pending when the
 * shutdown begins. They must leave in one group commit, reach the connected
 * clients before their sockets close, and be there after a restart.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { Control } from '../../../../src/model/control.ts';
import type { RoomId } from '../../../../src/model/ids.ts';
import { Notes } from '../../../../src/model/notes.ts';
import { seatDocName } from '../../../../src/model/roles.ts';
import { SeatDoc } from '../../../../src/model/seat-doc.ts';
import type { UpdateRecord } from '../../../../server/storage/types.ts';
import { WORKSHOPS_DIR } from '../../../helpers/content.ts';
import { steer } from '../../../helpers/seats.ts';
import { closeOf, seatIn, syncClient, type SyncClient } from '../../../helpers/sync-client.ts';
import { startTestServer, until, type TestServer } from '../../../helpers/test-server.ts';

const CLOSE_SERVER_RESTARTING = 4503;
const NOTE = 'Ring back before lunch sd1';
const clients: SyncClient[] = [];
let workshopsDir: string;
let server: TestServer;
let restarted: TestServer | null = null;

beforeAll(async () => {
  // The stock workshops plus the notes test workshop, whose first step is silent.
  workshopsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledestjerne-shutdown-'));
  for (const file of fs.readdirSync(WORKSHOPS_DIR)) {
    fs.copyFileSync(path.join(WORKSHOPS_DIR, file), path.join(workshopsDir, file));
  }
  fs.copyFileSync('tests/e2e/workshops/notes-e2e.yaml', path.join(workshopsDir, 'notes-e2e.yaml'));
  server = await startTestServer({ LOG_LEVEL: 'error', WORKSHOPS_DIR: workshopsDir });
});
afterAll(async () => {
  for (const client of clients) client.provider.destroy();
  await restarted?.close();
  fs.rmSync(server.dataDir, { recursive: true, force: true });
  fs.rmSync(workshopsDir, { recursive: true, force: true });
});

/** Counts what reaches the store from now on, and whether anything comes after it closed. */
function countStoreWrites(target: TestServer) {
  const { store, registry } = target.core;
  const counts = { flushes: 0, groupCommits: [] as UpdateRecord[][], blockingWrites: 0, afterClose: 0 };
  let closed = false;
  const appendAsync = store.appendUpdatesAsync.bind(store);
  store.appendUpdatesAsync = (records, done) => {
    if (closed) counts.afterClose++;
    counts.groupCommits.push([...records]);
    appendAsync(records, done);
  };
  const append = store.appendUpdates.bind(store);
  store.appendUpdates = (records) => {
    if (closed) counts.afterClose++;
    counts.blockingWrites++;
    append(records);
  };
  const close = store.close.bind(store);
  store.close = () => {
    close();
    closed = true;
  };
  const flush = registry.writes.flush;
  (registry.writes as { flush: () => void }).flush = () => {
    counts.flushes++;
    flush();
  };
  return counts;
}

describe('shutdown', () => {
  it('publishes, flushes once, then closes the clients: what was pending reaches them and survives a restart', async () => {
    const { room, key } = server.core.registry.createRoom('notes-e2e', 'en');
    const id = room.id as string;
    await steer(server, id, key, 'quiet');
    const seat = seatIn(server, id);
    const writer = syncClient(server.wsUrl, `${id}/seat`, seat.params);
    const wall = syncClient(server.wsUrl, id, { role: 'projector' });
    clients.push(writer, wall);
    await Promise.all([writer.synced, wall.synced]);
    new SeatDoc(writer.doc).addNote('quiet', NOTE, { id: seat.seat, name: 'Ada' });
    const inSeat = () =>
      server.core.registry.readDoc(room.id, seatDocName(seat.seat), (doc) => new SeatDoc(doc).notes('quiet').length);
    await until(() => inSeat() === 1, 'the seat document holds the silent note');
    const wallNotes = () => new Notes(wall.doc).notes('quiet').map((n) => n.text);
    expect(wallNotes()).toEqual([]);

    // What the wall holds at the moment its socket closes: anything sent after the close is lost to it.
    let atClose: { code: number; notes: string[] } | null = null;
    wall.provider.on('connection-close', (event) => {
      atClose ??= { code: event?.code ?? 0, notes: wallNotes() };
    });
    const counts = countStoreWrites(server);

    // The reveal, made on the server and followed by the shutdown in the same turn: neither the control
    // change nor the publication it starts (REVEAL_DELAY_MS later) has been written when the shutdown begins.
    const control = server.core.registry.acquire(room.id, 'control');
    new Control(control.doc).setRevealed('quiet', true);
    server.core.registry.release(control);
    expect(control.settled).toBe(false);
    await server.close();

    expect(counts.flushes).toBe(1);
    expect(counts.blockingWrites).toBe(0);
    expect(counts.afterClose).toBe(0);
    // One group commit carries it all: the control change, the board's publication and the seat's record of it.
    expect(counts.groupCommits).toHaveLength(1);
    expect(new Set(counts.groupCommits[0]!.map((r) => r.doc))).toEqual(
      new Set(['control', 'board', seatDocName(seat.seat)]),
    );

    await until(() => atClose !== null, 'the wall is disconnected');
    expect(atClose).toEqual({ code: CLOSE_SERVER_RESTARTING, notes: [NOTE] });
    for (const client of clients) client.provider.destroy();

    // The next process on the same storage has all of it.
    restarted = await startTestServer({ LOG_LEVEL: 'error', WORKSHOPS_DIR: workshopsDir, DATA_DIR: server.dataDir });
    const board = new Notes(restarted.core.registry.snapshot(room.id as RoomId, 'board'));
    expect(board.notes('quiet').map((n) => n.text)).toEqual([NOTE]);
    const tools = new Control(restarted.core.registry.snapshot(room.id as RoomId, 'control'));
    expect(tools.stepTools('quiet').revealed).toBe(true);
  });

  it('is done once: a second call writes and closes nothing', async () => {
    const target = restarted!;
    const counts = countStoreWrites(target);
    target.core.shutdown();
    target.core.shutdown();
    expect(counts).toMatchObject({ flushes: 1, groupCommits: [], blockingWrites: 0, afterClose: 0 });
  });

  it('reads no frame and takes no socket once input has stopped', async () => {
    const target = await startTestServer({ LOG_LEVEL: 'error' });
    try {
      const { room, key } = target.core.registry.createRoom('five-whys', 'en');
      const facilitator = syncClient(target.wsUrl, `${room.id}/control`, { key });
      clients.push(facilitator);
      await facilitator.synced;
      const step = () => new Control(target.core.registry.snapshot(room.id, 'control')).currentStepId();
      const before = step();

      target.core.sync.stopInput();
      facilitator.control.goToStep('ladder');
      // Frames on one socket are read in order: the pong comes after the server has read the update.
      const socket = facilitator.provider.ws as unknown as WebSocket;
      await new Promise<void>((resolve) => {
        socket.once('pong', () => resolve());
        socket.ping();
      });
      expect(step()).toBe(before);
      expect(before).not.toBe('ladder');
      expect(await closeOf(`${target.wsUrl}/${room.id}`)).toMatchObject({ code: CLOSE_SERVER_RESTARTING });
    } finally {
      await target.close();
      fs.rmSync(target.dataDir, { recursive: true, force: true });
    }
  });
});
