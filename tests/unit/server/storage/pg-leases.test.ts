/**
 * One owner per room, fenced (server/storage/pg-leases.ts), with two stores on
 * one database standing for two servers. A lease that lapses (its owner was
 * paused) is simulated by moving its expiry into the past, as a missed renewal
 * would leave it; everything else is the real store against a real PostgreSQL.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RoomId } from '../../../../src/model/ids.ts';
import { PgStore } from '../../../../server/storage/pg-store.ts';
import { postgresForThisFile, TEST_TIMEOUT_MS } from '../../../helpers/postgres.ts';
import { withClient } from '../../../helpers/store-backends.ts';
import { until } from '../../../helpers/test-server.ts';

const { missing, postgres } = postgresForThisFile('PostgreSQL lease tests skipped');

const ROOM = 'LLLLLLLLLLLLLLLLLLLLL' as RoomId;
const update = (seq: number) => ({ room: ROOM, doc: 'board' as const, seq, data: new Uint8Array([seq]) });
const LEASE_MS = 1500;

const opened: PgStore[] = [];
afterEach(() => {
  for (const store of opened.splice(0)) store.close();
});

/** `aLeaseMs`: A's lease, and so how often it renews (a third of it); long, A renews nothing during a test. */
async function twoServers(aLeaseMs = 60_000) {
  const url = await postgres.createDatabase();
  const a = new PgStore({ url, nodeId: 'node-a', leaseMs: aLeaseMs });
  const b = new PgStore({ url, nodeId: 'node-b', leaseMs: LEASE_MS });
  opened.push(a, b);
  const lost = { a: [] as string[], b: [] as string[] };
  a.onRoomLost((room) => lost.a.push(room));
  b.onRoomLost((room) => lost.b.push(room));
  /** As if the owner had missed its renewals past the lease. */
  const lapse = () =>
    withClient(url, (c) => c.query("UPDATE room_leases SET expires_at = now() - interval '1 second'"));
  const token = () =>
    withClient(
      url,
      async (c) => (await c.query<{ token: number }>('SELECT token::int AS token FROM room_leases')).rows[0]?.token,
    );
  return { url, a, b, lost, lapse, token };
}

const attempt = (store: PgStore, records: ReturnType<typeof update>[]) =>
  new Promise<Error | null>((resolve) => store.appendUpdatesAsync(records, resolve));

describe.skipIf(missing !== null)('room leases with fencing tokens', { timeout: TEST_TIMEOUT_MS }, () => {
  it('gives a room to one server at a time; the other may neither load it nor write to it', async () => {
    const { a, b } = await twoServers();
    a.claimRoom(ROOM);
    expect(() => b.claimRoom(ROOM)).toThrow(/served by another server/);
    expect(await attempt(a, [update(1)])).toBeNull();
    // B does not hold the room, so its write carries no token, which the database refuses while A holds it.
    expect((await attempt(b, [update(2)]))?.message).toMatch(/owned by another server/);
    expect(a.loadDoc(ROOM, 'board').lastSeq).toBe(1);
  });

  it('refuses a paused owner’s late writes once its room was taken over, and tells it the room is lost', async () => {
    const { a, b, lost, lapse, token } = await twoServers();
    a.claimRoom(ROOM);
    a.appendUpdates([update(1)]);
    const first = await token();
    await lapse();
    b.claimRoom(ROOM);
    expect(await token()).toBeGreaterThan(first!);
    // A wakes up and writes with the token it still holds: refused in the write's own transaction.
    const refused = await attempt(a, [update(2)]);
    expect(refused?.message).toMatch(/lease on room .* lost: fencing token \d+ is stale/);
    let compactError: Error | null = null;
    await new Promise<void>((resolve) =>
      a.compactAsync(ROOM, 'board', new Uint8Array([9]), 1, (e) => {
        compactError = e;
        resolve();
      }),
    );
    expect(compactError).not.toBeNull();
    expect(lost.a).toEqual([ROOM]);
    expect(a.holdsRoom(ROOM)).toBe(false);
    // The new owner continues from what was stored, with nothing of A's late write.
    expect(b.loadDoc(ROOM, 'board')).toMatchObject({ updates: [new Uint8Array([1])], lastSeq: 1 });
    expect(await attempt(b, [update(2)])).toBeNull();
    expect(b.loadHistory(ROOM, 'board').map((h) => h.seq)).toEqual([1, 2]);
    expect(lost.b).toEqual([]);
  });

  it('finds out by renewing that a room was taken over, without writing', async () => {
    const { a, b, lost, lapse } = await twoServers(LEASE_MS);
    a.claimRoom(ROOM);
    // A renews every third of its lease, and may do so between the lapse and B's claim: then again.
    await until(async () => {
      await lapse();
      try {
        b.claimRoom(ROOM);
        return true;
      } catch {
        return false;
      }
    }, 'B takes the lapsed room');
    await until(() => lost.a.length > 0, 'A’s renewal notices the takeover', LEASE_MS * 4);
    expect(lost.a).toEqual([ROOM]);
    // B keeps renewing its lease: well past the lease time it is still B's.
    await new Promise((r) => setTimeout(r, LEASE_MS * 1.5));
    expect(b.holdsRoom(ROOM)).toBe(true);
    expect(() => a.claimRoom(ROOM)).toThrow(/served by another server/);
    expect(lost.b).toEqual([]);
  });

  it('hands a released room over at once, and every room at shutdown', async () => {
    const { url, a, b } = await twoServers();
    const other = 'MMMMMMMMMMMMMMMMMMMMM' as RoomId;
    a.claimRoom(ROOM);
    a.claimRoom(other);
    a.appendUpdatesAsync([update(1)], () => {});
    a.releaseRoom(ROOM);
    // The release follows A's last write: B, claiming at once, loads it.
    await until(() => {
      try {
        b.claimRoom(ROOM);
        return true;
      } catch {
        return false;
      }
    }, 'B takes the released room');
    expect(b.loadDoc(ROOM, 'board').lastSeq).toBe(1);
    a.close();
    expect(() => b.claimRoom(other)).not.toThrow();
    const owners = await withClient(url, (c) => c.query('SELECT room, owner FROM room_leases ORDER BY room'));
    expect(owners.rows).toEqual([
      { room: ROOM, owner: 'node-b' },
      { room: other, owner: 'node-b' },
    ]);
  });
});
