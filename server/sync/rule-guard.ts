/**
 * The rule table on a writer's socket. What a writer of the board or of its
 * seat's document may change depends on the room's current step
 * (src/model/rules.ts), which the control document holds; so the control
 * document is kept loaded for as long as such a writer is connected, even
 * when nobody is connected to it. Writers of the control document itself
 * are the facilitator, whom the table does not limit.
 */
import { Control } from '../../src/model/control.ts';
import { cachedRoomView } from '../../src/model/room-view.ts';
import type { Workshop } from '../../src/model/workshop.ts';
import type { LiveDoc } from '../rooms/live-doc.ts';
import type { RoomRegistry } from '../rooms/registry.ts';
import { checkBoardUpdate, checkSeatUpdate } from '../rooms/update-guard.ts';
import type { UpdateGuard } from './connection.ts';
import type { GrantedAccess } from '../rooms/access.ts';

/** A writer's guard, and the hold on the control document it reads; `release` when the socket closes. */
export type RuleHold = { guard: UpdateGuard; release: () => void };

/**
 * The guard for a connection that writes `live`, or null when the table has
 * nothing to check (readers, the control document). Throws when the control
 * document cannot be loaded (StorageUnavailable and the like): the caller
 * closes only this socket.
 */
export function holdRules(
  registry: RoomRegistry,
  workshops: ReadonlyMap<string, Workshop>,
  access: GrantedAccess,
  live: LiveDoc,
): RuleHold | null {
  if (!access.writable || access.kind === 'control') return null;
  const control = registry.acquire(access.room.id, 'control');
  const letGo = control.holdOpen();
  return {
    guard: guardFor(workshops, access, live, control),
    release: () => {
      letGo();
      registry.release(control);
    },
  };
}

/** The rule table applied to one writer's updates of the board or of its seat's document. */
function guardFor(
  workshops: ReadonlyMap<string, Workshop>,
  access: GrantedAccess,
  live: LiveDoc,
  control: LiveDoc,
): UpdateGuard {
  const workshop = workshops.get(access.room.workshop);
  if (!workshop)
    return () => ({ ok: false, rule: 'not_allowed', message: 'the workshop of this room is not installed' });
  const writer = { role: access.role, seat: access.seat };
  const check = access.kind === 'seat' ? checkSeatUpdate : checkBoardUpdate;
  const view = cachedRoomView(workshop, new Control(control.doc), access.anonKey);
  return (update) => check(live.doc, update, writer, view());
}
