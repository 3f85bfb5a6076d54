/**
 * Moves a room store from SQLite (DATA_DIR) into PostgreSQL, room by room,
 * and checks every room it finds there (scripts/copy-to-postgres.ts runs it).
 *
 * - The SQLite directory is locked as a server would lock it, so nothing can
 *   write to it while it is read: a running server makes this refuse.
 * - The rows are copied as they are (sequence numbers, snapshots with their
 *   checksums, history, seats' byte counts), so the PostgreSQL store reads
 *   exactly what the SQLite store would have read.
 * - Each room is one transaction: it is there whole or not at all. A room
 *   already in PostgreSQL is not copied again but checked, so a run that was
 *   interrupted, or a second run, picks up where the first stopped.
 * - The check compares each table's rows of the room and loads every
 *   document from both stores with the servers' own readers: the Yjs state
 *   (state vector and full encoded state) must be the same.
 */
import crypto from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import * as Y from 'yjs';
import type { RoomId } from '../../src/model/ids.ts';
import type { DocName } from '../../src/model/roles.ts';
import { InstanceLock } from './instance-lock.ts';
import { read } from './pg-reads.ts';
import { migrate } from './pg-schema.ts';
import { databaseFile, openDatabase, prepareSchema } from './sqlite-db.ts';
import { DocReader } from './sqlite-read.ts';
import type { StoredDoc } from './types.ts';

type Kind = 'text' | 'int' | 'bytes';
type Table = { name: string; columns: Record<string, Kind>; byRoom: string };

/** The tables a room lives in, with the column naming its room; the same in both stores (pg-schema.ts, sqlite-db.ts). */
export const ROOM_TABLES: readonly Table[] = [
  {
    name: 'rooms',
    byRoom: 'id',
    columns: {
      id: 'text',
      workshop: 'text',
      locale: 'text',
      key_hash: 'bytes',
      created_at: 'int',
      schema_version: 'int',
      invite: 'text',
      active_at: 'int',
      join_code: 'text',
    },
  },
  { name: 'retired_codes', byRoom: 'room', columns: { code: 'text', room: 'text', retired_at: 'int' } },
  {
    name: 'seats',
    byRoom: 'room',
    columns: { room: 'text', id: 'text', secret_hash: 'bytes', anon_key: 'text', created_at: 'int' },
  },
  { name: 'updates', byRoom: 'room', columns: { room: 'text', doc: 'text', seq: 'int', data: 'bytes' } },
  { name: 'seat_usage', byRoom: 'room', columns: { room: 'text', doc: 'text', seat: 'text', bytes: 'int' } },
  {
    name: 'history',
    byRoom: 'room',
    columns: {
      room: 'text',
      doc: 'text',
      seq: 'int',
      at: 'int',
      role: 'text',
      seat: 'text',
      name: 'text',
      data: 'bytes',
    },
  },
  {
    name: 'snapshots',
    byRoom: 'room',
    columns: { room: 'text', doc: 'text', seq: 'int', data: 'bytes', sha256: 'bytes' },
  },
];

const PG_TYPES: Record<Kind, string> = { text: 'text[]', int: 'bigint[]', bytes: 'bytea[]' };

export type RoomOutcome = {
  room: string;
  action: 'copied' | 'already there' | 'failed';
  documents: number;
  /** Rows per table, as found in SQLite. */
  rows: Record<string, number>;
  /** Empty when the room in PostgreSQL is the same as in SQLite. */
  problems: string[];
};

export type CopyOptions = { dataDir: string; databaseUrl: string; onRoom?: (outcome: RoomOutcome) => void };

/** Copies and checks every room; throws StorageLockedError while a server holds DATA_DIR. */
export async function copySqliteToPostgres(options: CopyOptions): Promise<RoomOutcome[]> {
  const lock = InstanceLock.acquire(options.dataDir);
  const sqlite = openDatabase(databaseFile(options.dataDir));
  const client = new pg.Client({ connectionString: options.databaseUrl });
  try {
    // Tables an older server version lacked are added, as the server would at start; nothing else is written.
    prepareSchema(sqlite);
    await client.connect();
    await client.query('SET synchronous_commit = on');
    await migrate(client);
    const rooms = (sqlite.prepare('SELECT id FROM rooms ORDER BY id').all() as { id: string }[]).map((r) => r.id);
    const reader = new DocReader(sqlite);
    const outcomes: RoomOutcome[] = [];
    for (const room of rooms) {
      const outcome = await copyRoom(sqlite, client, reader, room);
      outcomes.push(outcome);
      options.onRoom?.(outcome);
    }
    return outcomes;
  } finally {
    await client.end().catch(() => {});
    sqlite.close();
    lock.release();
  }
}

async function copyRoom(
  sqlite: DatabaseSync,
  client: pg.Client,
  reader: DocReader,
  room: string,
): Promise<RoomOutcome> {
  const rows: Record<string, number> = {};
  const source = new Map<string, Record<string, unknown>[]>();
  for (const table of ROOM_TABLES) {
    const list = sqlite
      .prepare(`SELECT ${Object.keys(table.columns).join(', ')} FROM ${table.name} WHERE ${table.byRoom} = ?`)
      .all(room) as Record<string, unknown>[];
    source.set(table.name, list);
    rows[table.name] = list.length;
  }
  const there = (await client.query('SELECT 1 FROM rooms WHERE id = $1', [room])).rowCount! > 0;
  const outcome: RoomOutcome = { room, action: there ? 'already there' : 'copied', documents: 0, rows, problems: [] };
  if (!there) {
    try {
      await client.query('BEGIN');
      for (const table of ROOM_TABLES) await insertRows(client, table, source.get(table.name)!);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      return { ...outcome, action: 'failed', problems: [`not copied: ${errorText(error)}`] };
    }
  }
  for (const table of ROOM_TABLES) {
    const target = (
      await client.query(
        `SELECT ${Object.keys(table.columns).join(', ')} FROM ${table.name} WHERE ${table.byRoom} = $1`,
        [room],
      )
    ).rows as Record<string, unknown>[];
    const [a, b] = [digest(table, source.get(table.name)!), digest(table, target)];
    if (a.count !== b.count || a.hash !== b.hash) {
      outcome.problems.push(`${table.name}: ${a.count} rows in SQLite, ${b.count} in PostgreSQL, contents differ`);
    }
  }
  const docs = new Set([
    ...(source.get('updates') ?? []).map((r) => String(r.doc)),
    ...(source.get('snapshots') ?? []).map((r) => String(r.doc)),
  ]);
  outcome.documents = docs.size;
  for (const doc of [...docs].sort()) {
    const problem = await compareDocument(reader, client, room, doc).catch((error: unknown) => errorText(error));
    if (problem) outcome.problems.push(`${doc}: ${problem}`);
  }
  return outcome;
}

/** One statement per table: every column as an array, unnested into rows. */
async function insertRows(client: pg.Client, table: Table, rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.entries(table.columns);
  const params = columns.map(([column, kind]) => rows.map((row) => toPg(row[column], kind)));
  const casts = columns.map(([, kind], i) => `$${i + 1}::${PG_TYPES[kind]}`).join(', ');
  await client.query(
    `INSERT INTO ${table.name} (${columns.map(([c]) => c).join(', ')}) SELECT * FROM unnest(${casts})`,
    params,
  );
}

function toPg(value: unknown, kind: Kind): unknown {
  if (value === null || value === undefined) return null;
  if (kind === 'bytes') return Buffer.from(value as Uint8Array);
  if (kind === 'int') return String(value);
  return value;
}

/** The rows as canonical text (integers as decimal, bytes as hex), sorted, hashed: equal rows give equal hashes. */
function digest(table: Table, rows: Record<string, unknown>[]): { count: number; hash: string } {
  const lines = rows
    .map((row) =>
      JSON.stringify(
        Object.entries(table.columns).map(([column, kind]) => {
          const value = row[column];
          if (value === null || value === undefined) return null;
          if (kind === 'bytes') return Buffer.from(value as Uint8Array).toString('hex');
          return kind === 'int' ? BigInt(value as number | string | bigint).toString() : String(value);
        }),
      ),
    )
    .sort();
  const hash = crypto.createHash('sha256');
  for (const line of lines) hash.update(`${line}\n`);
  return { count: rows.length, hash: hash.digest('hex') };
}

/** Loads the document from both stores as the servers do; null when the Yjs states are the same. */
async function compareDocument(
  reader: DocReader,
  client: pg.Client,
  room: string,
  doc: string,
): Promise<string | null> {
  const fromSqlite = reader.load(room as RoomId, doc as DocName);
  const fromPg = (await read(client, { op: 'loadDoc', room, doc })) as StoredDoc;
  const [a, b] = [yjsState(fromSqlite.updates), yjsState(fromPg.updates)];
  if (!Buffer.from(a.vector).equals(Buffer.from(b.vector))) return 'Yjs state vectors differ';
  if (!Buffer.from(a.state).equals(Buffer.from(b.state))) return 'Yjs content differs (same state vector)';
  if (Number(fromSqlite.lastSeq) !== Number(fromPg.lastSeq)) {
    return `last update ${fromSqlite.lastSeq} in SQLite, ${fromPg.lastSeq} in PostgreSQL`;
  }
  return null;
}

function yjsState(updates: readonly Uint8Array[]): { vector: Uint8Array; state: Uint8Array } {
  const doc = new Y.Doc({ gc: false });
  try {
    for (const update of updates) Y.applyUpdate(doc, update);
    return { vector: Y.encodeStateVector(doc), state: Y.encodeStateAsUpdate(doc) };
  } finally {
    doc.destroy();
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
