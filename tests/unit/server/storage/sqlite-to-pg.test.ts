/**
 * `npm run copy-to-postgres` (server/storage/sqlite-to-pg.ts) against a real
 * PostgreSQL: a SQLite store with rooms, seats, a retired join code, history,
 * seats' byte counts and a compacted document is copied, read back through
 * the PostgreSQL store as a server would, copied again (nothing twice), then
 * damaged in PostgreSQL (the check must see it and the command must fail),
 * and refused while a server holds the SQLite directory.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ParticipantId, RoomId } from '../../../../src/model/ids.ts';
import { InstanceLock, StorageLockedError } from '../../../../server/storage/instance-lock.ts';
import { PgStore } from '../../../../server/storage/pg-store.ts';
import { SqliteStore } from '../../../../server/storage/sqlite-store.ts';
import { copySqliteToPostgres } from '../../../../server/storage/sqlite-to-pg.ts';
import type { StoredRoom, UpdateRecord } from '../../../../server/storage/types.ts';
import {
  postgresMissingReason,
  START_TIMEOUT_MS,
  STOP_TIMEOUT_MS,
  TEST_TIMEOUT_MS,
  startPostgres,
  type TestPostgres,
} from '../../../helpers/postgres.ts';
import { withClient } from '../../../helpers/store-backends.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..', '..');
const missing = postgresMissingReason();
if (missing) console.warn(`copy-to-postgres test skipped: ${missing}`);

const BUSY = 'BUSYBUSYBUSYBUSYBUSYB' as RoomId;
const EMPTY = 'EMPTYEMPTYEMPTYEMPTYE' as RoomId;
const SEAT = 'seat-one' as ParticipantId;

let postgres: TestPostgres | null = null;
let dataDir = '';
/** What each document of BUSY holds, as text, to compare with what PostgreSQL serves. */
const expected = new Map<string, string>();
beforeAll(async () => {
  if (missing) return;
  postgres = await startPostgres();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledestjerne-copy-'));
  fillSqlite(dataDir);
}, START_TIMEOUT_MS);
afterAll(async () => {
  await postgres?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}, STOP_TIMEOUT_MS);

function room(id: RoomId, joinCode: string | null): StoredRoom {
  return {
    id,
    workshop: 'five-whys',
    locale: 'da',
    keyHash: Buffer.alloc(32, id.charCodeAt(0)),
    createdAt: 1_700_000_000_000,
    schemaVersion: 3,
    invite: null,
    joinCode,
  };
}

/** Real Yjs edits, written the way live rooms write them: some by a seat, some by the facilitator, one document compacted. */
function fillSqlite(dir: string): void {
  const store = new SqliteStore(dir);
  try {
    store.createRoom(room(BUSY, 'ACEFGH'));
    store.createRoom(room(EMPTY, null));
    store.setInvite(BUSY, 'new-invite-token', 'HJKMNP');
    store.createSeat({ room: BUSY, id: SEAT, secretHash: Buffer.alloc(32, 7), anonKey: 'anon', createdAt: 1 });
    for (const doc of ['board', 'control', `seat/${SEAT}`] as const) {
      const ydoc = new Y.Doc();
      const records: UpdateRecord[] = [];
      ydoc.on('update', (data: Uint8Array) =>
        records.push({
          room: BUSY,
          doc,
          seq: records.length + 1,
          data,
          at: 1_700_000_000_000 + records.length,
          writer:
            doc === 'control'
              ? { role: 'facilitator', seat: null, name: null }
              : { role: 'participant', seat: SEAT, name: 'Ada' },
          seat: doc === 'control' ? '' : SEAT,
        }),
      );
      const text = ydoc.getText('t');
      for (let i = 0; i < 40; i++) text.insert(text.length, `${doc}-${i};`);
      text.delete(0, 5);
      store.appendUpdates(records);
      if (doc === 'board') store.compact(BUSY, doc, Y.encodeStateAsUpdate(ydoc), 30);
      expected.set(doc, text.toString());
    }
  } finally {
    store.close();
  }
}

const cli = (databaseUrl: string) =>
  spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'copy-to-postgres.ts')], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: databaseUrl },
    encoding: 'utf8',
    timeout: 60_000,
  });

describe.skipIf(missing !== null)('copying a SQLite store into PostgreSQL', { timeout: TEST_TIMEOUT_MS }, () => {
  it('copies every room whole, checks it, and a second run copies nothing twice', async () => {
    const databaseUrl = await postgres!.createDatabase();
    const first = await copySqliteToPostgres({ dataDir, databaseUrl });
    expect(first.map((o) => [o.room, o.action, o.problems])).toEqual([
      [BUSY, 'copied', []],
      [EMPTY, 'copied', []],
    ]);
    expect(first[0]!.documents).toBe(3);
    expect(first[0]!.rows).toMatchObject({ seats: 1, retired_codes: 1, history: 123, snapshots: 1 });

    // A server on PostgreSQL reads the room exactly as the SQLite server did.
    const store = new PgStore({ url: databaseUrl, nodeId: 'reader', leaseMs: 5000 });
    try {
      expect(store.getRoom(BUSY)).toMatchObject({ invite: 'new-invite-token', joinCode: 'HJKMNP' });
      expect(store.findJoinCode('ACEFGH')).toEqual({ room: BUSY, current: false });
      expect(store.getSeat(BUSY, SEAT)?.anonKey).toBe('anon');
      for (const [doc, text] of expected) {
        const loaded = store.loadDoc(BUSY, doc as 'board');
        const ydoc = new Y.Doc();
        for (const update of loaded.updates) Y.applyUpdate(ydoc, update);
        expect(ydoc.getText('t').toString()).toBe(text);
        expect(loaded.lastSeq).toBe(40 + 1);
        expect(loaded.seatBytes.length).toBe(1);
        expect(store.loadHistory(BUSY, doc as 'board')).toHaveLength(41);
      }
      expect(store.seatCount(EMPTY)).toBe(0);
    } finally {
      store.close();
    }

    const again = cli(databaseUrl);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toMatch(new RegExp(`ok +${BUSY} +already there, 3 documents`));
    const summary = JSON.parse(again.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
    expect(summary).toMatchObject({ rooms: 2, copied: 0, alreadyThere: 2, mismatched: [] });
    const count = await withClient(databaseUrl, (c) => c.query<{ n: string }>('SELECT count(*) AS n FROM history'));
    expect(Number(count.rows[0]!.n)).toBe(123);
  });

  it('finds a room that differs in PostgreSQL and exits with an error', async () => {
    const databaseUrl = await postgres!.createDatabase();
    await copySqliteToPostgres({ dataDir, databaseUrl });
    // The newest update of the control document (the deletion) lost, and the seat's secret changed.
    await withClient(databaseUrl, async (c) => {
      await c.query("DELETE FROM updates WHERE room = $1 AND doc = 'control' AND seq = 41", [BUSY]);
      await c.query("UPDATE seats SET secret_hash = '\\x00' WHERE room = $1", [BUSY]);
    });
    const run = cli(databaseUrl);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`MISMATCH ${BUSY}`));
    expect(run.stdout).toMatch(/seats: 1 rows in SQLite, 1 in PostgreSQL, contents differ/);
    expect(run.stdout).toMatch(/updates: (\d+) rows in SQLite, (\d+) in PostgreSQL/);
    // The lost update is the deletion: the state vector is the same, the content is not.
    expect(run.stdout).toMatch(/control: Yjs content differs/);
    expect(run.stdout).toMatch(new RegExp(`ok +${EMPTY}`));
  });

  it('refuses while a server holds the SQLite directory, and copies nothing', async () => {
    const databaseUrl = await postgres!.createDatabase();
    const lock = InstanceLock.acquire(dataDir);
    try {
      await expect(copySqliteToPostgres({ dataDir, databaseUrl })).rejects.toBeInstanceOf(StorageLockedError);
      const run = cli(databaseUrl);
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/in use by another server/);
    } finally {
      lock.release();
    }
    const tables = await withClient(databaseUrl, (c) => c.query("SELECT 1 FROM pg_tables WHERE tablename = 'rooms'"));
    expect(tables.rowCount).toBe(0);
  });
});
