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
      throw new Error(`the database is at schema version ${newest}, newer than this server knows (${known}); upgrade the server`);
    }
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      applied.push(migration.version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}
