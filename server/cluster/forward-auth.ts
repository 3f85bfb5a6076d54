/**
 * How one server tells another "this request is a client's, forwarded by me,
 * and the client's address is X". The forwarding server signs the request
 * line, the client's address and the time with HMAC-SHA256 under
 * CLUSTER_SECRET; the receiving server believes the address only when the
 * signature checks out. Anything else carrying these headers is a client
 * posing as a server and is refused outright (never served with the address it
 * claims), so a participant cannot dodge the per-address limits by inventing
 * addresses.
 *
 * The time bounds a replay of a signed request seen on the wire to
 * FORWARD_MAX_AGE_MS; servers' clocks must agree to well within it (NTP).
 */
import crypto from 'node:crypto';
import type http from 'node:http';

export const FORWARD_HEADERS = {
  address: 'x-ledestjerne-forwarded-for',
  at: 'x-ledestjerne-forwarded-at',
  signature: 'x-ledestjerne-forwarded-sig',
} as const;

/** How old a forwarded request's signature may be (or how far ahead, with clock skew). */
export const FORWARD_MAX_AGE_MS = 60_000;

/** `plain`: not forwarded. `forwarded`: a valid forward, with the client's address. `forged`: refuse it. */
export type Inbound = { kind: 'plain' } | { kind: 'forwarded'; address: string } | { kind: 'forged' };

function signature(secret: string, at: string, method: string, url: string, address: string): Buffer {
  return crypto.createHmac('sha256', secret).update(`${at}\n${method}\n${url}\n${address}`, 'utf8').digest();
}

/** The headers a forwarding server adds to a client's request (`url`: path and query, as sent on). */
export function forwardHeaders(
  secret: string,
  method: string,
  url: string,
  address: string,
  now = Date.now(),
): Record<string, string> {
  const at = String(now);
  return {
    [FORWARD_HEADERS.address]: address,
    [FORWARD_HEADERS.at]: at,
    [FORWARD_HEADERS.signature]: signature(secret, at, method, url, address).toString('hex'),
  };
}

/** Reads a request's forwarding headers. Without a secret this server trusts no forward at all. */
export function inboundOf(req: http.IncomingMessage, secret: string | null, now = Date.now()): Inbound {
  const address = header(req, FORWARD_HEADERS.address);
  const at = header(req, FORWARD_HEADERS.at);
  const presented = header(req, FORWARD_HEADERS.signature);
  if (address === null && at === null && presented === null) return { kind: 'plain' };
  if (!secret || address === null || at === null || presented === null) return { kind: 'forged' };
  const time = Number(at);
  if (!/^\d{1,16}$/.test(at) || Math.abs(now - time) > FORWARD_MAX_AGE_MS) return { kind: 'forged' };
  const expected = signature(secret, at, req.method ?? 'GET', req.url ?? '/', address);
  const given = /^[0-9a-f]{64}$/.test(presented) ? Buffer.from(presented, 'hex') : null;
  if (!given || !crypto.timingSafeEqual(given, expected)) return { kind: 'forged' };
  return { kind: 'forwarded', address };
}

/** One value of a header; a header sent twice is treated as forged (joined, it matches no signature). */
function header(req: http.IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(',') : value;
}
