/**
 * Reading one document from a database that may be damaged. A damaged page
 * must cost only the rows on it, never the room, let alone the process:
 *
 * - the update log is read forwards until a row cannot be read, then
 *   backwards from the end, so only the rows between are lost;
 * - snapshots are tried newest first and each is checked against the
 *   checksum stored with it; a damaged one is passed over for the previous
 *   snapshot and the updates kept since it (see SqliteWrites.compact).
 *
 * Whatever was not read as written is described in `recovery`, for the log
 * and the facilitator.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { RoomId } from '../../src/model/ids.ts';
import type { DocName } from '../../src/model/roles.ts';
import { sha256 } from './sqlite-db.ts';
import type { StoredDoc } from './types.ts';

type Row = { seq: number; data: Uint8Array };
type SnapshotRow = Row & { sha256: Uint8Array };

/** Numbers skipped after an unreadable stretch of the log, so new rows never collide with rows that could not be read. */
const SEQ_MARGIN_AFTER_DAMAGE = 1_000_000;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The statement's rows, and the statement finished however the reading ends.
 * An iteration that SQLite stops with an error (SQLITE_CORRUPT on a damaged
 * page) is not finished by a for-of loop, and the statement, left mid-way,
 * then answered the next document's read with no rows and no error: a healthy
 * room opened after a damaged one silently lost its log.
 */
function* rowsOf(statement: StatementSync, ...params: (string | number)[]): Generator<Row> {
  const rows = statement.iterate(...params) as IterableIterator<Row>;
  try {
    yield* rows;
  } finally {
    rows.return?.();
  }
}

export class DocReader {
  private readonly forward: StatementSync;
  private readonly backward: StatementSync;
  private readonly snapshotSeqs: StatementSync;
  private readonly snapshotAt: StatementSync;

  constructor(db: DatabaseSync) {
    this.forward = db.prepare('SELECT seq, data FROM updates WHERE room = ? AND doc = ? AND seq > ? ORDER BY seq');
    this.backward = db.prepare('SELECT seq, data FROM updates WHERE room = ? AND doc = ? ORDER BY seq DESC');
    this.snapshotSeqs = db.prepare('SELECT seq FROM snapshots WHERE room = ? AND doc = ? ORDER BY seq DESC');
    this.snapshotAt = db.prepare('SELECT seq, data, sha256 FROM snapshots WHERE room = ? AND doc = ? AND seq = ?');
  }

  /** Throws only when nothing at all of the document could be read. */
  /** The document's updates; the seats' byte counts are read by the store beside it. */
  load(room: RoomId, doc: DocName): Omit<StoredDoc, 'seatBytes'> {
    const problems: string[] = [];
    const snapshots = this.readSnapshots(room, doc, problems);
    const log = this.readLog(room, doc, problems);
    if (log.failed && snapshots.failed) throw log.failed;

    let base: SnapshotRow | null = null;
    for (const [index, snapshot] of snapshots.rows.entries()) {
      if (sha256(snapshot.data).equals(Buffer.from(snapshot.sha256))) {
        base = snapshot;
        if (index > 0) problems.push(`loaded from the snapshot at update ${snapshot.seq} and the updates since`);
        break;
      }
      problems.push(`snapshot at update ${snapshot.seq} does not match its checksum; passed over`);
    }
    const after = log.rows.filter((r) => r.seq > (base?.seq ?? 0));
    const updates = [...(base ? [new Uint8Array(base.data)] : []), ...after.map((r) => new Uint8Array(r.data))];
    // Rows lost to damage may have held higher numbers: new updates are numbered past any of them.
    const margin = log.damaged ? SEQ_MARGIN_AFTER_DAMAGE : 0;
    const lastSeq = Math.max(base?.seq ?? 0, log.rows.at(-1)?.seq ?? 0, snapshots.newestSeq) + margin;
    const stored: Omit<StoredDoc, 'seatBytes'> = { updates, lastSeq };
    if (problems.length > 0) {
      stored.recovery = { source: base ? `snapshot at update ${base.seq}` : 'update log', problems };
    }
    return stored;
  }

  /** Newest first; a snapshot that cannot be read is reported and skipped. */
  private readSnapshots(room: RoomId, doc: DocName, problems: string[]) {
    const rows: SnapshotRow[] = [];
    let seqs: number[];
    try {
      seqs = (this.snapshotSeqs.all(room, doc) as { seq: number }[]).map((r) => r.seq);
    } catch (error) {
      problems.push(`snapshots unreadable: ${message(error)}`);
      return { rows, newestSeq: 0, failed: error };
    }
    for (const seq of seqs) {
      try {
        const row = this.snapshotAt.get(room, doc, seq) as SnapshotRow | undefined;
        if (row) rows.push(row);
      } catch (error) {
        problems.push(`snapshot at update ${seq} unreadable: ${message(error)}`);
      }
    }
    return { rows, newestSeq: seqs[0] ?? 0, failed: null };
  }

  /** In order; rows on a damaged page are skipped and reported. */
  private readLog(room: RoomId, doc: DocName, problems: string[]) {
    const rows: Row[] = [];
    let failed: unknown = null;
    try {
      for (const row of rowsOf(this.forward, room, doc, 0)) rows.push(row);
      return { rows, failed, damaged: false };
    } catch (error) {
      failed = error;
    }
    // Read from the end back to the last row already read, to keep what lies beyond the damage.
    const lastRead = rows.at(-1)?.seq ?? 0;
    const tail: Row[] = [];
    try {
      for (const row of rowsOf(this.backward, room, doc)) {
        if (row.seq <= lastRead) break;
        tail.push(row);
      }
    } catch {
      // The damage reaches the end too: what was read forwards is all there is.
    }
    tail.reverse();
    const gapTo = tail[0]?.seq;
    problems.push(
      `update log unreadable after update ${lastRead}${gapTo ? ` up to update ${gapTo}` : ''}: ${message(failed)}`,
    );
    rows.push(...tail);
    return { rows, failed: rows.length === 0 ? failed : null, damaged: true };
  }
}
