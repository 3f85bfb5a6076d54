/**
 * Who wrote an update, as the room's history records it: the connection's
 * role and seat (verified by the server at connect time) and the name the
 * connection's presence showed at that moment, or the server itself.
 */
import type { Awareness } from 'y-protocols/awareness';
import { presenceValue } from '../../src/model/schema.ts';
import type { HistoryWriter } from '../storage/types.ts';

/** Transaction origin of a change the server writes itself; `reason` is kept in history (e.g. "restore"). */
export class ServerWrite {
  readonly reason: string;
  /** When it is recorded as made: known before the write, so the caller can name the moment just before it. */
  readonly at: number;

  constructor(reason: string, at = Date.now()) {
    this.reason = reason;
    this.at = at;
  }
}

type WritingPeer = { role?: string; seat?: string | null; awarenessClients?: ReadonlySet<number> };

/** When and by whom an update applied with this transaction origin was made. */
export function stampOf(origin: unknown, awareness: Awareness): { at: number; writer: HistoryWriter } {
  return { at: origin instanceof ServerWrite ? origin.at : Date.now(), writer: writerOf(origin, awareness) };
}

function writerOf(origin: unknown, awareness: Awareness): HistoryWriter {
  if (origin instanceof ServerWrite) return { role: 'server', seat: null, name: origin.reason };
  const peer = origin as WritingPeer | undefined;
  if (peer?.role === 'facilitator' || peer?.role === 'participant') {
    return { role: peer.role, seat: peer.seat ?? null, name: presenceName(peer.awarenessClients, awareness) };
  }
  // Anything else the server applied itself (a publication, a migration): no seat.
  return { role: 'server', seat: null, name: null };
}

/** The name in the peer's presence, if it shows one (presence is untrusted: parsed, and only a label). */
function presenceName(clients: ReadonlySet<number> | undefined, awareness: Awareness): string | null {
  for (const id of clients ?? []) {
    // The room relays presence as stamped by presence-gate.ts: `{ user: { id, name, role } }`.
    const state = awareness.getStates().get(id) as { user?: unknown } | undefined;
    const parsed = presenceValue.safeParse(state?.user);
    if (parsed.success && parsed.data.name) return parsed.data.name;
  }
  return null;
}
