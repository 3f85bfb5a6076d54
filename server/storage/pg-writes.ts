/**
 * Every write of the PostgreSQL store, each one transaction: the same writes,
 * with the same meaning, as SqliteWrites (server/storage/sqlite-db.ts). Runs in
 * the storage worker (pg-worker.ts) on the one connection that writes, so
 * writes are applied in the order they were made.
 *
 * A batch of updates is a handful of statements whatever its size: the rows
 * travel as arrays and are unnested by the database, so a group commit of a
 * hundred updates costs about what one update does.
 */
import type pg from 'pg';
import { sha256 } from './sqlite-db.ts';
import type { StoredRoom, StoredSeat, UpdateRecord } from './types.ts';

/** Values crossing the worker boundary arrive as plain Uint8Array; pg sends Buffers as bytea. */
export const bytes = (data: Uint8Array): Buffer => Buffer.from(data.buffer, data.byteOffset, data.byteLength);

const ROOM_TABLES = ['updates', 'snapshots', 'seats', 'seat_usage', 'history', 'retired_codes'] as const;

/** Runs `work` in one transaction; on any failure nothing of it is kept. */
export async function transaction(client: pg.Client, work: () => Promise<void>): Promise<void> {
  await client.query('BEGIN');
  try {
    await work();
    await client.query('COMMIT');
  } catch (error) {
    // After a lost connection the rollback fails too; the caller drops the connection then.
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

export async function createRoom(client: pg.Client, room: StoredRoom): Promise<void> {
  await client.query(
    `INSERT INTO rooms (id, workshop, locale, key_hash, created_at, schema_version, join_code)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [room.id, room.workshop, room.locale, bytes(room.keyHash), room.createdAt, room.schemaVersion, room.joinCode],
  );
}

export async function setInvite(client: pg.Client, id: string, invite: string, joinCode?: string): Promise<void> {
  await client.query('UPDATE rooms SET invite = $1 WHERE id = $2', [invite, id]);
  if (joinCode === undefined) return;
  // The old code is kept as retired, so it answers "replaced" rather than "unknown".
  await client.query(
    `INSERT INTO retired_codes (code, room, retired_at) SELECT join_code, id, $1 FROM rooms
     WHERE id = $2 AND join_code IS NOT NULL ON CONFLICT (code) DO NOTHING`,
    [Date.now(), id],
  );
  await client.query('UPDATE rooms SET join_code = $1 WHERE id = $2', [joinCode, id]);
}

export async function createSeat(client: pg.Client, seat: StoredSeat): Promise<void> {
  await client.query('INSERT INTO seats (room, id, secret_hash, anon_key, created_at) VALUES ($1, $2, $3, $4, $5)', [
    seat.room,
    seat.id,
    bytes(seat.secretHash),
    seat.anonKey,
    seat.createdAt,
  ]);
}

export async function setSeatSecret(client: pg.Client, room: string, seat: string, secretHash: Uint8Array) {
  await client.query('UPDATE seats SET secret_hash = $1 WHERE room = $2 AND id = $3', [bytes(secretHash), room, seat]);
}

export async function touchRoom(client: pg.Client, id: string, at: number): Promise<void> {
  await client.query('UPDATE rooms SET active_at = $1 WHERE id = $2', [at, id]);
}

export async function deleteRoom(client: pg.Client, id: string): Promise<void> {
  for (const table of ROOM_TABLES) await client.query(`DELETE FROM ${table} WHERE room = $1`, [id]);
  await client.query('DELETE FROM rooms WHERE id = $1', [id]);
}

/** The update log, the seats' byte counts and the history, all in the caller's transaction: in all three or in none. */
export async function appendUpdates(client: pg.Client, records: readonly UpdateRecord[]): Promise<void> {
  if (records.length === 0) return;
  const now = Date.now();
  const data = records.map((r) => bytes(r.data));
  const rooms = records.map((r) => r.room);
  const docs = records.map((r) => r.doc);
  const seqs = records.map((r) => r.seq);
  await client.query(
    'INSERT INTO updates (room, doc, seq, data) SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bytea[])',
    [rooms, docs, seqs, data],
  );
  await client.query(
    `INSERT INTO history (room, doc, seq, at, role, seat, name, data)
     SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::bytea[])`,
    [
      rooms,
      docs,
      seqs,
      records.map((r) => r.at ?? now),
      records.map((r) => r.writer?.role ?? null),
      records.map((r) => r.writer?.seat ?? null),
      records.map((r) => r.writer?.name ?? null),
      data,
    ],
  );
  // One row per (room, doc, seat): an upsert may not touch the same row twice in one statement.
  const usage = new Map<string, { room: string; doc: string; seat: string; bytes: number }>();
  for (const r of records) {
    if (r.seat === undefined) continue;
    const key = JSON.stringify([r.room, r.doc, r.seat]);
    const entry = usage.get(key) ?? { room: r.room, doc: r.doc, seat: r.seat, bytes: 0 };
    entry.bytes += r.data.byteLength;
    usage.set(key, entry);
  }
  if (usage.size === 0) return;
  const rows = [...usage.values()];
  await client.query(
    `INSERT INTO seat_usage (room, doc, seat, bytes)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[])
     ON CONFLICT (room, doc, seat) DO UPDATE SET bytes = seat_usage.bytes + excluded.bytes`,
    [rows.map((u) => u.room), rows.map((u) => u.doc), rows.map((u) => u.seat), rows.map((u) => u.bytes)],
  );
}

/**
 * As SqliteWrites.compact: the new snapshot is added with its checksum; the
 * previous snapshot and the updates since it stay, and only what came before
 * the previous snapshot is dropped, once that snapshot was read back and matched its checksum.
 */
export async function compact(client: pg.Client, room: string, doc: string, snapshot: Uint8Array, uptoSeq: number) {
  const previous = (
    await client.query<{ seq: number; data: Buffer; sha256: Buffer }>(
      'SELECT seq, data, sha256 FROM snapshots WHERE room = $1 AND doc = $2 ORDER BY seq DESC LIMIT 1',
      [room, doc],
    )
  ).rows[0];
  await client.query(
    `INSERT INTO snapshots (room, doc, seq, data, sha256) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (room, doc, seq) DO UPDATE SET data = excluded.data, sha256 = excluded.sha256`,
    [room, doc, uptoSeq, bytes(snapshot), sha256(snapshot)],
  );
  if (previous && previous.seq < uptoSeq && sha256(previous.data).equals(previous.sha256)) {
    await client.query('DELETE FROM snapshots WHERE room = $1 AND doc = $2 AND seq < $3', [room, doc, previous.seq]);
    await client.query('DELETE FROM updates WHERE room = $1 AND doc = $2 AND seq <= $3', [room, doc, previous.seq]);
  }
}
