/**
 * The origin that links and QR codes use. Participants join from their own
 * devices, so "localhost" is useless to them: then we use an address of this
 * machine that the server listens on, and say that it is a guess. When the
 * server listens on loopback only (HOST=127.0.0.1) no other device can reach
 * it whatever the link says, so the links stay on the address the browser used
 * and the console says how to open the room to the network.
 */
import os from 'node:os';
import type { PublicOrigin } from '../../src/lib/host.ts';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);
/** HOST values that mean "every interface". */
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || hostname.startsWith('127.') || hostname.endsWith('.localhost');
}

/** The first IPv4 address of a non-internal interface, e.g. the Wi-Fi's. */
export function lanAddress(interfaces = os.networkInterfaces()): string | null {
  for (const list of Object.values(interfaces)) {
    for (const info of list ?? []) {
      if (info.family === 'IPv4' && !info.internal) return info.address;
    }
  }
  return null;
}

/**
 * The address other devices can use to reach a server listening on `listenHost`
 * (HOST; undefined means every interface): null when only this machine can.
 */
export function reachableAddress(listenHost: string | undefined, lan: () => string | null): string | null {
  if (listenHost === undefined || WILDCARD_HOSTS.has(listenHost)) return lan();
  if (isLoopbackHost(listenHost)) return null;
  // One named interface: that one, whatever the first interface is.
  return listenHost.includes(':') && !listenHost.startsWith('[') ? `[${listenHost}]` : listenHost;
}

export function resolvePublicOrigin(
  configured: string | undefined,
  requestUrl: URL,
  listenHost: string | undefined,
  lan: () => string | null = () => lanAddress(),
): PublicOrigin {
  if (configured) return { origin: configured, guessed: false, localOnly: false };
  const loopbackOnly = listenHost !== undefined && isLoopbackHost(listenHost);
  if (!isLoopbackHost(requestUrl.hostname)) return { origin: requestUrl.origin, guessed: false, localOnly: false };
  if (loopbackOnly) return { origin: requestUrl.origin, guessed: false, localOnly: true };
  const address = reachableAddress(listenHost, lan);
  if (!address) return { origin: requestUrl.origin, guessed: true, localOnly: false };
  const port = requestUrl.port ? `:${requestUrl.port}` : '';
  return { origin: `${requestUrl.protocol}//${address}${port}`, guessed: true, localOnly: false };
}

/** The URL the browser asked for, from the Host header (untrusted, so only its form is used). */
export function requestUrlOf(path: string, host: string | undefined, encrypted: boolean): URL {
  const safeHost = host && /^[A-Za-z0-9.\-:[\]]+$/.test(host) ? host : 'localhost';
  return new URL(path, `${encrypted ? 'https' : 'http'}://${safeHost}`);
}
