/** The signature that lets one server vouch for a client's address to another (server/cluster/forward-auth.ts). */
import type http from 'node:http';
import { describe, expect, it } from 'vitest';
import {
  FORWARD_HEADERS,
  FORWARD_MAX_AGE_MS,
  forwardHeaders,
  inboundOf,
} from '../../../../server/cluster/forward-auth.ts';

const SECRET = 'a-cluster-secret-of-enough-length-0123456789';
const NOW = 1_800_000_000_000;

function request(url: string, headers: Record<string, string>, method = 'GET'): http.IncomingMessage {
  return { url, method, headers } as unknown as http.IncomingMessage;
}

describe('forwarded requests', () => {
  const signed = forwardHeaders(SECRET, 'GET', '/sync/room?seat=s', '203.0.113.9', NOW);

  it('a valid forward names the client address it was signed for', () => {
    expect(inboundOf(request('/sync/room?seat=s', signed), SECRET, NOW)).toEqual({
      kind: 'forwarded',
      address: '203.0.113.9',
    });
    expect(inboundOf(request('/sync/room', {}), SECRET, NOW)).toEqual({ kind: 'plain' });
  });

  it('anything changed, missing, stale or unverifiable is forged', () => {
    const forged = (req: http.IncomingMessage, secret: string | null = SECRET, now = NOW) =>
      inboundOf(req, secret, now).kind;
    // Another address, path or method than the one signed.
    expect(forged(request('/sync/room?seat=s', { ...signed, [FORWARD_HEADERS.address]: '198.51.100.1' }))).toBe(
      'forged',
    );
    expect(forged(request('/sync/room?seat=t', signed))).toBe('forged');
    expect(forged(request('/sync/room?seat=s', signed, 'POST'))).toBe('forged');
    // Another secret, or none at all on the receiving side: no forward is trusted.
    const other = forwardHeaders(
      'another-secret-of-enough-length-0123456789',
      'GET',
      '/sync/room?seat=s',
      '203.0.113.9',
      NOW,
    );
    expect(forged(request('/sync/room?seat=s', other))).toBe('forged');
    expect(forged(request('/sync/room?seat=s', signed), null)).toBe('forged');
    // Only part of the headers, a malformed signature, a replay past the window.
    expect(forged(request('/sync/room?seat=s', { [FORWARD_HEADERS.address]: '203.0.113.9' }))).toBe('forged');
    expect(forged(request('/sync/room?seat=s', { ...signed, [FORWARD_HEADERS.signature]: 'zz' }))).toBe('forged');
    expect(forged(request('/sync/room?seat=s', signed), SECRET, NOW + FORWARD_MAX_AGE_MS + 1)).toBe('forged');
    expect(forged(request('/sync/room?seat=s', signed), SECRET, NOW + FORWARD_MAX_AGE_MS)).toBe('forwarded');
  });
});
