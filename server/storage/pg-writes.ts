/**
 * Every write of the PostgreSQL store, each one transaction: the same writes,
 * with the same meaning, as SqliteWrites (server/storage/sqlite-writes.ts). Runs in
 * the storage worker (pg-worker.ts) on the one connection that writes, so
 * writes are applied in the order they were made.
 *
 * A batch of updates is one statement whatever its size (ledestjerne_append,
 * pg-schema.ts): the rows travel as arrays and are unnested by the database, so
 * a group commit of a hundred updates costs about one round trip, as one update does.
 */
import type pg from 'pg';
import { seatDocName } from '../../src/model/roles.ts';
import { sha256 } from './sqlite-db.ts';
import type { StoredRoom, StoredSeat, UpdateRecord } from './types.ts';

/** Values crossing the worker boundary arrive as plain Uint8Array; pg sends Buffers as bytea. */
export const bytes = (data: Uint8Array): Buffer => Buffer.from(data.buffer, data.byteOffset, data.byteLength);

/** A deleted room's lease goes too: its owner's next write is refused, and it drops the room. */
const ROOM_TABLES = ['updates', 'snapshots', 'seats', 'seat_usage', 'history', 'retired_codes', 'room_leases'] as const;

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

/** The seat and its private document; what it wrote to the board stays, with its usage there. */
export async function removeSeat(client: pg.Client, room: string, seat: string): Promise<void> {
  await client.query('DELETE FROM seats WHERE room = $1 AND id = $2', [room, seat]);
  for (const table of ['updates', 'snapshots', 'history', 'seat_usage']) {
    await client.query(`DELETE FROM ${table} WHERE room = $1 AND doc = $2`, [room, seatDocName(seat)]);
  }
}

export async function touchRoom(client: pg.Client, id: string, at: number): Promise<void> {
  await client.query('UPDATE rooms SET active_at = $1 WHERE id = $2', [at, id]);
}

export async function deleteRoom(client: pg.Client, id: string): Promise<void> {
  for (const table of ROOM_TABLES) await client.query(`DELETE FROM ${table} WHERE room = $1`, [id]);
  await client.query('DELETE FROM rooms WHERE id = $1', [id]);
}

/**
 * The rooms a write may touch and the fencing token this server holds for
 * each (0: a room this server does not own, e.g. one being created, which no
 * one else may hold either). Checked by the database in the write's own transaction.
 */
export type Fence = { rooms: string[]; tokens: number[] };

/**
 * The update log, the seats' byte counts and the history in one statement
 * (ledestjerne_append, see pg-schema.ts), so one implicit transaction and one
 * round trip: in all three or in none, and only while the fence holds.
 */
export async function appendUpdates(client: pg.Client, records: readonly UpdateRecord[], fence: Fence): Promise<void> {
  if (records.length === 0) return;
  const now = Date.now();
  // One row per (room, doc, seat): an upsert may not touch the same row twice in one statement.
  const usage = new Map<string, { room: string; doc: string; seat: string; bytes: number }>();
  for (const r of records) {
    if (r.seat === undefined) continue;
    const key = JSON.stringify([r.room, r.doc, r.seat]);
    const entry = usage.get(key) ?? { room: r.room, doc: r.doc, seat: r.seat, bytes: 0 };
    entry.bytes += r.data.byteLength;
    usage.set(key, entry);
  }
  const rows = [...usage.values()];
  await client.query({
    // Prepared once per connection: a group commit then sends only the values.
    name: 'ledestjerne_append',
    text: `SELECT ledestjerne_append($1::text[], $2::text[], $3::bigint[], $4::bytea[], $5::bigint[], $6::text[],
             $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::bigint[], $13::text[], $14::bigint[])`,
    values: [
      records.map((r) => r.room),
      records.map((r) => r.doc),
      records.map((r) => r.seq),
      records.map((r) => bytes(r.data)),
      records.map((r) => r.at ?? now),
      records.map((r) => r.writer?.role ?? null),
      records.map((r) => r.writer?.seat ?? null),
      records.map((r) => r.writer?.name ?? null),
      rows.map((u) => u.room),
      rows.map((u) => u.doc),
      rows.map((u) => u.seat),
      rows.map((u) => u.bytes),
      fence.rooms,
      fence.tokens,
    ],
  });
}

/** The caller's transaction goes on only while every room of the fence is this server's. */
export async function checkFence(client: pg.Client, fence: Fence): Promise<void> {
  await client.query('SELECT ledestjerne_fence($1::text[], $2::bigint[])', [fence.rooms, fence.tokens]);
}

/**
 * Takes the room for `owner` unless another owner holds an unexpired lease;
 * a new token either way (a restarted server with the same NODE_ID takes its
 * rooms back at once). The token, or null when the room is someone else's.
 */
export async function claimRoom(
  client: pg.Client,
  room: string,
  owner: string,
  leaseMs: number,
): Promise<number | null> {
  const result = await client.query<{ token: number }>(
    `INSERT INTO room_leases AS l (room, owner, token, expires_at)
     VALUES ($1, $2, nextval('lease_tokens'), now() + $3 * interval '1 millisecond')
     ON CONFLICT (room) DO UPDATE SET owner = excluded.owner, token = excluded.token, expires_at = excluded.expires_at
     WHERE l.expires_at <= now() OR l.owner = excluded.owner
     RETURNING token`,
    [room, owner, leaseMs],
  );
  return result.rows[0]?.token ?? null;
}

/** Extends the leases still held with these tokens; returns the rooms extended (the others were taken over or deleted). */
export async function renewLeases(
  client: pg.Client,
  rooms: string[],
  tokens: number[],
  leaseMs: number,
): Promise<string[]> {
  const result = await client.query<{ room: string }>(
    `UPDATE room_leases AS l SET expires_at = now() + $3 * interval '1 millisecond'
     FROM unnest($1::text[], $2::bigint[]) AS held (room, token)
     WHERE l.room = held.room AND l.token = held.token
     RETURNING l.room`,
    [rooms, tokens, leaseMs],
  );
  return result.rows.map((r) => r.room);
}

/** Gives rooms back (idle unload, shutdown): another server may take them at once. Only with the current token. */
export async function releaseRooms(client: pg.Client, rooms: string[], tokens: number[]): Promise<void> {
  await client.query(
    `DELETE FROM room_leases AS l USING unnest($1::text[], $2::bigint[]) AS held (room, token)
     WHERE l.room = held.room AND l.token = held.token`,
    [rooms, tokens],
  );
}

/**
 * As SqliteWrites.compact: the new snapshot is added with its checksum; the
 * previous snapshot and the updates since it stay, and only what came before
 * the previous snapshot is dropped, once that snapshot was read back and matched its checksum.
 */
export async function compact(
  client: pg.Client,
  room: string,
  doc: string,
  snapshot: Uint8Array,
  uptoSeq: number,
  fence: Fence,
) {
  await checkFence(client, fence);
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
