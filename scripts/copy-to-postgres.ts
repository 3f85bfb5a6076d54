/**
 * `npm run copy-to-postgres`: copies every room of the SQLite store in DATA_DIR
 * into the PostgreSQL database at DATABASE_URL and checks each one (see
 * server/storage/sqlite-to-pg.ts). Prints a line per room and a summary; exits
 * with 1 when any room could not be copied or differs, and refuses to run
 * while a server uses DATA_DIR. Safe to run again: rooms already copied are checked, not copied twice.
 */
import { StorageLockedError } from '../server/storage/instance-lock.ts';
import { copySqliteToPostgres, type RoomOutcome } from '../server/storage/sqlite-to-pg.ts';
import { dataDirFromEnv, fail } from './storage-cli.ts';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl || !/^postgres(ql)?:\/\//.test(databaseUrl)) {
  fail('Set DATABASE_URL to the PostgreSQL database to copy into (postgresql://user:password@host:5432/name).');
}
const dataDir = dataDirFromEnv();

const line = (o: RoomOutcome) =>
  `${o.problems.length === 0 ? 'ok      ' : 'MISMATCH'} ${o.room}  ${o.action}, ${o.documents} documents, ` +
  `${o.rows.seats ?? 0} seats, ${o.rows.history ?? 0} history rows` +
  (o.problems.length > 0 ? `\n           ${o.problems.join('\n           ')}` : '');

const started = performance.now();
let outcomes: RoomOutcome[];
try {
  outcomes = await copySqliteToPostgres({
    dataDir,
    databaseUrl,
    onRoom: (o) => process.stdout.write(`${line(o)}\n`),
  });
} catch (error) {
  if (error instanceof StorageLockedError) fail(`${error.message} The copy needs the store to stand still.`);
  fail(`Copy stopped: ${error instanceof Error ? error.message : String(error)}`);
}
const bad = outcomes.filter((o) => o.problems.length > 0);
const summary = {
  from: dataDir,
  rooms: outcomes.length,
  copied: outcomes.filter((o) => o.action === 'copied').length,
  alreadyThere: outcomes.filter((o) => o.action === 'already there').length,
  mismatched: bad.map((o) => o.room),
  ms: Math.round(performance.now() - started),
};
process.stdout.write(`${JSON.stringify(summary)}\n`);
process.exit(bad.length > 0 ? 1 : 0);
