/**
 * What of a connection's presence reaches the room. Presence is untrusted:
 * the server stamps every state with who the connection is (its seat, or no
 * person for the projector and seatless connections) and its role, keeping
 * only the display name the client chose, cut to the name limit.
 *
 * A presence client id belongs to the identity that first published it, for
 * the life of the loaded document: another connection can neither write nor
 * remove it, not even while its holder is reconnecting. The same seat coming
 * back (a reload, a new socket) takes its id up again.
 */
import { TEXT_LIMITS, WROTE_FIELD, wroteMarksValue, type PresenceValue } from '../../src/model/schema.ts';
import type { ParticipantId } from '../../src/model/ids.ts';
import type { Role } from '../../src/model/roles.ts';
import { isRemoval, type AwarenessEntry } from './awareness-entries.ts';

export type PresenceSpeaker = {
  role: Role;
  seat: ParticipantId | null;
  /** Presence client ids this connection speaks for now. */
  awarenessClients: ReadonlySet<number>;
};

export type PresenceRoom = {
  /** Current presence state and clock of a client id, as the room's awareness has it. */
  clockOf(clientId: number): { clock: number; present: boolean } | undefined;
  /** Who holds a presence client id (see `holderKey`), if anyone ever published it. */
  holders: ReadonlyMap<number, string>;
};

export type PresenceLimits = { maxStateBytes: number; maxClientsPerConnection: number };

export type Admitted = { ok: true; entries: AwarenessEntry[] } | { ok: false; reason: string };

/** Who may take a presence client id up again: the same seat, or (without a seat) the same role. */
export function holderKey(speaker: Pick<PresenceSpeaker, 'role' | 'seat'>): string {
  return speaker.seat ? `seat:${speaker.seat}` : `role:${speaker.role}`;
}

/** The person id presence shows: the seat, or for connections without one an id that names no person. */
export function presenceId(speaker: Pick<PresenceSpeaker, 'role' | 'seat'>, clientId: number): string {
  return speaker.seat ?? `${speaker.role}-${clientId}`;
}

/**
 * The entries of one awareness update that this connection may publish,
 * stamped; entries for ids others hold are dropped (y-websocket clients echo
 * everyone's presence). A malformed or oversized state refuses the whole update.
 */
export function admitPresence(
  entries: readonly AwarenessEntry[],
  speaker: PresenceSpeaker,
  room: PresenceRoom,
  limits: PresenceLimits,
): Admitted {
  const key = holderKey(speaker);
  const admitted: AwarenessEntry[] = [];
  let claimed = speaker.awarenessClients.size;
  for (const entry of entries) {
    if (entry.state.length > limits.maxStateBytes) return { ok: false, reason: 'awareness state too large' };
    const holder = room.holders.get(entry.clientId);
    if (holder !== undefined && holder !== key) continue;
    const known = room.clockOf(entry.clientId);
    const ours = speaker.awarenessClients.has(entry.clientId);
    if (isRemoval(entry)) {
      if (ours) admitted.push(entry);
      continue;
    }
    if (!ours && ++claimed > limits.maxClientsPerConnection) {
      return { ok: false, reason: 'too many awareness clients on one connection' };
    }
    const state = stampState(entry.state, speaker, entry.clientId);
    if (state === null) return { ok: false, reason: 'awareness state is not a JSON object' };
    // Coming back after its old socket was removed: the room's clock moved past the client's, so continue from it.
    const clock = !ours && known && !known.present && entry.clock <= known.clock ? known.clock + 1 : entry.clock;
    admitted.push({ clientId: entry.clientId, clock, state });
  }
  return { ok: true, entries: admitted };
}

/**
 * The state the room relays: `{ user: { id, name, role } }` from the server, the name from the client,
 * and a participant's `wrote` marks when they have the schema's shape. Null if not an object.
 */
export function stampState(
  raw: string,
  speaker: Pick<PresenceSpeaker, 'role' | 'seat'>,
  clientId: number,
): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const name = (parsed as { user?: { name?: unknown } }).user?.name;
  const user: PresenceValue = {
    id: presenceId(speaker, clientId),
    // The projector stands for no person and has no name.
    name: speaker.role !== 'projector' && typeof name === 'string' ? cut(name, TEXT_LIMITS.name) : null,
    role: speaker.role,
  };
  // "Has written" marks of a participant pass in their shape only; anything else in the state is dropped.
  const wrote = wroteMarksValue.safeParse((parsed as Record<string, unknown>)[WROTE_FIELD]);
  if (speaker.role === 'participant' && wrote.success && wrote.data.length > 0) {
    return JSON.stringify({ user, [WROTE_FIELD]: wrote.data });
  }
  return JSON.stringify({ user });
}

/** At most `max` UTF-16 units (the schema's measure), never splitting a character. */
function cut(text: string, max: number): string {
  let out = '';
  for (const char of text) {
    if (out.length + char.length > max) break;
    out += char;
  }
  return out;
}
