/**
 * The origin that links and QR codes use. Participants join from their own
 * devices, so "localhost" is useless to them: then we guess this machine's
 * address on the local network and say it is a guess.
 */
import os from 'node:os';
import type { PublicOrigin } from '../../src/lib/host.ts';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

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

export function resolvePublicOrigin(
  configured: string | undefined,
  requestUrl: URL,
  lan: () => string | null = () => lanAddress(),
): PublicOrigin {
  if (configured) return { origin: configured, guessed: false };
  if (!isLoopbackHost(requestUrl.hostname)) return { origin: requestUrl.origin, guessed: false };
  const address = lan();
  if (!address) return { origin: requestUrl.origin, guessed: true };
  const port = requestUrl.port ? `:${requestUrl.port}` : '';
  return { origin: `${requestUrl.protocol}//${address}${port}`, guessed: true };
}

/** The URL the browser asked for, from the Host header (untrusted, so only its form is used). */
export function requestUrlOf(path: string, host: string | undefined, encrypted: boolean): URL {
  const safeHost = host && /^[A-Za-z0-9.\-:[\]]+$/.test(host) ? host : 'localhost';
  return new URL(path, `${encrypted ? 'https' : 'http'}://${safeHost}`);
}
