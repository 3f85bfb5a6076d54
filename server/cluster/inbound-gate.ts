/**
 * Every HTTP request and upgrade passes this gate first (server/http/router.ts):
 * a valid forward from a cluster peer has its client address vouched for, so
 * rate limits and logs see the person, not the peer; a request carrying the
 * forwarding headers without a valid signature is marked forged and refused.
 */
import type http from 'node:http';
import { vouchForAddress } from '../net/client-address.ts';
import { inboundOf } from './forward-auth.ts';

const forged = new WeakSet<http.IncomingMessage>();
const forwarded = new WeakSet<http.IncomingMessage>();

/** False when the request poses as a forward and is not one: refuse it. */
export function passInbound(req: http.IncomingMessage, secret: string | null): boolean {
  const inbound = inboundOf(req, secret);
  if (inbound.kind === 'forged') {
    forged.add(req);
    return false;
  }
  if (inbound.kind === 'forwarded') {
    forwarded.add(req);
    vouchForAddress(req, inbound.address);
  }
  return true;
}

export function isForgedForward(req: http.IncomingMessage): boolean {
  return forged.has(req);
}

/** A peer already routed this request here: it is served here, never forwarded again (no loops). */
export function isForwarded(req: http.IncomingMessage): boolean {
  return forwarded.has(req);
}
