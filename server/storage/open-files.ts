/**
 * Opening the database files at start, whatever state they were left in.
 * A file SQLite cannot open at all (cut short, its first pages damaged) does
 * not keep the server down: its files are moved aside into a `damaged-<time>`
 * folder, never deleted, everything readable is copied into a new database
 * (salvage.ts), and what was saved and lost is reported.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { openDatabase, prepareSchema } from './sqlite-db.ts';
import { isDamage, salvage } from './salvage.ts';

const SIDE_FILES = ['-wal', '-shm'];

/** Opens the database; on damage, salvages it first. Problems found are appended to `problems`. */
export function openOrSalvage(file: string, problems: string[]): DatabaseSync {
  try {
    return openChecked(file);
  } catch (error) {
    if (!isDamage(error)) throw error;
    const aside = path.join(path.dirname(file), `damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`);
    fs.mkdirSync(aside, { recursive: true });
    for (const suffix of ['', ...SIDE_FILES]) {
      if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, path.join(aside, path.basename(file) + suffix));
    }
    const report = salvage(path.join(aside, path.basename(file)), file);
    problems.push(
      `database could not be opened (${error instanceof Error ? error.message : String(error)}); ` +
        `the damaged files were moved to ${aside} and what could be read was copied into a new database ` +
        `(${Object.entries(report.copied)
          .map(([t, n]) => `${n} ${t}`)
          .join(', ')})`,
      ...report.problems,
    );
    return openChecked(file);
  }
}

/** Opens and reads the schema and the rooms table once, so that damage there shows now rather than at the first request. */
function openChecked(file: string): DatabaseSync {
  const db = openDatabase(file);
  try {
    prepareSchema(db);
    db.prepare('SELECT count(*) FROM rooms').get();
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
