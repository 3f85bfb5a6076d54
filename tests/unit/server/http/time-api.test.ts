import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../helpers/test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 60_000);
afterAll(async () => {
  await server.close();
});

describe('GET /api/time', () => {
  it("answers the server's clock as JSON that no cache may keep", async () => {
    const before = Date.now();
    const response = await fetch(`${server.httpUrl}/api/time`);
    const after = Date.now();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as { now: number };
    expect(Object.keys(body)).toEqual(['now']);
    expect(body.now).toBeGreaterThanOrEqual(before);
    expect(body.now).toBeLessThanOrEqual(after);
  });

  it('refuses other methods with a JSON error', async () => {
    const response = await fetch(`${server.httpUrl}/api/time`, { method: 'POST' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
    const body = (await response.json()) as { error: { code: string } };
    expect(body.error.code).toBe('method_not_allowed');
  });
});
