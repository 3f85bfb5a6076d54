/** What the storage commands (backup, restore, doctor) share: where the data is, checking a file, failing clearly. */
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';

export function dataDirFromEnv(): string {
  return path.resolve(process.env.DATA_DIR ?? './data');
}

export function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

/** SQLite's full integrity check, and that the file is a database of this server. */
export function checkDatabase(file: string): { ok: boolean; rooms: number; problems: string[] } {
  let db: DatabaseSync | null = null;
  try {
    db = new DatabaseSync(file, { readOnly: true });
    const problems = (db.prepare('PRAGMA integrity_check').all() as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .filter((r) => r !== 'ok');
    const rooms = (db.prepare('SELECT count(*) AS n FROM rooms').get() as { n: number }).n;
    return { ok: problems.length === 0, rooms, problems };
  } catch (error) {
    return { ok: false, rooms: 0, problems: [error instanceof Error ? error.message : String(error)] };
  } finally {
    db?.close();
  }
}
