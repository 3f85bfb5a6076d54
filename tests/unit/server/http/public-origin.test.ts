/**
 * Links must use an address the server answers on: with HOST=127.0.0.1 a LAN
 * address in the QR code leads nowhere, so the links stay on loopback and the
 * console is told to say how to open the room to the network.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { lanAddress, reachableAddress, resolvePublicOrigin } from '../../../../server/http/public-origin.ts';
import { startTestServer, type TestServer } from '../../../helpers/test-server.ts';

const LAN = () => '192.0.2.7';
const fromLocalhost = new URL('http://localhost:4321/r/x/facilitator');

describe('resolvePublicOrigin', () => {
  it('keeps the browser address and marks it local-only when the server listens on loopback only', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1', '127.0.0.2']) {
      expect(resolvePublicOrigin(undefined, fromLocalhost, host, LAN)).toEqual({
        origin: 'http://localhost:4321',
        guessed: false,
        localOnly: true,
      });
    }
  });

  it('guesses the LAN address only when the server listens on every interface', () => {
    for (const host of [undefined, '0.0.0.0', '::']) {
      expect(resolvePublicOrigin(undefined, fromLocalhost, host, LAN)).toEqual({
        origin: 'http://192.0.2.7:4321',
        guessed: true,
        localOnly: false,
      });
    }
  });

  it('uses the one interface the server listens on, not the first one it finds', () => {
    expect(resolvePublicOrigin(undefined, fromLocalhost, '198.51.100.4', LAN).origin).toBe('http://198.51.100.4:4321');
    expect(resolvePublicOrigin(undefined, fromLocalhost, 'fd00::5', LAN).origin).toBe('http://[fd00::5]:4321');
  });

  it('takes PUBLIC_URL, or the address the browser used when it is not loopback', () => {
    expect(resolvePublicOrigin('https://w.example.org', fromLocalhost, '127.0.0.1', LAN)).toEqual({
      origin: 'https://w.example.org',
      guessed: false,
      localOnly: false,
    });
    // Behind a reverse proxy the browser's address is the public one, whatever HOST is.
    const proxied = new URL('https://w.example.org/r/x');
    expect(resolvePublicOrigin(undefined, proxied, '127.0.0.1', LAN)).toEqual({
      origin: 'https://w.example.org',
      guessed: false,
      localOnly: false,
    });
  });

  it('reachableAddress is null exactly when other devices cannot reach the server', () => {
    expect(reachableAddress('127.0.0.1', LAN)).toBeNull();
    expect(reachableAddress(undefined, LAN)).toBe('192.0.2.7');
    expect(reachableAddress('0.0.0.0', () => null)).toBeNull();
  });
});

describe('links from the API', () => {
  let server: TestServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  async function created(): Promise<Record<string, string>> {
    const response = await fetch(`${server!.httpUrl}/api/rooms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ workshop: 'five-whys', locale: 'da' }),
    });
    expect(response.status).toBe(201);
    return (await response.json()) as Record<string, string>;
  }

  it('with HOST=127.0.0.1 and no PUBLIC_URL every link and the QR point where the server answers', async () => {
    server = await startTestServer({ HOST: '127.0.0.1' });
    const room = await created();
    for (const url of [room.participantUrl, room.projectorUrl, room.facilitatorUrl].map(String)) {
      expect(url.startsWith(`${server.httpUrl}/r/${room.room}`)).toBe(true);
      // The link answers (the test server stands in a plain page for Astro's).
      expect((await fetch(url.replace(/#.*$/, ''))).status).toBe(200);
    }
    const links = (await (
      await fetch(`${server.httpUrl}/api/rooms/${room.room}/links`, {
        headers: { authorization: `Bearer ${room.facilitatorKey}` },
      })
    ).json()) as { participantUrl: string; projectorUrl: string; participantQrSvg: string };
    expect(links.participantUrl).toBe(`${server.httpUrl}/r/${room.room}`);
    expect(links.projectorUrl).toBe(`${server.httpUrl}/r/${room.room}/projector`);
    expect(links.participantQrSvg).toContain('<svg');
  });

  it('listening on every interface, links use the LAN address', async () => {
    server = await startTestServer({ HOST: '0.0.0.0' });
    const room = await created();
    const lan = lanAddress();
    const expected = lan ? `http://${lan}:${server.port}` : server.httpUrl;
    expect(room.participantUrl).toBe(`${expected}/r/${room.room}`);
  });
});
