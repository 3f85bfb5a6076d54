/**
 * The group commit with a store whose writes return only when the test says
 * so: at most two writes in flight for all rooms, a document in one of them
 * at a time, what arrives meanwhile goes in the next one, and nothing is sent
 * before the write that holds it has returned.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RoomId } from '../../../../src/model/ids.ts';
import { LiveDoc, type Peer } from '../../../../server/rooms/live-doc.ts';
import { WriteQueue } from '../../../../server/rooms/write-queue.ts';
import { MemoryStore } from '../../../../server/storage/memory-store.ts';
import type { UpdateRecord, WriteDone } from '../../../../server/storage/types.ts';

/** Holds every async write until `finish` is called, as a slow disk would. */
class HeldStore extends MemoryStore {
  readonly held: { records: UpdateRecord[]; done: WriteDone }[] = [];

  override appendUpdatesAsync(records: readonly UpdateRecord[], done: WriteDone): void {
    this.held.push({ records: [...records], done });
  }

  finish(error: Error | null = null): void {
    const write = this.held.shift()!;
    if (!error) this.appendUpdates(write.records);
    write.done(error);
  }
}

function peer(): Peer & { received: Uint8Array[] } {
  const received: Uint8Array[] = [];
  return { received, awarenessClients: new Set(), send: (m) => received.push(m) };
}

const endOfTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

function setup(rooms: number) {
  const store = new HeldStore();
  const failed: LiveDoc[] = [];
  // As the registry does: a document whose write failed is dropped with everything unsent.
  const queue = new WriteQueue(
    store,
    (live) => {
      failed.push(live);
      live.discardOutbox();
    },
    () => {},
  );
  const docs = Array.from({ length: rooms }, (_, i) => {
    const live = new LiveDoc(`room${i}`.padEnd(21, '0') as RoomId, 'board', { updates: [], lastSeq: 0 }, (l) =>
      queue.markDirty(l),
    );
    const [writer, reader] = [peer(), peer()];
    live.addPeer(writer);
    live.addPeer(reader);
    return { live, writer, reader };
  });
  return { store, failed, queue, docs };
}

function edit(live: LiveDoc, from: Peer, key: string): void {
  const source = new Y.Doc();
  source.getMap('m').set(key, key);
  Y.applyUpdate(live.doc, Y.encodeStateAsUpdate(source), from);
}

const roomsOf = (records: readonly UpdateRecord[]) => records.map((r) => `${r.room.slice(0, 5)}#${r.seq}`);

describe('WriteQueue', () => {
  it('writes the rooms of one turn together, and sends each update only after its write returned', async () => {
    const { store, docs } = setup(3);
    const [a, b, c] = docs as [(typeof docs)[0], (typeof docs)[0], (typeof docs)[0]];
    edit(a.live, a.writer, 'a1');
    edit(b.live, b.writer, 'b1');
    await endOfTurn();
    expect(store.held.map((w) => roomsOf(w.records))).toEqual([['room0#1', 'room1#1']]);

    // While it is on the disk, a room that is not in it goes into the next write at once;
    // a room that is in it waits for it.
    edit(c.live, c.writer, 'c1');
    edit(a.live, a.writer, 'a2');
    await endOfTurn();
    expect(store.held.map((w) => roomsOf(w.records))).toEqual([['room0#1', 'room1#1'], ['room2#1']]);
    expect([a, b, c].map((d) => d.reader.received.length)).toEqual([0, 0, 0]);

    store.finish();
    expect([a, b, c].map((d) => d.reader.received.length)).toEqual([1, 1, 0]);
    expect(a.writer.received).toHaveLength(0);
    await endOfTurn();
    // Its own write has returned: room 0's second update leaves behind room 2's.
    expect(store.held.map((w) => roomsOf(w.records))).toEqual([['room2#1'], ['room0#2']]);
    store.finish();
    expect([a, b, c].map((d) => d.reader.received.length)).toEqual([1, 1, 1]);
    store.finish();
    expect([a, b, c].map((d) => d.reader.received.length)).toEqual([2, 1, 1]);
    expect(store.loadDoc(a.live.room, 'board').lastSeq).toBe(2);
  });

  it('hands the store at most two writes; what comes meanwhile waits and leaves as one', async () => {
    const { store, docs } = setup(5);
    edit(docs[0]!.live, docs[0]!.writer, 'x');
    await endOfTurn();
    edit(docs[1]!.live, docs[1]!.writer, 'x');
    await endOfTurn();
    edit(docs[2]!.live, docs[2]!.writer, 'x');
    await endOfTurn();
    edit(docs[3]!.live, docs[3]!.writer, 'x');
    edit(docs[0]!.live, docs[0]!.writer, 'y');
    await endOfTurn();
    expect(store.held.map((w) => roomsOf(w.records))).toEqual([['room0#1'], ['room1#1']]);
    store.finish();
    await endOfTurn();
    // One write for all that waited, in the order it came.
    expect(store.held.map((w) => roomsOf(w.records))).toEqual([['room1#1'], ['room2#1', 'room3#1', 'room0#2']]);
    store.finish();
    store.finish();
    expect(docs.map((d) => d.reader.received.length)).toEqual([2, 1, 1, 1, 0]);
  });

  it('a failed write stops its rooms: their later updates are neither stored nor sent before it', async () => {
    const { store, failed, docs } = setup(2);
    const [a, b] = docs as [(typeof docs)[0], (typeof docs)[0]];
    edit(a.live, a.writer, 'a1');
    await endOfTurn();
    edit(a.live, a.writer, 'a2');
    edit(b.live, b.writer, 'b1');
    await endOfTurn();
    // Room 0's second update is not beside its first on the way to the disk.
    expect(store.held.map((w) => roomsOf(w.records))).toEqual([['room0#1'], ['room1#1']]);
    store.finish(new Error('damaged page'));
    expect(failed).toEqual([a.live]);
    store.finish();
    await endOfTurn();
    expect(store.held).toHaveLength(0);
    expect(store.loadDoc(a.live.room, 'board').lastSeq).toBe(0);
    expect([a, b].map((d) => d.reader.received.length)).toEqual([0, 1]);
  });

  it('holds a sync reply behind the write in flight that its state includes', async () => {
    const { store, docs } = setup(1);
    const { live, writer } = docs[0]!;
    const joiner = peer();
    live.addPeer(joiner);
    edit(live, writer, 'x');
    await endOfTurn();
    expect(store.held).toHaveLength(1);
    // Nothing is pending any more, but the reply shows an update that is not yet on disk.
    live.sendAfterStore(joiner, new Uint8Array([42]));
    expect(joiner.received).toHaveLength(0);
    store.finish();
    expect(joiner.received.at(-1)).toEqual(new Uint8Array([42]));
    expect(live.settled).toBe(true);
    // Once everything is stored, a reply leaves at once.
    live.sendAfterStore(joiner, new Uint8Array([43]));
    expect(joiner.received.at(-1)).toEqual(new Uint8Array([43]));
  });

  it('retries each document of a failed group write alone: only the one that fails again is reported', async () => {
    const { store, failed, docs } = setup(2);
    edit(docs[0]!.live, docs[0]!.writer, 'a');
    edit(docs[1]!.live, docs[1]!.writer, 'b');
    await endOfTurn();
    store.finish(new Error('damaged page'));
    // Nothing of the failed write was sent; each document is written again on its own, in order.
    expect(docs.map((d) => d.reader.received.length)).toEqual([0, 0]);
    expect(store.held.map((w) => w.records.map((r) => r.room))).toEqual([[docs[0]!.live.room], [docs[1]!.live.room]]);
    store.finish(new Error('damaged page'));
    store.finish();
    expect(failed).toEqual([docs[0]!.live]);
    expect(docs.map((d) => d.reader.received.length)).toEqual([0, 1]);
    expect(store.loadDoc(docs[1]!.live.room, 'board').lastSeq).toBe(1);
  });

  it('reports a document whose write fails alone, and sends none of it', async () => {
    const { store, failed, docs } = setup(1);
    edit(docs[0]!.live, docs[0]!.writer, 'a');
    await endOfTurn();
    store.finish(new Error('disk full'));
    expect(failed).toEqual([docs[0]!.live]);
    expect(docs[0]!.reader.received).toHaveLength(0);
  });

  it('flush writes everything pending and returns once it is stored and sent', () => {
    const store = new MemoryStore();
    const queue = new WriteQueue(
      store,
      () => {},
      () => {},
    );
    const live = new LiveDoc('AAAAAAAAAAAAAAAAAAAAA' as RoomId, 'board', { updates: [], lastSeq: 0 }, (l) =>
      queue.markDirty(l),
    );
    const [writer, reader] = [peer(), peer()];
    live.addPeer(writer);
    live.addPeer(reader);
    edit(live, writer, 'x');
    queue.flush();
    expect(store.loadDoc(live.room, 'board').lastSeq).toBe(1);
    expect(reader.received).toHaveLength(1);
  });
});
