/**
 * Who may do what. The server enforces this table; the UI only mirrors it.
 * - facilitator: holds the key, steers (control document) and may edit the board
 * - participant: has the room link, contributes to the board
 * - projector: has its own link, reads both documents, writes nothing
 */
export const ROLES = ['facilitator', 'participant', 'projector'] as const;
export type Role = (typeof ROLES)[number];

export const DOC_KINDS = ['board', 'control'] as const;
export type DocKind = (typeof DOC_KINDS)[number];

export function canWrite(role: Role, doc: DocKind): boolean {
  if (role === 'facilitator') return true;
  if (role === 'participant') return doc === 'board';
  return false;
}
