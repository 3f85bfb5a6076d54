/**
 * Seats for bench clients: on our server every client that writes holds a
 * seat, as browsers do, so the bench measures the path real writes take. The
 * reference server has no seats API; its clients connect without one.
 */
import type { SeatGrant } from '../../src/model/protocol.ts';

/** Seats asked for at once: enough to be quick, few enough not to look like a flood to the server. */
const PARALLEL_REQUESTS = 20;

/** The HTTP origin of a sync URL (`ws://host:port/sync` → `http://host:port`). */
const httpOrigin = (serverUrl: string) => serverUrl.replace(/^ws/, 'http').replace(/\/sync$/, '');

/** `count` seats in `room`, or nulls when the server issues none (the reference server). */
export async function seatsFor(serverUrl: string, room: string, count: number): Promise<(SeatGrant | null)[]> {
  const url = `${httpOrigin(serverUrl)}/api/rooms/${room}/seats`;
  const seats: (SeatGrant | null)[] = [];
  while (seats.length < count) {
    const batch = Math.min(PARALLEL_REQUESTS, count - seats.length);
    seats.push(...(await Promise.all(Array.from({ length: batch }, () => requestSeat(url)))));
    if (seats[0] === null) return Array.from({ length: count }, () => null);
  }
  return seats;
}

async function requestSeat(url: string): Promise<SeatGrant | null> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  const body = (await response.text().then(parse)) as Partial<SeatGrant> | null;
  if (response.status === 201 && body?.seat && body.secret && body.anonKey) {
    return { seat: body.seat, secret: body.secret, anonKey: body.anonKey };
  }
  // Our server answers JSON; anything else is a server without seats.
  if (body === null) return null;
  throw new Error(`POST ${url} answered ${response.status}`);
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The query string that presents a seat on a sync connection ('' without one). */
export const seatQuery = (seat: SeatGrant | null | undefined) =>
  seat ? `?${new URLSearchParams({ seat: seat.seat, secret: seat.secret }).toString()}` : '';
