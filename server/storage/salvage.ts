/**
 * Copies every row that can still be read from a damaged database into a new
 * one. Used by `npm run doctor -- --salvage` and at start when the database
 * cannot be opened at all (a truncated file): then the damaged files are moved
 * aside, never deleted, and the server starts on what was saved.
 *
 * Each table is read forwards until a row cannot be read and backwards from
 * its end, and the update logs and snapshots once more room by room, so that
 * damage in one place costs the rows on the damaged pages and no more.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { openDatabase, prepareSchema } from './sqlite-db.ts';

type TableSpec = { name: string; key: string[]; columns: string[]; perRoom: boolean };

const TABLES: TableSpec[] = [
  {
    name: 'rooms',
    key: ['id'],
    columns: ['id', 'workshop', 'locale', 'key_hash', 'created_at', 'schema_version', 'invite'],
    perRoom: false,
  },
  { name: 'seats', key: ['room', 'id'], columns: ['room', 'id', 'secret_hash', 'created_at'], perRoom: true },
  { name: 'updates', key: ['room', 'doc', 'seq'], columns: ['room', 'doc', 'seq', 'data'], perRoom: true },
  { name: 'snapshots', key: ['room', 'doc', 'seq'], columns: ['room', 'doc', 'seq', 'data', 'sha256'], perRoom: true },
  { name: 'meta', key: ['key'], columns: ['key', 'value'], perRoom: false },
];

export type SalvageReport = { copied: Record<string, number>; problems: string[] };

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Opens a damaged database for reading with SQLite's own safety checks relaxed, so that a short file can be read up to its end. */
export function openDamaged(file: string): DatabaseSync {
  const db = new DatabaseSync(file, { readOnly: true, defensive: false });
  db.exec('PRAGMA writable_schema = ON');
  return db;
}

export function salvage(sourceFile: string, targetFile: string): SalvageReport {
  const report: SalvageReport = { copied: {}, problems: [] };
  const source = openDamaged(sourceFile);
  fs.mkdirSync(path.dirname(targetFile), { recursive: true });
  const target = openDatabase(targetFile);
  try {
    prepareSchema(target);
    const rooms = new Set<string>();
    target.exec('BEGIN');
    for (const table of TABLES) {
      const columns = table.columns.join(', ');
      const insert = target.prepare(
        `INSERT OR IGNORE INTO ${table.name} (${columns}) VALUES (${table.columns.map(() => '?').join(', ')})`,
      );
      let copied = 0;
      const keep = (row: Record<string, unknown>) => {
        const result = insert.run(...(table.columns.map((c) => row[c] ?? null) as never[]));
        copied += Number(result.changes);
        if (table.name === 'rooms') rooms.add(String(row.id));
        else if (table.perRoom) rooms.add(String(row.room));
      };
      const order = table.key.join(', ');
      const desc = table.key.map((k) => `${k} DESC`).join(', ');
      const scans: [string, unknown[]][] = [[`SELECT ${columns} FROM ${table.name}`, []]];
      if (table.perRoom)
        for (const room of rooms) scans.push([`SELECT ${columns} FROM ${table.name} WHERE room = ?`, [room]]);
      for (const [select, params] of scans) {
        const where = params.length > 0 ? ` (room ${String(params[0])})` : '';
        const error = scan(source, `${select} ORDER BY ${order}`, params, keep);
        if (error === null) continue;
        report.problems.push(`${table.name}${where}: unreadable part skipped (${message(error)})`);
        scan(source, `${select} ORDER BY ${desc}`, params, keep);
      }
      report.copied[table.name] = copied;
    }
    target.exec('COMMIT');
  } finally {
    if (target.isTransaction) target.exec('ROLLBACK');
    target.close();
    source.close();
  }
  return report;
}

/** Reads rows until the end or the first one that cannot be read; returns that error, or null. */
function scan(db: DatabaseSync, sql: string, params: unknown[], keep: (row: Record<string, unknown>) => void): unknown {
  try {
    for (const row of db.prepare(sql).iterate(...(params as never[]))) keep(row as Record<string, unknown>);
    return null;
  } catch (error) {
    return error ?? new Error('unreadable');
  }
}

/** True for the errors SQLite gives for a damaged file (as opposed to a missing or locked one). */
export function isDamage(error: unknown): boolean {
  return /malformed|not a database|corrupt/i.test(message(error));
}
