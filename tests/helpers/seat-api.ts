/** Seats for tests: every client that writes as a participant (or facilitator) takes one first, as browsers do. */
import type { RoomId } from '../../src/model/ids.ts';
import type { SeatGrant, SeatTransfer } from '../../src/model/protocol.ts';
import type { TestServer } from './test-server.ts';

type ServerLike = Pick<TestServer, 'httpUrl'>;

export async function takeSeat(
  server: ServerLike,
  room: string,
  options: { invite?: string; facilitatorKey?: string } = {},
): Promise<SeatGrant> {
  const response = await fetch(`${server.httpUrl}/api/rooms/${room}/seats`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.facilitatorKey ? { authorization: `Bearer ${options.facilitatorKey}` } : {}),
    },
    body: JSON.stringify(options.invite ? { invite: options.invite } : {}),
  });
  if (response.status !== 201) throw new Error(`seat for ${room}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as SeatGrant;
}

/** Sync params of a fresh seat: `{ seat, secret }` (plus the invite, when given). */
export async function seatParams(
  server: ServerLike,
  room: string,
  options: { invite?: string; facilitatorKey?: string } = {},
): Promise<Record<string, string>> {
  const { seat, secret } = await takeSeat(server, room, options);
  return {
    seat,
    secret,
    ...(options.invite ? { invite: options.invite } : {}),
    ...(options.facilitatorKey ? { key: options.facilitatorKey } : {}),
  };
}

export async function transferCode(server: ServerLike, room: string, key: string, seat: string): Promise<Response> {
  return fetch(`${server.httpUrl}/api/rooms/${room}/seats/${seat}/transfer`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: '{}',
  });
}

export async function claimCode(server: ServerLike, room: string, code: string): Promise<Response> {
  return fetch(`${server.httpUrl}/api/rooms/${room}/seats/claim`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });
}

export type { SeatGrant, SeatTransfer };

/**
 * Sync params of a seat issued straight by an in-process server's registry
 * (as `POST .../seats` does), for tests that connect synchronously.
 * `roomname` may be a provider's room name (`<room>`, `<room>/control`, `<room>/seat`).
 */
export function issuedSeatParams(server: Pick<TestServer, 'core'>, roomname: string): Record<string, string> {
  const room = roomname.split('/')[0] as RoomId;
  const { seat, secret } = server.core.registry.issueSeat(room);
  return { seat, secret };
}
