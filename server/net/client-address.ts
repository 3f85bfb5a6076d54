import type http from 'node:http';

/** Requests another server of the cluster forwarded, with the client address it signed for (server/cluster/). */
const vouched = new WeakMap<http.IncomingMessage, string>();

/** Called only once the forward's signature checked out (server/cluster/inbound-gate.ts). */
export function vouchForAddress(req: http.IncomingMessage, address: string): void {
  vouched.set(req, address);
}

/**
 * The client's address: the one a cluster peer signed for when the request
 * was forwarded; else, behind a trusted proxy, the last hop the proxy saw.
 */
export function clientAddress(req: http.IncomingMessage, trustProxy: boolean): string {
  const forwarded = vouched.get(req);
  if (forwarded !== undefined) return forwarded;
  if (trustProxy) {
    const forwarded = req.headers['x-forwarded-for'];
    const last = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',').pop()?.trim();
    if (last) return last;
  }
  return req.socket.remoteAddress ?? 'unknown';
}

/**
 * Browsers always send Origin on WebSocket upgrades; a page on another site
 * must not open sockets into a room. Clients without Origin (scripts, tests)
 * are not browsers and are let through: the origin check guards users' browsers, not the server.
 */
export function originAllowed(req: http.IncomingMessage, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (parsed.host === req.headers.host) return true;
  return allowed.includes(parsed.origin);
}
