/**
 * Who is connecting: turns a sync URL into a role, a seat, the document it
 * reaches and a write permission, or a refusal with a close code. The
 * server's role checks live here; what a seat may write inside a document is
 * the rule table's (src/model/rules.ts).
 */
import type { CloseCodeName } from '../../src/model/protocol.ts';
import { parseSyncPath, SYNC_PARAMS } from '../../src/model/protocol.ts';
import { isFacilitatorKey, isParticipantId, isSeatSecret, type ParticipantId } from '../../src/model/ids.ts';
import { canWrite, docNameFor, type DocKind, type DocName, type Role } from '../../src/model/roles.ts';
import type { StoredRoom, StoredSeat } from '../storage/types.ts';
import { inviteMatches, keyMatches } from './room-records.ts';

export type Access =
  | {
      ok: true;
      room: StoredRoom;
      kind: DocKind;
      /** The stored document the connection reaches (a seat's own document for `seat`). */
      doc: DocName;
      role: Role;
      /** Who the connection writes as; null for the projector and for connections that presented no seat. */
      seat: ParticipantId | null;
      /** The seat's key for its pseudonyms on anonymous steps. */
      anonKey: string | null;
      writable: boolean;
    }
  | { ok: false; refusal: CloseCodeName };

/** A connection that was let in: its room, document, role, seat and write permission. */
export type GrantedAccess = Extract<Access, { ok: true }>;

export type AccessLookups = {
  getRoom: (id: string) => StoredRoom | null;
  verifySeat: (room: string, seat: string, secret: string) => StoredSeat | null;
};

export function decideAccess(url: URL, lookups: AccessLookups): Access {
  const target = parseSyncPath(url.pathname);
  if (!target) return { ok: false, refusal: 'badRequest' };
  const room = lookups.getRoom(target.room);
  if (!room) return { ok: false, refusal: 'unknownRoom' };
  const params = url.searchParams;
  const key = params.get(SYNC_PARAMS.key);
  let role: Role;
  if (key !== null) {
    // A wrong key is refused rather than quietly downgraded, so the facilitator notices.
    if (!isFacilitatorKey(key) || !keyMatches(room, key)) return { ok: false, refusal: 'forbidden' };
    role = 'facilitator';
  } else {
    role = params.get(SYNC_PARAMS.role) === 'projector' ? 'projector' : 'participant';
    if (!inviteMatches(room, params.get(SYNC_PARAMS.invite))) return { ok: false, refusal: 'inviteRevoked' };
  }
  let seat: ParticipantId | null = null;
  let anonKey: string | null = null;
  const seatId = params.get(SYNC_PARAMS.seat);
  if (role !== 'projector' && seatId !== null) {
    const secret = params.get(SYNC_PARAMS.secret);
    const stored = isParticipantId(seatId) && isSeatSecret(secret) ? lookups.verifySeat(room.id, seatId, secret) : null;
    // A seat that does not check out is refused, not ignored: the device must ask for a new one.
    if (!stored) return { ok: false, refusal: 'unknownSeat' };
    seat = seatId as ParticipantId;
    anonKey = stored.anonKey;
  }
  const doc = docNameFor(target.doc, seat);
  // A seat's private document exists only for the seat itself.
  if (doc === null) return { ok: false, refusal: role === 'projector' ? 'forbidden' : 'unknownSeat' };
  // A participant writes only as a seat: a connection without one reads, as the projector does.
  const writable = canWrite(role, target.doc) && (role === 'facilitator' || seat !== null);
  return { ok: true, room, kind: target.doc, doc, role, seat, anonKey, writable };
}
