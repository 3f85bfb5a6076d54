/**
 * The `nodes` table (migration 3, server/storage/pg-schema.ts): how servers
 * sharing one database find each other. Each server upserts its row (id and
 * the URL other servers reach it on) at start and with every lease renewal,
 * and deletes it at shutdown. The owner of a room is the lease holder
 * (room_leases.owner); this table turns that name into an address.
 *
 * These run in the storage worker (server/storage/pg-worker.ts); times are the
 * database's `now()`, one clock for every server, as with the leases.
 */
import type pg from 'pg';

/** Who serves a room now, when someone holds an unexpired lease on it. `url` is null when that server has no live row. */
export type RoomOwner = { node: string; url: string | null };

/** Registers or refreshes this server's row: its address and a heartbeat at the database's clock. */
export async function heartbeat(client: pg.Client, node: string, url: string): Promise<void> {
  await client.query(
    `INSERT INTO nodes (id, url, heartbeat_at) VALUES ($1, $2, now())
     ON CONFLICT (id) DO UPDATE SET url = excluded.url, heartbeat_at = excluded.heartbeat_at`,
    [node, url],
  );
}

/** At shutdown: other servers stop sending this one sockets at once, rather than when its heartbeat goes stale. */
export async function deregister(client: pg.Client, node: string): Promise<void> {
  await client.query('DELETE FROM nodes WHERE id = $1', [node]);
}

/**
 * The room's current owner, or null when no lease on it is unexpired (then
 * whoever claims it first serves it). The owner's URL is given only while its
 * heartbeat is younger than `freshMs`: a server that stopped beating (killed,
 * paused, shutting down) is not sent sockets.
 */
export async function roomOwner(client: pg.Client, room: string, freshMs: number): Promise<RoomOwner | null> {
  const row = (
    await client.query<{ owner: string; url: string | null }>(
      `SELECT l.owner, n.url FROM room_leases l
       LEFT JOIN nodes n ON n.id = l.owner AND n.heartbeat_at > now() - $2 * interval '1 millisecond'
       WHERE l.room = $1 AND l.expires_at > now()`,
      [room, freshMs],
    )
  ).rows[0];
  return row ? { node: row.owner, url: row.url } : null;
}
