/**
 * `npm run doctor [-- --salvage <new file>]`: checks a data directory. SQLite's
 * integrity check, then every room's every document loaded as the server
 * would load it, saying which are whole, which were recovered (and from
 * where), and which cannot be read. With --salvage, everything readable is
 * copied into a new database, to put in place with `npm run restore`.
 * Exits with 1 when anything is damaged.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { RoomId } from '../src/model/ids.ts';
import type { DocName } from '../src/model/roles.ts';
import { salvage, openDamaged } from '../server/storage/salvage.ts';
import { databaseFile } from '../server/storage/sqlite-db.ts';
import { DocReader } from '../server/storage/sqlite-read.ts';
import { checkDatabase, dataDirFromEnv, fail } from './storage-cli.ts';

const file = databaseFile(dataDirFromEnv());
if (!fs.existsSync(file)) fail(`No database at ${file} (set DATA_DIR).`);
const salvageIndex = process.argv.indexOf('--salvage');
const salvageTo = salvageIndex > 0 ? process.argv[salvageIndex + 1] : undefined;
if (salvageIndex > 0 && !salvageTo) fail('Usage: npm run doctor -- --salvage <new file>');

const integrity = checkDatabase(file);
const db = openDamaged(file);
const reader = new DocReader(db);
const rooms: { room: string; doc: string; state: 'ok' | 'recovered' | 'unreadable'; detail?: unknown }[] = [];
let roomIds: string[] = [];
try {
  roomIds = (db.prepare('SELECT id FROM rooms').all() as { id: string }[]).map((r) => r.id);
} catch (error) {
  integrity.problems.push(`rooms table unreadable: ${String(error)}`);
}
for (const room of roomIds) {
  let docs: string[] = ['board', 'control'];
  try {
    const found = db
      .prepare(
        'SELECT DISTINCT doc FROM updates WHERE room = ?1 UNION SELECT DISTINCT doc FROM snapshots WHERE room = ?1',
      )
      .all(room) as { doc: string }[];
    docs = [...new Set([...docs, ...found.map((d) => d.doc)])];
  } catch {
    // The list of documents is damaged; the two every room has are still tried.
  }
  for (const doc of docs) {
    try {
      const loaded = reader.load(room as RoomId, doc as DocName);
      rooms.push(
        loaded.recovery ? { room, doc, state: 'recovered', detail: loaded.recovery } : { room, doc, state: 'ok' },
      );
    } catch (error) {
      rooms.push({ room, doc, state: 'unreadable', detail: String(error) });
    }
  }
}
db.close();

const salvaged = salvageTo ? { file: path.resolve(salvageTo), ...salvage(file, path.resolve(salvageTo)) } : null;
const healthy = integrity.ok && rooms.every((r) => r.state === 'ok');
process.stdout.write(
  `${JSON.stringify(
    {
      database: file,
      integrity: integrity.ok ? 'ok' : integrity.problems,
      rooms: roomIds.length,
      documents: { ok: rooms.filter((r) => r.state === 'ok').length, damaged: rooms.filter((r) => r.state !== 'ok') },
      salvaged,
    },
    null,
    2,
  )}\n`,
);
process.exit(healthy ? 0 : 1);
