/**
 * Damaged bytes in the database file, against a real server process and real
 * clients: the process survives, the damage costs only the rows it hit, the
 * rooms elsewhere in the file work, and what was recovered is logged.
 */
import fs from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../../../e2e/fixtures/server.ts';
import {
  createRoom,
  dbFileOf,
  logged,
  newestSnapshot,
  pageSizeOf,
  readRoom,
  scribble,
  uniqueOffsetOf,
  writeAnswers,
} from '../../../helpers/storage-faults.ts';
import { treePages, type PageCell } from '../../../helpers/sqlite-pages.ts';

const servers: ServerProcess[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.dispose();
});

const ENV = { SERVE_PAGES: 'false', IDLE_UNLOAD_MS: '60000', COMPACT_AFTER_UPDATES: '40' };
const texts = (prefix: string, n: number, pad = 0) =>
  Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(2, '0')}-${'x'.repeat(pad)}`);

/** Stops the server without a chance to tidy up, then checkpoints the WAL so every row is in the main file. */
async function crashAndCheckpoint(server: ServerProcess): Promise<void> {
  await server.stop('SIGKILL');
  const db = new DatabaseSync(dbFileOf(server.dataDir));
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  db.close();
}

describe('damaged pages', () => {
  it(
    'contains damage to the rooms it hit and recovers a damaged snapshot from the previous one',
    { timeout: 60_000 },
    async () => {
      const server = await startServer({ env: ENV, captureLogs: true });
      servers.push(server);
      const healthy = [await createRoom(server.url), await createRoom(server.url)];
      const snapshotted = await createRoom(server.url);
      const logged_ = await createRoom(server.url);
      for (const [i, r] of healthy.entries()) await writeAnswers(server.url, r.room, texts(`healthy${i}`, 8));
      const snapshotTexts = texts('snap', 100);
      await writeAnswers(server.url, snapshotted.room, snapshotTexts);
      // Longer answers spread this room's update log over several pages (and no compaction yet).
      const logTexts = texts('log', 36, 200);
      await writeAnswers(server.url, logged_.room, logTexts);
      await crashAndCheckpoint(server);

      const file = dbFileOf(server.dataDir);
      const page = pageSizeOf(file);
      // 48 bytes in the middle of the newest snapshot: its checksum no longer matches.
      const snapshot = newestSnapshot(server.dataDir, snapshotted.room);
      expect(snapshot, 'the room was compacted').not.toBeNull();
      scribble(file, uniqueOffsetOf(file, snapshot!), 48);
      // The header of a leaf page in the middle of that log, holding no other document's rows: the page
      // becomes unreadable. Which page that is, and which rows it holds, is read from the b-tree itself.
      const pages = treePages(file, 'updates');
      const ofLog = (cell: PageCell) => cell.values[0] === logged_.room && cell.values[1] === 'board';
      const first = pages.findIndex((p) => p.cells.some(ofLog));
      const hitAt = pages.findIndex((p, i) => i > first && p.leaf && p.cells.length > 0 && p.cells.every(ofLog));
      expect(hitAt, 'a leaf of the log after its first rows holds only that log').toBeGreaterThan(0);
      const hit = pages[hitAt]!;
      const answersIn = (cell: PageCell) =>
        [
          ...Buffer.from(cell.values[3] as Uint8Array)
            .toString('latin1')
            .matchAll(/log-(\d\d)-/g),
        ].map((m) => Number(m[1]));
      const firstLost = Math.min(...hit.cells.flatMap(answersIn));
      // For the record: how many other documents share the table (and its interior pages) with the log.
      const neighbours = pages.flatMap((p) => p.cells).filter((c) => !ofLog(c));
      console.info(
        `damaged page ${hit.pageNo}: ${hit.cells.length} rows of the log, answers from ${firstLost}; ` +
          `${new Set(neighbours.map((c) => `${c.values[0]}/${c.values[1]}`)).size} other documents in the table`,
      );
      scribble(file, (hit.pageNo - 1) * page, 12);

      await server.restart();
      for (const [i, r] of healthy.entries()) {
        expect(await readRoom(server.url, r.room)).toEqual({ answers: texts(`healthy${i}`, 8) });
      }
      expect(await readRoom(server.url, snapshotted.room)).toEqual({ answers: snapshotTexts });
      const damaged = await readRoom(server.url, logged_.room);
      expect(server.exitInfo()).toEqual({ code: null, signal: null });
      // The answers on the damaged page are gone (and the later ones placed after them cannot be
      // placed without them); every answer before the damage is there.
      expect(firstLost).toBeGreaterThan(0);
      expect(damaged).toEqual({ answers: logTexts.slice(0, firstLost) });
      // The rooms still take writes, and the healthy ones after the damaged one was opened: their
      // control logs, read through the statements that met the damage, still hold the open step.
      await writeAnswers(server.url, healthy[0]!.room, ['after the damage']);
      expect(await readRoom(server.url, healthy[0]!.room)).toEqual({
        answers: [...texts('healthy0', 8), 'after the damage'],
      });

      const recovered = logged(server.logs(), 'room_recovered');
      expect(recovered).toContainEqual(
        expect.objectContaining({
          room: snapshotted.room,
          problems: expect.arrayContaining([expect.stringMatching(/checksum/)]),
        }),
      );
      // The facilitator is told too (the console shows it); nobody else is.
      const recoveryOf = (room: string, key?: string) =>
        fetch(`${server.url}/api/rooms/${room}/recovery`, key ? { headers: { authorization: `Bearer ${key}` } } : {});
      const told = (await (await recoveryOf(snapshotted.room, snapshotted.facilitatorKey)).json()) as {
        recovered: { doc: string; source: string; problems: string[] }[];
      };
      expect(told.recovered).toContainEqual(
        expect.objectContaining({
          doc: 'board',
          problems: expect.arrayContaining([expect.stringMatching(/checksum/)]),
        }),
      );
      expect((await recoveryOf(snapshotted.room)).status).toBe(401);
      expect((await recoveryOf(snapshotted.room, healthy[0]!.facilitatorKey)).status).toBe(403);
      expect(
        [...recovered, ...logged(server.logs(), 'room_load_failed')].some((l) => l.room === logged_.room),
        'the damaged log is reported with its room',
      ).toBe(true);
    },
  );
});

describe('a truncated file', () => {
  it('starts, serves the rooms it can read, and closes the others with 4500', { timeout: 60_000 }, async () => {
    const server = await startServer({ env: ENV, captureLogs: true });
    servers.push(server);
    const rooms = [];
    for (let i = 0; i < 6; i++) {
      const created = await createRoom(server.url);
      await writeAnswers(server.url, created.room, texts(`room${i}`, 12, 150));
      rooms.push(created.room);
    }
    await crashAndCheckpoint(server);
    const file = dbFileOf(server.dataDir);
    fs.truncateSync(file, Math.floor(fs.statSync(file).size * 0.6));

    await server.restart();
    // The file could not be opened: it was moved aside, and what could be read was saved into a new one.
    const [check] = logged(server.logs(), 'storage_check_failed');
    expect(check?.problems).toContainEqual(
      expect.stringMatching(/moved to .*damaged-.* copied into a new database \(6 rooms/),
    );
    expect(fs.readdirSync(server.dataDir).some((f) => f.startsWith('damaged-'))).toBe(true);
    const results = [];
    for (const [i, room] of rooms.entries()) {
      const result = await readRoom(server.url, room);
      results.push(result);
      // A room is either whole (its pages are before the cut), cut short, or refused with "storage failure".
      if ('answers' in result)
        expect(texts(`room${i}`, 12, 150).slice(0, result.answers.length)).toEqual(result.answers);
      else expect(result.closed).toBe(4500);
    }
    console.info(
      `truncated file: ${results.filter((r) => 'answers' in r && r.answers.length === 12).length} of 6 rooms whole`,
    );
    // How many rooms survive whole depends on where SQLite put their pages; the salvage walks the
    // b-trees, so rows under a lost interior page are lost with it (see the report in the log).
    expect(server.exitInfo()).toEqual({ code: null, signal: null });
    // New rooms can still be made and used.
    const fresh = await createRoom(server.url);
    await writeAnswers(server.url, fresh.room, ['after the cut']);
    expect(await readRoom(server.url, fresh.room)).toEqual({ answers: ['after the cut'] });
  });
});
