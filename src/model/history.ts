/**
 * The room's history as the facilitator's API shows it (see
 * server/rooms/history.ts): which stored changes touched a step, when and by
 * whom, and how to restore a step or the whole board to an earlier moment.
 * Shared by the server and the console, so both read the same shapes.
 */
// The model's own validator: the console parses these too, without shipping a schema library.
import { type Infer, z } from './shape.ts';
import type { RoomId } from './ids.ts';

export const historyPaths = {
  /** GET, facilitator only: `?step=<stepId>`. */
  list: (room: RoomId | string, stepId: string) => `/api/rooms/${room}/history?step=${encodeURIComponent(stepId)}`,
  /** POST, facilitator only: a RestoreRequest. */
  restore: (room: RoomId | string) => `/api/rooms/${room}/restore`,
};

/**
 * Who made a change. `server` changes carry no seat: a restore (then
 * `restoredTo` says to which moment), a publication, or the room's start.
 * On anonymous steps a participant's seat and name are withheld.
 */
export const historyWho = z.object({
  kind: z.enum(['facilitator', 'participant', 'anonymous', 'server', 'start']),
  seat: z.nullable(z.string()),
  name: z.nullable(z.string()),
  /** For a restore: the moment (ms since epoch) it brought back. */
  restoredTo: z.nullable(z.int()),
});
export type HistoryWho = Infer<typeof historyWho>;

/** What one change did to one collection of the step. A text counts characters, other collections entries. */
export const historyEffect = z.object({
  collection: z.string(),
  unit: z.enum(['entries', 'characters']),
  added: z.int().check(z.nonnegative()),
  changed: z.int().check(z.nonnegative()),
  removed: z.int().check(z.nonnegative()),
});
export type HistoryEffect = Infer<typeof historyEffect>;

export const historyChange = z.object({
  seq: z.int(),
  /** Server time it was stored (ms since epoch). */
  at: z.int(),
  who: historyWho,
  effects: z.array(historyEffect),
});
export type HistoryChange = Infer<typeof historyChange>;

export const historyAnswer = z.object({
  room: z.string(),
  step: z.string(),
  /** False when the room's history does not reach back to its start (a room older than history keeping). */
  complete: z.boolean(),
  /** Oldest first. */
  changes: z.array(historyChange),
});
export type HistoryAnswer = Infer<typeof historyAnswer>;

export const restoreRequest = z.object({
  /** Only this step's collections; the whole board when absent. */
  step: z.optional(z.string().check(z.minLength(1), z.maxLength(80))),
  /** The moment to go back to (ms since epoch): every change stored up to it is kept. */
  at: z.int().check(z.nonnegative()),
});
export type RestoreRequest = Infer<typeof restoreRequest>;

export const restoreAnswer = z.object({
  /** Collections whose content changed; 0 when the board already was as at that moment. */
  collections: z.int().check(z.nonnegative()),
  /** When the restore itself was stored: restoring to just before it undoes it. */
  at: z.int(),
});
export type RestoreAnswer = Infer<typeof restoreAnswer>;

/** Reason a restore carries in history, with the moment it went back to. */
export const RESTORE_REASON_PREFIX = 'restore@';
