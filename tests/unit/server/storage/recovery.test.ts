import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Board } from '../../../../src/model/board.ts';
import type { RoomId } from '../../../../src/model/ids.ts';
import { applyStoredUpdates } from '../../../../server/rooms/stored-updates.ts';
import { inspectWal, SqliteStore } from '../../../../server/storage/sqlite-store.ts';
import { startTestServer, type TestServer } from '../../../helpers/test-server.ts';

const servers: TestServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

const ROOM = 'AAAAAAAAAAAAAAAAAAAAA' as RoomId;

/** Board updates, one answer each, as a client would send them. */
function answerUpdates(count: number): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < count; i++) new Board(doc).addLadderAnswer('ladder', 0, `answer ${i}`, { id: 'p', name: null });
  return updates;
}

function storeWith(updates: Uint8Array[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledestjerne-recovery-'));
  const store = new SqliteStore(dir);
  store.appendUpdates(updates.map((data, i) => ({ room: ROOM, doc: 'board' as const, seq: i + 1, data })));
  // Copy the files while the database is open, as a crash would leave them (WAL not checkpointed).
  const crashed = fs.mkdtempSync(path.join(os.tmpdir(), 'ledestjerne-crashed-'));
  for (const file of fs.readdirSync(dir)) fs.copyFileSync(path.join(dir, file), path.join(crashed, file));
  store.close();
  return crashed;
}

describe('recovery at start', () => {
  it('keeps the complete commits and reports a torn tail in the write-ahead log', () => {
    const dir = storeWith(answerUpdates(10));
    const wal = path.join(dir, 'ledestjerne.sqlite-wal');
    expect(fs.statSync(wal).size).toBeGreaterThan(0);
    expect(inspectWal(wal)).toEqual([]);
    // A crash in the middle of the next write: half a frame of garbage at the end.
    fs.appendFileSync(wal, Buffer.alloc(1500, 0xab));
    expect(inspectWal(wal)[0]).toMatch(/torn frame \(1500 bytes\)/);

    const store = new SqliteStore(dir);
    expect(store.check()).toEqual([expect.stringMatching(/torn frame/)]);
    const doc = new Y.Doc();
    applyStoredUpdates(doc, store.loadDoc(ROOM, 'board').updates);
    expect(new Board(doc).ladderAnswers('ladder')).toHaveLength(10);
    store.close();
  });

  it('skips a damaged stored update, keeps the rest, and logs it', async () => {
    const updates = answerUpdates(3);
    // The last record's bytes are corrupted on disk.
    const damaged = [...updates.slice(0, 2), Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0x01])];
    const dir = storeWith(damaged);
    const logged: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array) => {
      logged.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    try {
      const server = await startTestServer({ DATA_DIR: dir, LOG_LEVEL: 'error' });
      servers.push(server);
      server.core.store.createRoom({
        id: ROOM,
        workshop: 'five-whys',
        locale: 'da',
        keyHash: Buffer.alloc(32),
        createdAt: 0,
        schemaVersion: 1,
        invite: null,
        joinCode: null,
      });
      const live = server.core.registry.acquire(ROOM, 'board');
      expect(new Board(live.doc).ladderAnswers('ladder').map((a) => a.text)).toEqual(['answer 0', 'answer 1']);
      expect(live.skippedOnLoad).toBe(1);
      server.core.registry.release(live);
      // An export of the room while it is not in memory reads the same records the same way.
      server.core.registry.discard(live);
      const exported = server.core.registry.snapshot(ROOM, 'board');
      expect(new Board(exported).ladderAnswers('ladder').map((a) => a.text)).toEqual(['answer 0', 'answer 1']);
    } finally {
      process.stderr.write = write;
    }
    expect(logged.join('')).toContain('damaged_updates_skipped');
  });
});
