/**
 * The PostgreSQL schema, as numbered migrations run at start.
 *
 * Every start runs `migrate`: one transaction that first takes an advisory
 * lock (so several nodes starting at once wait for each other instead of
 * racing to create the same tables), reads which versions are applied, and
 * applies the missing ones in order, recording each. Either all of them land
 * or none; a migration is never edited once released, a change is a new one.
 * A database migrated by a newer server (a version this one does not know)
 * is refused rather than written with assumptions that no longer hold.
 *
 * The tables mirror the SQLite store's (server/storage/sqlite-db.ts): times and
 * sequence numbers are bigint (ms since the epoch does not fit in integer),
 * blobs are bytea.
 */
import type pg from 'pg';

/** Arbitrary, fixed key of the advisory lock that serialises migrations across nodes. */
const MIGRATION_LOCK_KEY = 0x4c656465; // "Lede"

export type Migration = { version: number; name: string; sql: string };

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'rooms, seats, update log, history, snapshots',
    sql: `
CREATE TABLE rooms (
  id text PRIMARY KEY,
  workshop text NOT NULL,
  locale text NOT NULL,
  key_hash bytea NOT NULL,
  created_at bigint NOT NULL,
  schema_version integer NOT NULL,
  invite text,
  active_at bigint,
  join_code text UNIQUE
);
CREATE INDEX rooms_last_use ON rooms ((coalesce(active_at, created_at)));
CREATE TABLE retired_codes (
  code text PRIMARY KEY,
  room text NOT NULL,
  retired_at bigint NOT NULL
);
CREATE INDEX retired_codes_room ON retired_codes (room);
CREATE TABLE seats (
  room text NOT NULL,
  id text NOT NULL,
  secret_hash bytea NOT NULL,
  anon_key text NOT NULL,
  created_at bigint NOT NULL,
  PRIMARY KEY (room, id)
);
CREATE TABLE updates (
  room text NOT NULL,
  doc text NOT NULL,
  seq bigint NOT NULL,
  data bytea NOT NULL,
  PRIMARY KEY (room, doc, seq)
);
CREATE TABLE seat_usage (
  room text NOT NULL,
  doc text NOT NULL,
  seat text NOT NULL,
  bytes bigint NOT NULL,
  PRIMARY KEY (room, doc, seat)
);
CREATE TABLE history (
  room text NOT NULL,
  doc text NOT NULL,
  seq bigint NOT NULL,
  at bigint NOT NULL,
  role text,
  seat text,
  name text,
  data bytea NOT NULL,
  PRIMARY KEY (room, doc, seq)
);
CREATE TABLE snapshots (
  room text NOT NULL,
  doc text NOT NULL,
  seq bigint NOT NULL,
  data bytea NOT NULL,
  sha256 bytea NOT NULL,
  PRIMARY KEY (room, doc, seq)
);`,
  },
  {
    version: 2,
    name: 'room leases with fencing tokens',
    sql: `
CREATE SEQUENCE lease_tokens;
-- One owner per room. The token grows with every takeover; a write carries the token its server holds.
CREATE TABLE room_leases (
  room text PRIMARY KEY,
  owner text NOT NULL,
  token bigint NOT NULL,
  expires_at timestamptz NOT NULL
);
-- Refuses the transaction unless every room is written with its current token, or (token 0) is held by no one.
-- FOR SHARE: a takeover, which updates the row, waits until this transaction ends; a write either
-- commits before the takeover (and the new owner loads it) or is refused.
CREATE FUNCTION ledestjerne_fence(p_rooms text[], p_tokens bigint[]) RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE
  i integer;
BEGIN
  FOR i IN 1 .. coalesce(array_length(p_rooms, 1), 0) LOOP
    IF p_tokens[i] = 0 THEN
      PERFORM 1 FROM room_leases WHERE room = p_rooms[i] AND expires_at > now() FOR SHARE;
      IF FOUND THEN
        RAISE EXCEPTION 'room % is owned by another server', p_rooms[i] USING ERRCODE = 'LD409';
      END IF;
    ELSE
      PERFORM 1 FROM room_leases WHERE room = p_rooms[i] AND token = p_tokens[i] FOR SHARE;
      IF NOT FOUND THEN
        RAISE EXCEPTION 'lease on room % lost: fencing token % is stale', p_rooms[i], p_tokens[i] USING ERRCODE = 'LD409';
      END IF;
    END IF;
  END LOOP;
END
$fn$;
-- A group commit in one statement, so one round trip: the fence, the update log, the history and
-- the seats' byte counts, in one implicit transaction.
CREATE FUNCTION ledestjerne_append(
  p_rooms text[], p_docs text[], p_seqs bigint[], p_data bytea[],
  p_ats bigint[], p_roles text[], p_writer_seats text[], p_names text[],
  p_usage_rooms text[], p_usage_docs text[], p_usage_seats text[], p_usage_bytes bigint[],
  p_fence_rooms text[], p_fence_tokens bigint[]
) RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM ledestjerne_fence(p_fence_rooms, p_fence_tokens);
  INSERT INTO updates (room, doc, seq, data) SELECT * FROM unnest(p_rooms, p_docs, p_seqs, p_data);
  INSERT INTO history (room, doc, seq, at, role, seat, name, data)
    SELECT * FROM unnest(p_rooms, p_docs, p_seqs, p_ats, p_roles, p_writer_seats, p_names, p_data);
  INSERT INTO seat_usage AS u (room, doc, seat, bytes)
    SELECT * FROM unnest(p_usage_rooms, p_usage_docs, p_usage_seats, p_usage_bytes)
    ON CONFLICT (room, doc, seat) DO UPDATE SET bytes = u.bytes + excluded.bytes;
END
$fn$;`,
  },
  {
    version: 3,
    name: 'cluster nodes',
    sql: `
-- The servers sharing this database and how they reach each other (server/cluster/node-table.ts).
-- heartbeat_at is the database's now() at the server's last lease renewal.
CREATE TABLE nodes (
  id text PRIMARY KEY,
  url text NOT NULL,
  heartbeat_at timestamptz NOT NULL
);`,
  },
];

/** Brings the database up to the newest migration; returns the versions it applied (none when already current). */
export async function migrate(client: pg.Client, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  const applied: number[] = [];
  await client.query('BEGIN');
  try {
    // Held until COMMIT or ROLLBACK: a second node starting now waits here, then finds the work done.
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set(
      (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version),
    );
    const known = Math.max(0, ...migrations.map((m) => m.version));
    const newest = Math.max(0, ...done);
    if (newest > known) {
      throw new Error(
        `the database is at schema version ${newest}, newer than this server knows (${known}); upgrade the server`,
      );
    }
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}
