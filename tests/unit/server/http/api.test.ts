import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../helpers/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  // POST /api/rooms may carry exports, up to MAX_IMPORT_BYTES: small here, so the 413 test stays small.
  server = await startTestServer({ PUBLIC_URL: 'https://workshop.example.org/', MAX_IMPORT_BYTES: '65536' });
});
afterAll(async () => {
  await server.close();
});

const post = (body: string, contentType = 'application/json') =>
  fetch(`${server.httpUrl}/api/rooms`, { method: 'POST', headers: { 'content-type': contentType }, body });

async function errorOf(response: Response): Promise<{ status: number; code: string; message: string }> {
  const body = (await response.json()) as { error: { code: string; message: string } };
  return { status: response.status, ...body.error };
}

describe('POST /api/rooms', () => {
  it('creates a room with unguessable ids and links on the public origin', async () => {
    const response = await post(JSON.stringify({ workshop: 'five-whys', locale: 'nb' }));
    expect(response.status).toBe(201);
    const created = (await response.json()) as Record<string, string>;
    expect(created.room).toMatch(/^[A-Za-z0-9_-]{21}$/);
    expect(created.facilitatorKey).toMatch(/^[A-Za-z0-9_-]{21}$/);
    expect(created.facilitatorKey).not.toBe(created.room);
    expect(created.participantUrl).toBe(`https://workshop.example.org/r/${created.room}`);
    expect(created.projectorUrl).toBe(`https://workshop.example.org/r/${created.room}/projector`);
    expect(created.facilitatorUrl).toBe(
      `https://workshop.example.org/r/${created.room}/facilitator#key=${created.facilitatorKey}`,
    );
    const info = await fetch(`${server.httpUrl}/api/rooms/${created.room}`);
    expect(await info.json()).toMatchObject({ room: created.room, workshop: 'five-whys', locale: 'nb' });
  });

  it.each([
    ['malformed JSON', '{"workshop": ', 400, 'malformed_json'],
    ['a body of the wrong shape', JSON.stringify(['five-whys']), 400, 'invalid_request'],
    ['an unknown workshop', JSON.stringify({ workshop: 'nope', locale: 'da' }), 400, 'unknown_workshop'],
    ['an unknown locale', JSON.stringify({ workshop: 'five-whys', locale: 'sv' }), 400, 'unknown_locale'],
  ])('answers %s with a clear JSON error', async (_label, body, status, code) => {
    const error = await errorOf(await post(body));
    expect(error.status).toBe(status);
    expect(error.code).toBe(code);
    expect(error.message.length).toBeGreaterThan(5);
  });

  it('refuses other content types, oversized bodies and wrong methods', async () => {
    expect((await errorOf(await post('workshop=five-whys', 'application/x-www-form-urlencoded'))).status).toBe(415);
    expect((await errorOf(await post(JSON.stringify({ workshop: 'x'.repeat(100_000), locale: 'da' })))).status).toBe(
      413,
    );
    const get = await fetch(`${server.httpUrl}/api/rooms`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });
});

describe('rooms and exports', () => {
  it('answers 404 for unknown and malformed room ids', async () => {
    for (const id of ['AAAAAAAAAAAAAAAAAAAAA', 'short', '..%2F..%2Fetc']) {
      const error = await errorOf(await fetch(`${server.httpUrl}/api/rooms/${id}`));
      expect(error).toMatchObject({ status: 404, code: 'unknown_room' });
      expect((await fetch(`${server.httpUrl}/api/rooms/${id}/export?format=md`)).status).toBe(404);
    }
  });

  it('exports an empty room as markdown and versioned JSON with file names, and rejects unknown formats', async () => {
    const created = (await (await post(JSON.stringify({ workshop: 'five-whys', locale: 'da' }))).json()) as {
      room: string;
    };
    const md = await fetch(`${server.httpUrl}/api/rooms/${created.room}/export?format=md`);
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(md.headers.get('content-disposition')).toMatch(
      /^attachment; filename="5-hvorfor-teamets-formaal-\d{4}-\d{2}-\d{2}\.md"; filename\*=UTF-8''5-hvorfor-teamets-form%C3%A5l-\d{4}-\d{2}-\d{2}\.md$/,
    );
    expect(await md.text()).toContain('Der er endnu ikke vedtaget noget.');
    const json = await fetch(`${server.httpUrl}/api/rooms/${created.room}/export?format=json`);
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await json.json()).toMatchObject({
      format: 'ledestjerne.export',
      version: 2,
      locale: 'da',
      room: created.room,
    });
    const bad = await errorOf(await fetch(`${server.httpUrl}/api/rooms/${created.room}/export?format=exe`));
    expect(bad).toMatchObject({ status: 400, code: 'unknown_format' });
  });

  it('lists workshops, answers unknown API routes with JSON 404, and sets security headers', async () => {
    const list = await fetch(`${server.httpUrl}/api/workshops`);
    const body = (await list.json()) as { workshops: { id: string }[] };
    expect(body.workshops.map((w) => w.id)).toContain('five-whys');
    expect(list.headers.get('x-content-type-options')).toBe('nosniff');
    expect(list.headers.get('referrer-policy')).toBe('no-referrer');
    expect((await errorOf(await fetch(`${server.httpUrl}/api/nothing`))).code).toBe('not_found');
  });
});
