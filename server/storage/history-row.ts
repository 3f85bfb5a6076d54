/** A row of the `history` table (server/storage/sqlite-db.ts) as the store reads it back. */
import type { HistoryRecord, HistoryWriter } from './types.ts';

export type HistoryRow = {
  seq: number;
  at: number;
  role: string | null;
  seat: string | null;
  name: string | null;
  data: Uint8Array;
};

const ROLES: readonly HistoryWriter['role'][] = ['facilitator', 'participant', 'server'];

export function historyRecordOf(row: HistoryRow): HistoryRecord {
  const role = ROLES.find((r) => r === row.role);
  return {
    seq: row.seq,
    at: row.at,
    // A row written before writers were recorded, or by no one (an imported start), has no role.
    writer: role ? { role, seat: row.seat, name: row.name } : null,
    data: new Uint8Array(row.data),
  };
}
