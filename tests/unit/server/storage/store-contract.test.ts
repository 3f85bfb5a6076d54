/**
 * The room store's contract (server/storage/types.ts), run against every
 * durable store: SQLite and PostgreSQL. Each method is exercised for what it
 * promises, including what must not happen: a failed batch stores nothing, a
 * posted write fails alone, a damaged snapshot costs nothing, and everything
 * is there for a second handle (a restart) as soon as the call returned.
 *
 * The PostgreSQL runs come from tests/helpers/postgres.ts; they are skipped,
 * with the reason printed, only when no PostgreSQL server is installed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ParticipantId, RoomId } from '../../../../src/model/ids.ts';
import { seatDocName } from '../../../../src/model/roles.ts';
import type { RoomStore, StoredRoom, UpdateRecord } from '../../../../server/storage/types.ts';
import { postgresForThisFile, TEST_TIMEOUT_MS } from '../../../helpers/postgres.ts';
import { openPostgres, openSqlite, type StoreHandle } from '../../../helpers/store-backends.ts';

const { missing, postgres } = postgresForThisFile('store contract: PostgreSQL runs skipped');

const ROOM = 'AAAAAAAAAAAAAAAAAAAAA' as RoomId;
const OTHER = 'BBBBBBBBBBBBBBBBBBBBB' as RoomId;

function roomRecord(id: RoomId, joinCode: string | null = null): StoredRoom {
  return {
    id,
    workshop: 'five-whys',
    locale: 'nb',
    keyHash: Buffer.alloc(32, id.charCodeAt(0)),
    createdAt: 1_700_000_000_000,
    schemaVersion: 3,
    invite: null,
    joinCode,
  };
}

const update = (seq: number, extra: Partial<UpdateRecord> = {}): UpdateRecord => ({
  room: ROOM,
  doc: 'board',
  seq,
  data: new Uint8Array([seq, seq + 1]),
  ...extra,
});

const backends: { name: string; skip: boolean; open: () => Promise<StoreHandle> }[] = [
  { name: 'SQLite', skip: false, open: openSqlite },
  { name: 'PostgreSQL', skip: missing !== null, open: () => openPostgres(postgres) },
];

for (const backend of backends) {
  describe.skipIf(backend.skip)(`room store contract: ${backend.name}`, { timeout: TEST_TIMEOUT_MS }, () => {
    let handle: StoreHandle;
    let store: RoomStore;
    beforeEach(async () => {
      handle = await backend.open();
      store = handle.store;
    }, 30_000);
    afterEach(async () => {
      await handle.dispose();
    });

    it('creates rooms and reads them back, also after a restart; a duplicate id or join code is refused', () => {
      expect(store.getRoom(ROOM)).toBeNull();
      store.createRoom(roomRecord(ROOM, 'ACEFGH'));
      const expected = { ...roomRecord(ROOM, 'ACEFGH'), activeAt: null };
      expect(store.getRoom(ROOM)).toEqual(expected);
      expect(Buffer.isBuffer(store.getRoom(ROOM)!.keyHash)).toBe(true);
      expect(handle.reopen().getRoom(ROOM)).toEqual(expected);
      expect(() => store.createRoom(roomRecord(ROOM))).toThrow();
      expect(() => store.createRoom(roomRecord(OTHER, 'ACEFGH'))).toThrow();
      expect(store.getRoom(OTHER)).toBeNull();
    });

    it('replaces the invite, and with a code keeps the old code as retired', () => {
      store.createRoom(roomRecord(ROOM, 'ACEFGH'));
      store.setInvite(ROOM, 'invite-1');
      expect(store.getRoom(ROOM)).toMatchObject({ invite: 'invite-1', joinCode: 'ACEFGH' });
      expect(store.findJoinCode('ACEFGH')).toEqual({ room: ROOM, current: true });
      store.setInvite(ROOM, 'invite-2', 'KMNPRT');
      expect(store.getRoom(ROOM)).toMatchObject({ invite: 'invite-2', joinCode: 'KMNPRT' });
      expect(store.findJoinCode('ACEFGH')).toEqual({ room: ROOM, current: false });
      expect(store.findJoinCode('KMNPRT')).toEqual({ room: ROOM, current: true });
      expect(store.findJoinCode('WXY347')).toBeNull();
      expect(handle.reopen().findJoinCode('ACEFGH')).toEqual({ room: ROOM, current: false });
    });

    it('stores seats, replaces a secret, counts and lists them oldest first', () => {
      store.createRoom(roomRecord(ROOM));
      const seat = (id: string, createdAt: number) => ({
        room: ROOM,
        id: id as ParticipantId,
        secretHash: Buffer.alloc(32, id.charCodeAt(0)),
        anonKey: `anon-${id}`,
        createdAt,
      });
      store.createSeat(seat('s-b', 20));
      store.createSeat(seat('s-a', 10));
      store.createSeat(seat('s-c', 20));
      expect(() => store.createSeat(seat('s-a', 30))).toThrow();
      expect(store.getSeat(ROOM, 's-a')).toEqual(seat('s-a', 10));
      expect(Buffer.isBuffer(store.getSeat(ROOM, 's-a')!.secretHash)).toBe(true);
      expect(store.getSeat(ROOM, 'nobody')).toBeNull();
      expect(store.getSeat(OTHER, 's-a')).toBeNull();
      store.setSeatSecret(ROOM, 's-a', Buffer.alloc(32, 9));
      expect(handle.reopen().getSeat(ROOM, 's-a')?.secretHash).toEqual(Buffer.alloc(32, 9));
      expect(store.seatCount(ROOM)).toBe(3);
      expect(store.seatCount(OTHER)).toBe(0);
      expect(store.listSeats(ROOM)).toEqual(['s-a', 's-b', 's-c']);

      // A removed seat goes with its private document; the board and the other seats stay.
      const seatDoc = seatDocName('s-b');
      store.appendUpdates([
        { ...update(1), doc: seatDoc, seat: 's-b' },
        { ...update(1), doc: seatDocName('s-c') },
      ]);
      store.appendUpdates([update(1, { seat: 's-b' })]);
      store.removeSeat(ROOM, 's-b');
      const reopened = handle.reopen();
      expect(reopened.getSeat(ROOM, 's-b')).toBeNull();
      expect(reopened.listSeats(ROOM)).toEqual(['s-a', 's-c']);
      expect(reopened.loadDoc(ROOM, seatDoc).updates).toEqual([]);
      expect(reopened.loadHistory(ROOM, seatDoc)).toEqual([]);
      expect(reopened.loadDoc(ROOM, seatDocName('s-c')).updates).toHaveLength(1);
      expect(reopened.loadDoc(ROOM, 'board').updates).toHaveLength(1);
    });

    it('appends batches atomically: the log, the seats’ byte counts and the history, or nothing', () => {
      expect(store.loadDoc(ROOM, 'board')).toEqual({ updates: [], lastSeq: 0, seatBytes: [] });
      const writer = { role: 'participant' as const, seat: 's-a', name: 'Ada' };
      store.appendUpdates([
        update(1, { seat: 's-a', writer, at: 111 }),
        update(2, { seat: 's-a', writer, at: 112 }),
        update(3, { seat: '' }),
      ]);
      store.appendUpdates([update(4), { ...update(1), doc: 'control' }]);
      // Seq 4 exists: the whole batch fails, its new seq 5 included.
      expect(() => store.appendUpdates([update(5, { seat: 's-a' }), update(4)])).toThrow();
      const loaded = handle.reopen().loadDoc(ROOM, 'board');
      expect(loaded.updates).toEqual([1, 2, 3, 4].map((s) => new Uint8Array([s, s + 1])));
      expect(loaded.lastSeq).toBe(4);
      expect(new Map(loaded.seatBytes)).toEqual(
        new Map([
          ['s-a', 4],
          ['', 2],
        ]),
      );
      expect(store.loadDoc(ROOM, 'control').lastSeq).toBe(1);
      const history = store.loadHistory(ROOM, 'board');
      expect(history.map((h) => h.seq)).toEqual([1, 2, 3, 4]);
      expect(history[0]).toEqual({ seq: 1, at: 111, writer, data: new Uint8Array([1, 2]) });
      expect(history[2]!.writer).toBeNull();
      expect(history[3]!.at).toBeGreaterThan(1_700_000_000_000);
      expect(store.loadHistory(ROOM, 'seat/s-a' as never)).toEqual([]);
    });

    it('compacts into checksummed snapshots, keeping the previous one, and never touches history', () => {
      store.appendUpdates([1, 2, 3].map((s) => update(s, { seat: 's-a' })));
      store.compact(ROOM, 'board', new Uint8Array([30, 1]), 3);
      store.appendUpdates([update(4), update(5)]);
      expect(store.loadDoc(ROOM, 'board')).toMatchObject({
        updates: [new Uint8Array([30, 1]), new Uint8Array([4, 5]), new Uint8Array([5, 6])],
        lastSeq: 5,
        seatBytes: [['s-a', 6]],
      });
      expect(store.docSize(ROOM, 'board').updates).toBe(6);
      store.compact(ROOM, 'board', new Uint8Array([50, 1]), 5);
      // The first snapshot and updates 4–5 stay until a third snapshot: 1–3 are gone.
      expect(store.docSize(ROOM, 'board')).toEqual({ updates: 4, bytes: 8 });
      expect(handle.reopen().loadDoc(ROOM, 'board')).toEqual({
        updates: [new Uint8Array([50, 1])],
        lastSeq: 5,
        seatBytes: [['s-a', 6]],
      });
      expect(store.loadHistory(ROOM, 'board').map((h) => h.seq)).toEqual([1, 2, 3, 4, 5]);
    });

    it('passes over a snapshot that does not match its checksum, for the previous one and the updates since', async () => {
      store.appendUpdates([update(1), update(2)]);
      store.compact(ROOM, 'board', new Uint8Array([20, 1]), 2);
      store.appendUpdates([update(3)]);
      store.compact(ROOM, 'board', new Uint8Array([30, 1]), 3);
      await handle.damageNewestSnapshot(ROOM, 'board');
      const loaded = handle.reopen().loadDoc(ROOM, 'board');
      expect(loaded.updates).toEqual([new Uint8Array([20, 1]), new Uint8Array([3, 4])]);
      expect(loaded.lastSeq).toBe(3);
      expect(loaded.recovery?.source).toBe('snapshot at update 2');
      expect(loaded.recovery?.problems.join(' ')).toMatch(/checksum/);
    });

    it('answers posted writes in order; a failed one fails alone; drain waits for all', () => {
      const answers: string[] = [];
      const note = (what: string) => (error: Error | null) => answers.push(`${what} ${error ? 'failed' : 'ok'}`);
      store.appendUpdatesAsync([update(1), update(2)], note('1-2'));
      store.appendUpdatesAsync([update(2)], note('2 again'));
      store.compactAsync(ROOM, 'board', new Uint8Array([20, 1]), 2, note('compact'));
      store.appendUpdatesAsync([update(3)], note('3'));
      store.drain();
      expect(answers).toEqual(['1-2 ok', '2 again failed', 'compact ok', '3 ok']);
      expect(handle.reopen().loadDoc(ROOM, 'board')).toMatchObject({
        updates: [new Uint8Array([20, 1]), new Uint8Array([3, 4])],
        lastSeq: 3,
      });
    });

    it('applies a blocking write after every write posted before it', () => {
      store.appendUpdatesAsync([update(1)], () => {});
      store.appendUpdatesAsync([update(2)], () => {});
      // Would fail on seq 2 if it overtook the posted writes; it must fail, in order.
      expect(() => store.appendUpdates([update(2)])).toThrow();
      store.drain();
      expect(store.loadDoc(ROOM, 'board').lastSeq).toBe(2);
    });

    it('finds rooms idle since a time, counting the last touch', () => {
      store.createRoom({ ...roomRecord(ROOM), createdAt: 1000 });
      store.createRoom({ ...roomRecord(OTHER), createdAt: 1000 });
      store.touchRoom(OTHER, 5000);
      store.drain();
      expect(store.idleRooms(2000)).toEqual([ROOM]);
      expect(store.idleRooms(6000).sort()).toEqual([ROOM, OTHER]);
      expect(store.idleRooms(500)).toEqual([]);
      expect(handle.reopen().getRoom(OTHER)?.activeAt).toBe(5000);
    });

    it('deletes a room with everything in it and nothing of another room', () => {
      for (const id of [ROOM, OTHER]) {
        store.createRoom(roomRecord(id, id === ROOM ? 'ACEFGH' : 'CEFGHK'));
        store.createSeat({
          room: id,
          id: 's-a' as ParticipantId,
          secretHash: Buffer.alloc(32),
          anonKey: 'k',
          createdAt: 1,
        });
        store.appendUpdates([1, 2].map((seq) => ({ ...update(seq, { seat: 's-a' }), room: id })));
        store.compact(id, 'board', new Uint8Array([9]), 2);
      }
      store.setInvite(ROOM, 'inv', 'KMNPRT');
      store.deleteRoom(ROOM);
      const after = handle.reopen();
      expect(after.getRoom(ROOM)).toBeNull();
      expect(after.getSeat(ROOM, 's-a')).toBeNull();
      expect(after.loadDoc(ROOM, 'board')).toEqual({ updates: [], lastSeq: 0, seatBytes: [] });
      expect(after.loadHistory(ROOM, 'board')).toEqual([]);
      expect(after.docSize(ROOM, 'board')).toEqual({ updates: 0, bytes: 0 });
      expect(after.findJoinCode('ACEFGH')).toBeNull();
      expect(after.findJoinCode('KMNPRT')).toBeNull();
      expect(after.getRoom(OTHER)).not.toBeNull();
      expect(after.loadDoc(OTHER, 'board').updates).toEqual([new Uint8Array([9])]);
      expect(after.loadHistory(OTHER, 'board')).toHaveLength(2);
    });

    it('stores on close what was posted, so the next handle finds it', () => {
      let answered = false;
      store.appendUpdatesAsync([update(1)], (e) => {
        answered = e === null;
      });
      store.close();
      expect(answered).toBe(true);
      expect(handle.reopen().loadDoc(ROOM, 'board').lastSeq).toBe(1);
    });
  });
}
