/**
 * What this device remembers between visits: the participant's id and name,
 * and the rooms recently opened here. Storage may be unavailable (private
 * mode, blocked cookies); everything degrades to "not remembered".
 */
import { type Infer, z } from '../model/shape.ts';
import { anonymousAuthorId } from '../model/anonymous.ts';
import { isParticipantId, isSeatSecret, newParticipantId, type ParticipantId, type RoomId } from '../model/ids.ts';
import { localeSchema } from '../model/locale.ts';
import type { SeatGrant } from '../model/protocol.ts';
import { TEXT_LIMITS } from '../model/schema.ts';

const IDENTITY_KEY = 'ledestjerne.identity';
const RECENT_KEY = 'ledestjerne.recentRooms';
const MAX_RECENT_ROOMS = 12;

export type Identity = { id: ParticipantId; name: string | null };

function readJson(key: string): unknown {
  try {
    const raw = localStorage.getItem(key);
    return raw ? JSON.parse(raw) : null;
  } catch {
    return null;
  }
}
function writeJson(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Not remembered; the session still works.
  }
}

export function loadIdentity(): Identity {
  const raw = readJson(IDENTITY_KEY) as { id?: unknown; name?: unknown } | null;
  const id = isParticipantId(raw?.id) ? raw.id : newParticipantId();
  const name = typeof raw?.name === 'string' && raw.name.trim() ? raw.name.trim().slice(0, TEXT_LIMITS.name) : null;
  const identity = { id, name };
  writeJson(IDENTITY_KEY, identity);
  return identity;
}

export function saveName(name: string | null): Identity {
  const identity = { ...loadIdentity(), name: name?.trim().slice(0, TEXT_LIMITS.name) || null };
  writeJson(IDENTITY_KEY, identity);
  return identity;
}

const recentRoom = z.object({
  room: z.string(),
  workshop: z.string(),
  title: z.string(),
  locale: localeSchema,
  /** Present when this device started the room. Kept on the device only. */
  facilitatorKey: z.optional(z.string()),
  openedAt: z.number(),
});
export type RecentRoom = Infer<typeof recentRoom> & { room: RoomId };

export function loadRecentRooms(): RecentRoom[] {
  const parsed = z.array(recentRoom).safeParse(readJson(RECENT_KEY));
  return parsed.success ? (parsed.data as RecentRoom[]).sort((a, b) => b.openedAt - a.openedAt) : [];
}

export function rememberRoom(entry: RecentRoom): void {
  const others = loadRecentRooms().filter((r) => r.room !== entry.room);
  const previous = loadRecentRooms().find((r) => r.room === entry.room);
  const merged = { ...entry, facilitatorKey: entry.facilitatorKey ?? previous?.facilitatorKey };
  writeJson(RECENT_KEY, [merged, ...others].slice(0, MAX_RECENT_ROOMS));
}

export function forgetRoom(room: string): void {
  writeJson(
    RECENT_KEY,
    loadRecentRooms().filter((r) => r.room !== room),
  );
}

/**
 * The author id of this device's anonymous contributions to one step: the
 * seat's pseudonym for that step (src/model/anonymous.ts), which the server
 * checks like a seat id but nobody else can link to the seat or to the
 * pseudonyms of other steps. Null until the device has a seat in the room.
 */
export function stepPseudonym(room: string, stepId: string, role: SeatRole = 'participant'): string | null {
  const seat = loadSeat(room, role);
  return seat ? anonymousAuthorId(seat.anonKey, stepId) : null;
}

const SEAT_PREFIX = 'ledestjerne.seat';
/** Used when storage is blocked: the seat lasts as long as the page. */
const pageSeats = new Map<string, SeatGrant>();
/** A facilitator and a participant tab in one browser are two people, so each role keeps its own seat. */
const seatKey = (room: string, role: SeatRole) => `${SEAT_PREFIX}/${room}/${role}`;
export type SeatRole = 'participant' | 'facilitator';

/** This device's seat in a room, issued by the server; null until it has one. */
export function loadSeat(room: string, role: SeatRole): SeatGrant | null {
  const key = seatKey(room, role);
  const stored = readJson(key) as { seat?: unknown; secret?: unknown; anonKey?: unknown } | null;
  if (isParticipantId(stored?.seat) && isSeatSecret(stored?.secret) && isSeatSecret(stored?.anonKey)) {
    return { seat: stored.seat, secret: stored.secret, anonKey: stored.anonKey };
  }
  return pageSeats.get(key) ?? null;
}

export function saveSeat(room: string, role: SeatRole, grant: SeatGrant): void {
  const key = seatKey(room, role);
  pageSeats.set(key, grant);
  writeJson(key, grant);
}

export function forgetSeat(room: string, role: SeatRole): void {
  const key = seatKey(room, role);
  pageSeats.delete(key);
  try {
    localStorage.removeItem(key);
  } catch {
    // Nothing was stored.
  }
}
