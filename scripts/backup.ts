/**
 * `npm run backup -- <file>`: a consistent copy of the database while the
 * server runs. VACUUM INTO reads one snapshot of the database (a read
 * transaction in WAL mode does not block the server's writes) and writes it,
 * compacted, to a new file; the copy is then checked before it is called good.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { databaseFile } from '../server/storage/sqlite-db.ts';
import { checkDatabase, dataDirFromEnv, fail } from './storage-cli.ts';

const target = process.argv[2];
if (!target) fail('Usage: npm run backup -- <file>');
const out = path.resolve(target);
if (fs.existsSync(out)) fail(`${out} exists already; choose a new file name.`);
const source = databaseFile(dataDirFromEnv());
if (!fs.existsSync(source)) fail(`No database at ${source} (set DATA_DIR).`);

const started = performance.now();
const db = new DatabaseSync(source, { readOnly: true });
try {
  db.exec(`VACUUM INTO '${out.replaceAll("'", "''")}'`);
} finally {
  db.close();
}
const check = checkDatabase(out);
if (!check.ok) fail(`The copy at ${out} did not pass its check: ${check.problems.join('; ')}`);
process.stdout.write(
  `${JSON.stringify({ backup: out, rooms: check.rooms, bytes: fs.statSync(out).size, ms: Math.round(performance.now() - started) })}\n`,
);
