/**
 * Big rooms have no artificial latency floor by default: an update in a room
 * of hundreds of peers is written at the end of the turn it arrived in, as in
 * a small room, and waits only for a write already in flight. Spacing a big
 * room's commits (BIG_ROOM_COMMIT_INTERVAL_MS > 0) is an operator's choice,
 * to send each phone fewer messages, and still never sends before storing.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RoomId } from '../../../../src/model/ids.ts';
import { BIG_ROOM_DEFAULTS, loadConfig } from '../../../../server/config.ts';
import { LiveDoc, type Peer } from '../../../../server/rooms/live-doc.ts';
import { WriteQueue, type CommitSpacing } from '../../../../server/rooms/write-queue.ts';
import { MemoryStore } from '../../../../server/storage/memory-store.ts';
import type { UpdateRecord, WriteDone } from '../../../../server/storage/types.ts';
import { until } from '../../../helpers/test-server.ts';

/** Holds every write until `finish`, so the test sees when a write is handed over and when its updates are sent. */
class HeldStore extends MemoryStore {
  readonly held: { records: UpdateRecord[]; done: WriteDone }[] = [];

  override appendUpdatesAsync(records: readonly UpdateRecord[], done: WriteDone): void {
    this.held.push({ records: [...records], done });
  }

  finish(): void {
    const write = this.held.shift()!;
    this.appendUpdates(write.records);
    write.done(null);
  }
}

const PEERS = 300;
const endOfTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

function bigRoom(spacing?: CommitSpacing) {
  const store = new HeldStore();
  let clock = 1000;
  const queue = new WriteQueue(store, () => {}, () => {}, () => clock, undefined, spacing);
  const live = new LiveDoc('bigroom'.padEnd(21, '0') as RoomId, 'board', { updates: [], lastSeq: 0 }, (l) =>
    queue.markDirty(l),
  );
  const peers = Array.from({ length: PEERS }, (): Peer & { received: Uint8Array[] } => {
    const received: Uint8Array[] = [];
    return { received, awarenessClients: new Set(), send: (m) => received.push(m) };
  });
  for (const p of peers) live.addPeer(p);
  const edit = (key: string) => {
    const source = new Y.Doc();
    source.getMap('m').set(key, key);
    Y.applyUpdate(live.doc, Y.encodeStateAsUpdate(source), peers[0]);
  };
  return { store, peers, edit, advance: (ms: number) => (clock += ms) };
}

describe('big-room commit spacing', () => {
  it('is off by default, in the config and in a queue built without one', () => {
    expect(BIG_ROOM_DEFAULTS.commitIntervalMs).toBe(0);
    expect(loadConfig({}).limits.bigRoomCommitIntervalMs).toBe(0);
  });

  it('writes every update of a big room at the end of its turn, the second right after the first returns', async () => {
    const { store, peers, edit } = bigRoom();
    edit('a');
    await endOfTurn();
    expect(store.held).toHaveLength(1);
    store.finish();
    expect(peers[1]!.received).toHaveLength(1);

    // Right after a commit: no interval to wait for, the next update goes in the next turn's write.
    edit('b');
    await endOfTurn();
    expect(store.held).toHaveLength(1);
    expect(peers[1]!.received).toHaveLength(1);
    store.finish();
    expect(peers[1]!.received).toHaveLength(2);
  });

  it('when an operator sets an interval, holds a big room’s next commit until it has passed, still stored before sent', async () => {
    const { store, peers, edit, advance } = bigRoom({ bigRoomPeers: 64, bigRoomCommitIntervalMs: 30 });
    edit('a');
    await endOfTurn();
    store.finish();
    edit('b');
    edit('c');
    await endOfTurn();
    expect(store.held).toHaveLength(0);
    advance(30);
    await until(() => store.held.length === 1, 'the held commit once the interval has passed');
    expect(store.held[0]!.records).toHaveLength(2);
    expect(peers[1]!.received).toHaveLength(1);
    store.finish();
    expect(peers[1]!.received).toHaveLength(2);
  });
});
