/**
 * `npm run restore -- <file>`: puts a backup in place of the database, while
 * the server is stopped (the DATA_DIR lock proves it). The backup is checked
 * first; the database it replaces is moved into `before-restore-<time>/`, not deleted.
 */
import fs from 'node:fs';
import path from 'node:path';
import { InstanceLock } from '../server/storage/instance-lock.ts';
import { databaseFile } from '../server/storage/sqlite-db.ts';
import { checkDatabase, dataDirFromEnv, fail } from './storage-cli.ts';

const source = process.argv[2];
if (!source) fail('Usage: npm run restore -- <file>');
const backup = path.resolve(source);
const check = checkDatabase(backup);
if (!check.ok) fail(`${backup} is not a sound backup: ${check.problems.join('; ')}`);

const dataDir = dataDirFromEnv();
let lock: InstanceLock;
try {
  lock = InstanceLock.acquire(dataDir);
} catch (error) {
  fail(`${error instanceof Error ? error.message : String(error)} Restore only while the server is stopped.`);
}
try {
  const file = databaseFile(dataDir);
  const aside = path.join(dataDir, `before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  const moved: string[] = [];
  for (const suffix of ['', '-wal', '-shm']) {
    if (!fs.existsSync(file + suffix)) continue;
    fs.mkdirSync(aside, { recursive: true });
    fs.renameSync(file + suffix, path.join(aside, path.basename(file) + suffix));
    moved.push(path.basename(file) + suffix);
  }
  // Copied beside, flushed, then renamed into place: a crash leaves either no database or the whole backup.
  const partial = `${file}.restoring`;
  fs.copyFileSync(backup, partial);
  const fd = fs.openSync(partial, 'r+');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  fs.renameSync(partial, file);
  process.stdout.write(
    `${JSON.stringify({ restored: backup, into: file, rooms: check.rooms, previous: moved.length > 0 ? aside : null })}\n`,
  );
} finally {
  lock.release();
}
