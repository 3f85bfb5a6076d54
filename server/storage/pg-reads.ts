/**
 * Every read of the PostgreSQL store, run in the storage worker on its
 * reading connection (beside the writing one, so a read never waits for a
 * commit's flush). Answers are plain data: they cross to the main thread by
 * structured clone, where Buffers arrive as Uint8Array (pg-store.ts turns them back).
 */
import type pg from 'pg';
import { sha256 } from './sqlite-db.ts';
import type { HistoryRow } from './history-row.ts';
import type { StoredDoc } from './types.ts';
import { roomOwner } from '../cluster/node-table.ts';

export type RoomRow = {
  id: string;
  workshop: string;
  locale: string;
  key_hash: Uint8Array;
  created_at: number;
  schema_version: number;
  invite: string | null;
  active_at: number | null;
  join_code: string | null;
};
export type SeatRow = { secret_hash: Uint8Array; anon_key: string; created_at: number };

export type ReadRequest =
  | { op: 'getRoom'; id: string }
  | { op: 'findJoinCode'; code: string }
  | { op: 'getSeat'; room: string; seat: string }
  | { op: 'seatCount'; room: string }
  | { op: 'listSeats'; room: string }
  | { op: 'loadDoc'; room: string; doc: string }
  | { op: 'loadHistory'; room: string; doc: string }
  | { op: 'idleRooms'; before: number }
  | { op: 'docSize'; room: string; doc: string }
  | { op: 'roomOwner'; room: string; freshMs: number }
  | { op: 'check' };

export async function read(client: pg.Client, request: ReadRequest): Promise<unknown> {
  switch (request.op) {
    case 'roomOwner':
      return roomOwner(client, request.room, request.freshMs);
    case 'getRoom':
      return (await client.query<RoomRow>('SELECT * FROM rooms WHERE id = $1', [request.id])).rows[0] ?? null;
    case 'findJoinCode': {
      const live = (await client.query<{ id: string }>('SELECT id FROM rooms WHERE join_code = $1', [request.code]))
        .rows[0];
      if (live) return { room: live.id, current: true };
      const retired = (
        await client.query<{ room: string }>('SELECT room FROM retired_codes WHERE code = $1', [request.code])
      ).rows[0];
      return retired ? { room: retired.room, current: false } : null;
    }
    case 'getSeat':
      return (
        (
          await client.query<SeatRow>(
            'SELECT secret_hash, anon_key, created_at FROM seats WHERE room = $1 AND id = $2',
            [request.room, request.seat],
          )
        ).rows[0] ?? null
      );
    case 'seatCount':
      return (await client.query<{ n: number }>('SELECT count(*) AS n FROM seats WHERE room = $1', [request.room]))
        .rows[0]!.n;
    case 'listSeats':
      return (
        await client.query<{ id: string }>('SELECT id FROM seats WHERE room = $1 ORDER BY created_at, id', [
          request.room,
        ])
      ).rows.map((r) => r.id);
    case 'loadDoc':
      return loadDoc(client, request.room, request.doc);
    case 'loadHistory':
      return (
        await client.query<HistoryRow>(
          'SELECT seq, at, role, seat, name, data FROM history WHERE room = $1 AND doc = $2 ORDER BY seq',
          [request.room, request.doc],
        )
      ).rows;
    case 'idleRooms':
      return (
        // A room another server holds is in use, whatever its last recorded touch.
        (
          await client.query<{ id: string }>(
            `SELECT id FROM rooms WHERE coalesce(active_at, created_at) < $1
           AND NOT EXISTS (SELECT 1 FROM room_leases l WHERE l.room = rooms.id AND l.expires_at > now())`,
            [request.before],
          )
        ).rows.map((r) => r.id)
      );
    case 'docSize':
      // Everything kept for the document: the update log and the snapshots (the previous one is kept too).
      return (
        await client.query<{ updates: number; bytes: number }>(
          `SELECT count(*) AS updates, coalesce(sum(octet_length(data)), 0) AS bytes FROM (
             SELECT data FROM updates WHERE room = $1 AND doc = $2
             UNION ALL SELECT data FROM snapshots WHERE room = $1 AND doc = $2) AS kept`,
          [request.room, request.doc],
        )
      ).rows[0];
    case 'check':
      return check(client);
  }
}

/**
 * One document, read in one snapshot of the database (REPEATABLE READ), so a
 * compaction committing meanwhile cannot remove updates between reading the
 * snapshot and reading the log. Snapshots are tried newest first against
 * their checksum; a damaged one is passed over for the previous one and the
 * updates kept since it, as in the SQLite store (sqlite-read.ts).
 */
async function loadDoc(client: pg.Client, room: string, doc: string): Promise<StoredDoc> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const snapshots = (
      await client.query<{ seq: number; data: Buffer; sha256: Buffer }>(
        'SELECT seq, data, sha256 FROM snapshots WHERE room = $1 AND doc = $2 ORDER BY seq DESC',
        [room, doc],
      )
    ).rows;
    const problems: string[] = [];
    let base: (typeof snapshots)[number] | null = null;
    for (const [index, snapshot] of snapshots.entries()) {
      if (sha256(snapshot.data).equals(snapshot.sha256)) {
        base = snapshot;
        if (index > 0) problems.push(`loaded from the snapshot at update ${snapshot.seq} and the updates since`);
        break;
      }
      problems.push(`snapshot at update ${snapshot.seq} does not match its checksum; passed over`);
    }
    const log = (
      await client.query<{ seq: number; data: Buffer }>(
        'SELECT seq, data FROM updates WHERE room = $1 AND doc = $2 AND seq > $3 ORDER BY seq',
        [room, doc, base?.seq ?? 0],
      )
    ).rows;
    const usage = (
      await client.query<{ seat: string; bytes: number }>(
        'SELECT seat, bytes FROM seat_usage WHERE room = $1 AND doc = $2',
        [room, doc],
      )
    ).rows;
    await client.query('COMMIT');
    const stored: StoredDoc = {
      updates: [...(base ? [base.data] : []), ...log.map((r) => r.data)].map((d) => new Uint8Array(d)),
      lastSeq: Math.max(base?.seq ?? 0, log.at(-1)?.seq ?? 0, snapshots[0]?.seq ?? 0),
      seatBytes: usage.map((u) => [u.seat, u.bytes]),
    };
    if (problems.length > 0)
      stored.recovery = { source: base ? `snapshot at update ${base.seq}` : 'update log', problems };
    return stored;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}

/** Settings under which a commit would be acknowledged without being durable: reported at start. */
async function check(client: pg.Client): Promise<string[]> {
  const problems: string[] = [];
  const setting = async (name: string) =>
    (await client.query<{ setting: string }>('SELECT setting FROM pg_settings WHERE name = $1', [name])).rows[0]
      ?.setting;
  if ((await setting('fsync')) !== 'on')
    problems.push('PostgreSQL runs with fsync off: a commit may be lost on a crash');
  if ((await setting('full_page_writes')) !== 'on')
    problems.push('PostgreSQL runs with full_page_writes off: a crash may leave damaged pages');
  return problems;
}
