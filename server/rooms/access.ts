/**
 * Who is connecting: turns a sync URL into a role and a write permission,
 * or a refusal with a close code. The server's role checks live here.
 */
import type { CloseCodeName } from '../../src/model/protocol.ts';
import { parseSyncPath } from '../../src/model/protocol.ts';
import { isFacilitatorKey } from '../../src/model/ids.ts';
import { canWrite, type DocKind, type Role } from '../../src/model/roles.ts';
import type { StoredRoom } from '../storage/types.ts';
import { inviteMatches, keyMatches } from './registry.ts';

export type Access =
  { ok: true; room: StoredRoom; doc: DocKind; role: Role; writable: boolean } | { ok: false; refusal: CloseCodeName };

export function decideAccess(url: URL, getRoom: (id: string) => StoredRoom | null): Access {
  const target = parseSyncPath(url.pathname);
  if (!target) return { ok: false, refusal: 'badRequest' };
  const room = getRoom(target.room);
  if (!room) return { ok: false, refusal: 'unknownRoom' };
  const key = url.searchParams.get('key');
  let role: Role;
  if (key !== null) {
    // A wrong key is refused rather than quietly downgraded, so the facilitator notices.
    if (!isFacilitatorKey(key) || !keyMatches(room, key)) return { ok: false, refusal: 'forbidden' };
    role = 'facilitator';
  } else {
    role = url.searchParams.get('role') === 'projector' ? 'projector' : 'participant';
    if (!inviteMatches(room, url.searchParams.get('invite'))) return { ok: false, refusal: 'inviteRevoked' };
  }
  return { ok: true, room, doc: target.doc, role, writable: canWrite(role, target.doc) };
}
