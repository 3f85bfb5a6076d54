/**
 * Carrying a seat to another device: only the facilitator makes a code, a
 * code works once and for ten minutes, the claim gives the seat a new secret,
 * and the old device's secret and sockets stop working at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_CODES, SEAT_CODE_ALPHABET, SEAT_CODE_LENGTH, type SeatTransfer } from '../../../../src/model/protocol.ts';
import { takeSeat, transferCode, type SeatGrant } from '../../../helpers/seat-api.ts';
import { closeOf, syncClient, type SyncClient } from '../../../helpers/sync-client.ts';
import { startTestServer, until, type TestServer } from '../../../helpers/test-server.ts';

let server: TestServer;
const clients: SyncClient[] = [];
const CLAIMS_PER_MIN = 6;
beforeAll(async () => {
  server = await startTestServer({ SEAT_CLAIMS_PER_IP_PER_MIN: String(CLAIMS_PER_MIN), TRUST_PROXY: 'true' });
});
afterAll(async () => {
  for (const c of clients) c.provider.destroy();
  await server.close();
});

/** Each test claims from its own address, so the per-address limit is tested on its own. */
let nextAddress = 1;
const claimFrom = (room: string, code: string, address = `10.0.0.${nextAddress++}`) =>
  fetch(`${server.httpUrl}/api/rooms/${room}/seats/claim`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ code }),
  });

async function roomWithSeat() {
  const { room, key } = server.core.registry.createRoom('five-whys', 'en');
  const grant = await takeSeat(server, room.id);
  return { room: room.id, key, grant };
}

describe('moving a seat to another device', () => {
  it('only the facilitator makes a code, for a seat the room has', async () => {
    const { room, key, grant } = await roomWithSeat();
    const noKey = await fetch(`${server.httpUrl}/api/rooms/${room}/seats/${grant.seat}/transfer`, { method: 'POST' });
    expect(noKey.status).toBe(401);
    expect((await transferCode(server, room, 'x'.repeat(21), grant.seat)).status).toBe(403);
    const unknown = await transferCode(server, room, key, 'y'.repeat(21));
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('unknown_seat');

    const response = await transferCode(server, room, key, grant.seat);
    expect(response.status).toBe(201);
    const { code, expiresAt } = (await response.json()) as SeatTransfer;
    expect(code).toHaveLength(SEAT_CODE_LENGTH);
    expect([...code].every((c) => SEAT_CODE_ALPHABET.includes(c))).toBe(true);
    expect(expiresAt - Date.now()).toBeGreaterThan(9 * 60_000);
    expect(expiresAt - Date.now()).toBeLessThanOrEqual(10 * 60_000);
  });

  it('gives the seat a fresh secret and closes the old device with "unknown seat"', async () => {
    const { room, key, grant } = await roomWithSeat();
    const old = syncClient(server.wsUrl, room, { seat: grant.seat, secret: grant.secret });
    clients.push(old);
    await old.synced;

    const { code } = (await (await transferCode(server, room, key, grant.seat)).json()) as SeatTransfer;
    // Typed as people type: lower case, with a space in the middle.
    const claimed = await claimFrom(room, `${code.slice(0, 3).toLowerCase()} ${code.slice(3)}`);
    expect(claimed.status).toBe(200);
    const moved = (await claimed.json()) as SeatGrant;
    expect(moved.seat).toBe(grant.seat);
    expect(moved.secret).not.toBe(grant.secret);

    await until(() => old.closes.some((c) => c.code === CLOSE_CODES.unknownSeat), 'the old device is told');
    old.provider.destroy();
    const oldAgain = await closeOf(`${server.wsUrl}/${room}?seat=${grant.seat}&secret=${grant.secret}`);
    expect(oldAgain.code).toBe(CLOSE_CODES.unknownSeat);

    const fresh = syncClient(server.wsUrl, `${room}/seat`, { seat: moved.seat, secret: moved.secret });
    clients.push(fresh);
    await fresh.synced;
    expect(fresh.closes).toEqual([]);
  });

  it('a code works once; a wrong or malformed code is a clear error', async () => {
    const { room, key, grant } = await roomWithSeat();
    const { code } = (await (await transferCode(server, room, key, grant.seat)).json()) as SeatTransfer;
    expect((await claimFrom(room, code)).status).toBe(200);
    const again = await claimFrom(room, code);
    expect(again.status).toBe(404);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('invalid_code');
    expect((await claimFrom(room, 'AAAA')).status).toBe(404);
    expect((await claimFrom(room, 'ACDEF0')).status).toBe(404);
    const notJson = await fetch(`${server.httpUrl}/api/rooms/${room}/seats/claim`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.9.9.9' },
      body: JSON.stringify({ code: 42 }),
    });
    expect(notJson.status).toBe(400);
  });

  it('a code made for one room does not open a seat in another, and a newer code replaces an older one', async () => {
    const a = await roomWithSeat();
    const b = await roomWithSeat();
    const first = (await (await transferCode(server, a.room, a.key, a.grant.seat)).json()) as SeatTransfer;
    expect((await claimFrom(b.room, first.code)).status).toBe(404);
    const second = (await (await transferCode(server, a.room, a.key, a.grant.seat)).json()) as SeatTransfer;
    expect((await claimFrom(a.room, first.code)).status).toBe(404);
    expect((await claimFrom(a.room, second.code)).status).toBe(200);
  });

  it('limits how many codes one address may try', async () => {
    const { room } = await roomWithSeat();
    const statuses: number[] = [];
    for (let i = 0; i < CLAIMS_PER_MIN + 2; i++) statuses.push((await claimFrom(room, 'ACDEFG', '10.1.1.1')).status);
    expect(statuses.slice(0, CLAIMS_PER_MIN).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(CLAIMS_PER_MIN)).toEqual([429, 429]);
    // Another address is not held back.
    expect((await claimFrom(room, 'ACDEFG', '10.1.1.2')).status).toBe(404);
  });
});
