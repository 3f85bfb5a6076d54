/**
 * Reading documents from a file with one damaged page, every leaf page of the
 * update log in turn: the damaged document keeps its rows up to the damage,
 * and every other document, read after it through the same prepared
 * statements, loads whole. A statement left mid-way by SQLITE_CORRUPT once
 * answered the next document with no rows and no error, so a healthy room
 * silently forgot its current step after a damaged one was opened.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { databaseFile, openDatabase, prepareSchema } from '../../../../server/storage/sqlite-db.ts';
import { DocReader } from '../../../../server/storage/sqlite-read.ts';
import type { RoomId } from '../../../../src/model/ids.ts';
import type { DocName } from '../../../../src/model/roles.ts';
import { pageSizeOf, scribble } from '../../../helpers/storage-faults.ts';
import { treePages } from '../../../helpers/sqlite-pages.ts';

const ROOMS = 6;
const BOARD_ROWS = 30;
const ROW_BYTES = 300;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledestjerne-damaged-read-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

type Doc = { room: RoomId; doc: DocName };
const keyOf = (d: Doc) => `${d.room}/${d.doc}`;

/** A file with a few rooms whose logs span many pages; the rows' bytes name their document and number. */
function buildFile(): { file: string; docs: Doc[] } {
  const file = databaseFile(path.join(dir, 'original'));
  const db = openDatabase(file);
  prepareSchema(db);
  const insert = db.prepare('INSERT INTO updates (room, doc, seq, data) VALUES (?, ?, ?, ?)');
  const docs: Doc[] = [];
  for (let r = 0; r < ROOMS; r++) {
    const room = `room${r}${'x'.repeat(16)}` as RoomId;
    for (const [doc, rows] of [
      ['board', BOARD_ROWS],
      ['control', 2],
    ] as const) {
      docs.push({ room, doc });
      for (let seq = 1; seq <= rows; seq++)
        insert.run(room, doc, seq, Buffer.from(`${room}/${doc}/${seq}/`.padEnd(ROW_BYTES, '.')));
    }
  }
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  db.close();
  return { file, docs };
}

const seqsOf = (updates: Uint8Array[]) => updates.map((u) => Number(Buffer.from(u).toString('latin1').split('/')[2]));

describe('a damaged page of the update log', () => {
  const { file, docs } = buildFile();
  const leaves = treePages(file, 'updates').filter((p) => p.leaf);

  it('costs only the rows on it, whichever leaf it is', () => {
    expect(leaves.length, 'the log spans many pages').toBeGreaterThan(10);
    const page = pageSizeOf(file);
    let checked = 0;
    for (const leaf of leaves) {
      const copy = path.join(dir, `leaf-${leaf.pageNo}.sqlite`);
      fs.copyFileSync(file, copy);
      scribble(copy, (leaf.pageNo - 1) * page, 12);
      const lost = new Set(leaf.cells.map((c) => `${c.values[0]}/${c.values[1]}/${c.values[2]}`));
      const hit = docs.filter((d) => leaf.cells.some((c) => c.values[0] === d.room && c.values[1] === d.doc));
      const db = new DatabaseSync(copy, { readOnly: true });
      try {
        const reader = new DocReader(db);
        // The damaged documents first, so every other one is read after their failure.
        for (const d of [...hit, ...docs.filter((d) => !hit.includes(d))]) {
          const loaded = reader.load(d.room, d.doc);
          const rows = d.doc === 'board' ? BOARD_ROWS : 2;
          const kept = Array.from({ length: rows }, (_, i) => i + 1).filter((s) => !lost.has(`${keyOf(d)}/${s}`));
          expect(seqsOf(loaded.updates), `${keyOf(d)} with page ${leaf.pageNo} damaged`).toEqual(kept);
          if (hit.includes(d)) expect(loaded.recovery?.problems.join(' ')).toMatch(/unreadable/);
        }
      } finally {
        db.close();
      }
      checked++;
    }
    expect(checked).toBe(leaves.length);
  });
});
