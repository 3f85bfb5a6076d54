/**
 * Who may do what at the level of whole documents. What may be written inside
 * a document (whose entries, which step, when) is the rule table's
 * (src/model/rules.ts); the server enforces both, the UI only mirrors them.
 * - facilitator: holds the key, steers (control document) and may edit the board
 * - participant: has the room link and a seat, contributes to the board
 * - projector: has its own link, reads the board and control documents, writes nothing
 *
 * Every connection that writes holds a seat (issued by the server, see
 * `SEATS_PATH`): the seat is who it writes as. A seat's private document
 * (`seat`) holds what the workshop keeps hidden until the facilitator reveals
 * it (ballots, silent notes, own definitions); the server syncs it with that
 * seat's connections only.
 */
import type { ParticipantId } from './ids.ts';

export const ROLES = ['facilitator', 'participant', 'projector'] as const;
export type Role = (typeof ROLES)[number];

export const DOC_KINDS = ['board', 'control', 'seat'] as const;
export type DocKind = (typeof DOC_KINDS)[number];

/** The stored name of one document of a room: `board`, `control`, or `seat/<seatId>`. */
export type DocName = 'board' | 'control' | `seat/${string}`;

export const seatDocName = (seat: ParticipantId | string): DocName => `seat/${seat}`;

/** The document a connection to `kind` reaches; a seat document needs the connection's seat. */
export function docNameFor(kind: DocKind, seat: ParticipantId | null): DocName | null {
  if (kind !== 'seat') return kind;
  return seat ? seatDocName(seat) : null;
}

export function canWrite(role: Role, doc: DocKind): boolean {
  if (role === 'facilitator') return true;
  if (role === 'participant') return doc === 'board' || doc === 'seat';
  return false;
}
