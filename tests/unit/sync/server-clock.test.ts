import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estimateOffset, ServerClock, type ClockSample } from '../../../src/sync/server-clock.ts';
import { startTestServer, type TestServer } from '../../helpers/test-server.ts';

describe('estimateOffset', () => {
  it('trusts the sample with the shortest round trip and assumes the answer came halfway', () => {
    const samples: ClockSample[] = [
      // Slow: 400 ms there and back, so it could be off by up to 200 ms.
      { sentAt: 1_000, serverNow: 61_500, receivedAt: 1_400 },
      // Fast: 20 ms. Server time 61_010 at local 1_010 -> offset 60_000.
      { sentAt: 1_000, serverNow: 61_010, receivedAt: 1_020 },
      { sentAt: 2_000, serverNow: 62_100, receivedAt: 2_100 },
    ];
    expect(estimateOffset(samples)).toBe(60_000);
  });

  it('gives null without usable samples and skips impossible ones', () => {
    expect(estimateOffset([])).toBeNull();
    expect(estimateOffset([{ sentAt: 10, serverNow: 5, receivedAt: 9 }])).toBeNull();
    expect(
      estimateOffset([
        { sentAt: 10, serverNow: 0, receivedAt: 9 },
        { sentAt: 0, serverNow: 100, receivedAt: 0 },
      ]),
    ).toBe(100);
  });
});

/** A fake network: the server's clock runs `skewMs` ahead of ours; each request takes the given delays. */
function fakeServer(skewMs: number, delaysMs: number[], local: { now: number }) {
  let call = 0;
  const fetchImpl = (async () => {
    const delay = delaysMs[call++ % delaysMs.length] ?? 0;
    local.now += delay / 2;
    const serverNow = local.now + skewMs;
    local.now += delay / 2;
    return new Response(JSON.stringify({ now: serverNow }), { status: 200 });
  }) as typeof fetch;
  return fetchImpl;
}

describe('ServerClock', () => {
  it('learns a skewed local clock from a few samples and reports server time', async () => {
    const local = { now: 1_000_000 };
    const clock = new ServerClock({
      fetchImpl: fakeServer(-7 * 60_000, [300, 12, 250], local),
      localNow: () => local.now,
      gapMs: 0,
      samples: 3,
    });
    let notified = 0;
    clock.subscribe(() => notified++);
    await clock.sync();
    expect(clock.synced).toBe(true);
    expect(notified).toBe(1);
    expect(clock.offsetMs).toBe(-7 * 60_000);
    expect(clock.now()).toBe(local.now - 7 * 60_000);
  });

  it('keeps the last estimate when the server cannot be reached or answers nonsense', async () => {
    const local = { now: 5_000 };
    let mode: 'ok' | 'down' | 'garbage' | 'error' = 'ok';
    const good = fakeServer(2_000, [10], local);
    const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
      if (mode === 'down') throw new TypeError('network down');
      if (mode === 'garbage') return new Response(JSON.stringify({ now: 'soon' }), { status: 200 });
      if (mode === 'error') return new Response('{}', { status: 503 });
      return good(input, init);
    }) as typeof fetch;
    const clock = new ServerClock({ fetchImpl, localNow: () => local.now, gapMs: 0, samples: 2 });
    await clock.sync();
    expect(clock.offsetMs).toBe(2_000);
    for (const broken of ['down', 'garbage', 'error'] as const) {
      mode = broken;
      await clock.sync();
      expect(clock.offsetMs, broken).toBe(2_000);
    }
  });

  it('shares one estimate between calls made at the same time', async () => {
    let calls = 0;
    const fetchImpl = (async () => {
      calls++;
      return new Response(JSON.stringify({ now: 1 }), { status: 200 });
    }) as typeof fetch;
    const clock = new ServerClock({ fetchImpl, gapMs: 0, samples: 3 });
    await Promise.all([clock.sync(), clock.sync(), clock.sync()]);
    expect(calls).toBe(3);
  });
});

describe('ServerClock against the real /api/time', () => {
  let server: TestServer;
  // Starting a server can be slow on a busy machine.
  beforeAll(async () => {
    server = await startTestServer();
  }, 60_000);
  afterAll(async () => {
    await server.close();
  });

  // The estimate is off by at most half the fastest round trip: a few ms here, more on a loaded machine.
  it('corrects a local clock that is 7 minutes fast to well under a second', async () => {
    const skew = 7 * 60_000;
    const clock = new ServerClock({
      url: `${server.httpUrl}/api/time`,
      localNow: () => Date.now() + skew,
      gapMs: 0,
    });
    await clock.sync();
    expect(Math.abs(clock.offsetMs + skew)).toBeLessThan(250);
    expect(Math.abs(clock.now() - Date.now())).toBeLessThan(250);
  });
});
