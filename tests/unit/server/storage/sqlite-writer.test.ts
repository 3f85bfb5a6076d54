/**
 * The SQLite store's writes through its worker thread: answered in order,
 * a failed write fails alone, and the blocking calls (drain, the plain
 * methods) return only once the data is on disk.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RoomId } from '../../../../src/model/ids.ts';
import { SqliteStore } from '../../../../server/storage/sqlite-store.ts';

const ROOM = 'AAAAAAAAAAAAAAAAAAAAA' as RoomId;
const record = (seq: number) => ({ room: ROOM, doc: 'board' as const, seq, data: new Uint8Array([seq]) });

const stores: SqliteStore[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function open(dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledestjerne-writer-'))) {
  dirs.push(dir);
  const store = new SqliteStore(dir);
  stores.push(store);
  return { store, dir };
}

describe('SqliteStore writes in its worker', () => {
  it('answers async writes in order; a failed one fails alone; drain waits for all', () => {
    const { store } = open();
    const answers: string[] = [];
    store.appendUpdatesAsync([record(1), record(2)], (e) => answers.push(`1-2 ${e ? 'failed' : 'ok'}`));
    store.appendUpdatesAsync([record(2)], (e) => answers.push(`2 again ${e ? 'failed' : 'ok'}`));
    store.appendUpdatesAsync([record(3)], (e) => answers.push(`3 ${e ? 'failed' : 'ok'}`));
    expect(answers).toEqual([]);
    store.drain();
    expect(answers).toEqual(['1-2 ok', '2 again failed', '3 ok']);
    expect(store.loadDoc(ROOM, 'board')).toEqual({
      updates: [new Uint8Array([1]), new Uint8Array([2]), new Uint8Array([3])],
      lastSeq: 3,
      seatBytes: [],
    });
  });

  it('keeps the plain methods blocking: stored when they return, visible to another handle', () => {
    const { store, dir } = open();
    store.createRoom({
      id: ROOM,
      workshop: 'five-whys',
      locale: 'da',
      keyHash: Buffer.alloc(32, 7),
      createdAt: 1,
      schemaVersion: 1,
      invite: null,
      joinCode: null,
    });
    store.appendUpdates([record(1), record(2)]);
    store.compact(ROOM, 'board', new Uint8Array([9]), 2);
    store.setInvite(ROOM, 'invite-token');
    const other = open(dir).store;
    expect(other.getRoom(ROOM)).toMatchObject({ workshop: 'five-whys', invite: 'invite-token' });
    expect(other.getRoom(ROOM)?.keyHash).toEqual(Buffer.alloc(32, 7));
    expect(other.loadDoc(ROOM, 'board')).toEqual({ updates: [new Uint8Array([9])], lastSeq: 2, seatBytes: [] });
    expect(() => store.appendUpdates([record(2)])).toThrow(/UNIQUE/);
  });

  it('drains on close, so the next process finds every write', () => {
    const { store, dir } = open();
    let answered = false;
    store.appendUpdatesAsync([record(1)], (e) => {
      answered = e === null;
    });
    store.close();
    stores.splice(stores.indexOf(store), 1);
    expect(answered).toBe(true);
    expect(open(dir).store.loadDoc(ROOM, 'board').lastSeq).toBe(1);
  });
});
