import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import { LiveDoc, type Peer } from '../../../../server/rooms/live-doc.ts';
import type { RoomId } from '../../../../src/model/ids.ts';

const ROOM = 'AAAAAAAAAAAAAAAAAAAAA' as RoomId;

function peer(): Peer & { received: Uint8Array[] } {
  const received: Uint8Array[] = [];
  return { received, awarenessClients: new Set(), send: (m) => received.push(m) };
}

/** The Yjs update inside a sync message (step 2 or update). */
function updateOf(message: Uint8Array): Uint8Array {
  const decoder = decoding.createDecoder(message);
  expect(decoding.readVarUint(decoder)).toBe(0);
  const subtype = decoding.readVarUint(decoder);
  expect([syncProtocol.messageYjsSyncStep2, syncProtocol.messageYjsUpdate]).toContain(subtype);
  return decoding.readVarUint8Array(decoder);
}

/** What the write queue does: hands the pending updates to the store, then reports them stored. */
function commit(live: LiveDoc): void {
  live.takePending();
  live.stored();
}

function edit(live: LiveDoc, from: Peer, key: string): void {
  const source = new Y.Doc();
  Y.applyUpdate(source, Y.encodeStateAsUpdate(live.doc));
  const before = Y.encodeStateVector(source);
  source.getMap('m').set(key, key);
  Y.applyUpdate(live.doc, Y.encodeStateAsUpdate(source, before), from);
}

describe('LiveDoc', () => {
  it('sends the updates of one commit as one message, and a lone update to everyone but its sender', () => {
    const live = new LiveDoc(ROOM, 'board', { updates: [], lastSeq: 0 }, () => {});
    const [a, b, c] = [peer(), peer(), peer()];
    for (const p of [a, b, c]) live.addPeer(p);

    edit(live, a, 'one');
    commit(live);
    expect(a.received).toHaveLength(0);
    expect(b.received).toHaveLength(1);
    expect(c.received).toHaveLength(1);

    edit(live, a, 'two');
    edit(live, b, 'three');
    expect(c.received).toHaveLength(1); // nothing leaves before the store has it
    commit(live);
    // One more message each: the two updates merged, senders included.
    expect([a, b, c].map((p) => p.received.length)).toEqual([1, 2, 2]);
    const replica = new Y.Doc();
    for (const m of c.received) Y.applyUpdate(replica, updateOf(m));
    expect(replica.getMap('m').toJSON()).toEqual({ one: 'one', two: 'two', three: 'three' });
    live.destroy();
  });

  it('encodes the whole document once for every new joiner until it changes', () => {
    const source = new Y.Doc();
    source.getText('t').insert(0, 'stored text');
    const live = new LiveDoc(ROOM, 'board', { updates: [Y.encodeStateAsUpdate(source)], lastSeq: 1 }, () => {});
    const empty = Y.encodeStateVector(new Y.Doc());
    const first = live.syncStep2For(empty, 0);
    expect(live.syncStep2For(empty, 0)).toBe(first);
    const fromDisk = new Y.Doc();
    Y.applyUpdate(fromDisk, updateOf(first));
    expect(fromDisk.getText('t').toString()).toBe('stored text');

    edit(live, peer(), 'new');
    const second = live.syncStep2For(empty, 0);
    expect(second).not.toBe(first);
    const joiner = new Y.Doc();
    Y.applyUpdate(joiner, updateOf(second));
    expect(joiner.getMap('m').get('new')).toBe('new');
    expect(joiner.getText('t').toString()).toBe('stored text');

    // A client that has part of the document gets only what it lacks.
    const partial = live.syncStep2For(Y.encodeStateVector(fromDisk), 1);
    const rest = new Y.Doc();
    Y.applyUpdate(rest, updateOf(partial));
    expect(rest.getText('t').toString()).toBe('');
    live.destroy();
  });

  it('counts its own log: a compaction only when settled, one at a time, and what was stored meanwhile follows it', () => {
    const live = new LiveDoc(ROOM, 'board', { updates: [], lastSeq: 0 }, () => {});
    const writer = peer();
    live.addPeer(writer);
    edit(live, writer, 'a');
    // An update waits to be stored: the log is not yet the document, so no snapshot may replace it.
    expect(live.startCompaction()).toBeNull();
    commit(live);
    edit(live, writer, 'b');
    commit(live);
    expect(live.log.records).toBe(2);
    const first = live.startCompaction()!;
    expect(first.upTo).toBe(2);
    expect(live.startCompaction()).toBeNull();
    // The store failed: the log is as it was, and the next attempt may start.
    first.finished(false);
    expect(live.log.records).toBe(2);
    const second = live.startCompaction()!;
    edit(live, writer, 'c');
    commit(live);
    second.finished(true);
    // The snapshot stands for the first two updates; the third follows it in the log.
    expect(live.log.records).toBe(2);
    expect(live.log.lastSeq).toBe(3);
    expect(live.log.bytes).toBeGreaterThanOrEqual(second.snapshot.byteLength);
    live.destroy();
  });

  it('unloads once, after the delay, unless someone comes back first', async () => {
    const live = new LiveDoc(ROOM, 'board', { updates: [], lastSeq: 0 }, () => {});
    let unloads = 0;
    live.scheduleUnload(0, () => unloads++);
    expect(live.unloadScheduled).toBe(true);
    live.cancelUnload();
    expect(live.unloadScheduled).toBe(false);
    live.scheduleUnload(0, () => unloads++);
    // A second schedule replaces the first rather than adding to it.
    live.scheduleUnload(0, () => unloads++);
    await new Promise<void>((resolve) => {
      live.scheduleUnload(0, () => {
        unloads++;
        resolve();
      });
    });
    expect(unloads).toBe(1);
    expect(live.unloadScheduled).toBe(false);
    live.destroy();
  });
});
