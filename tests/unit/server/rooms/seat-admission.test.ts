/**
 * One person can take many seats within the rate limits and weigh a vote with
 * them. The facilitator closes the room to new people and removes the seats
 * nobody recognises: their sockets close, their ballots stop counting, their
 * private documents are deleted, and no new seat is given out while closed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_CODES, seatPath, seatsPath, type SeatList } from '../../../../src/model/protocol.ts';
import type { RoomId } from '../../../../src/model/ids.ts';
import { seatDocName } from '../../../../src/model/roles.ts';
import { SeatDoc } from '../../../../src/model/seat-doc.ts';
import { VoteResults } from '../../../../src/model/vote-results.ts';
import { errorOf, newSeat } from '../../../helpers/rooms-api.ts';
import { syncClient, type SyncClient } from '../../../helpers/sync-client.ts';
import { startTestServer, until, type TestServer } from '../../../helpers/test-server.ts';
import { STEP, votingRoom, voter } from '../../../helpers/voting-room.ts';

const clients: SyncClient[] = [];
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ LOG_LEVEL: 'error' });
});
afterAll(async () => {
  for (const c of clients) c.provider.destroy();
  await server.close();
});

const asFacilitator = (key: string, method = 'GET') => ({ method, headers: { authorization: `Bearer ${key}` } });

async function seatList(room: string, key: string): Promise<SeatList> {
  const response = await fetch(`${server.httpUrl}${seatsPath(room as RoomId)}`, asFacilitator(key));
  expect(response.status).toBe(200);
  return (await response.json()) as SeatList;
}

describe('the room door and the seat list', () => {
  it('undoes a stuffed vote: the extra seats are removed, their ballots stop counting, and no new ones come in', async () => {
    const { room, key, facilitator, ids } = await votingRoom(server, clients);
    const observer = syncClient(server.wsUrl, room);
    clients.push(observer);
    await observer.synced;
    const published = new VoteResults(observer.doc);

    const honest = await voter(server, room, 'Honest', { [ids[0]!]: 2 }, clients);
    // Mallory takes five seats and votes the same question with each.
    const stuffed: Awaited<ReturnType<typeof voter>>[] = [];
    for (let i = 0; i < 5; i++) stuffed.push(await voter(server, room, `Mallory ${i}`, { [ids[2]!]: 2 }, clients));
    await until(() => published.voters(STEP) === 6, 'six ballots counted');

    // The list shows every seat, oldest first, and who is connected; only the facilitator may read it.
    const anonymous = await fetch(`${server.httpUrl}${seatsPath(room as RoomId)}`);
    expect(anonymous.status).toBe(401);
    expect((await fetch(`${server.httpUrl}${seatsPath(room as RoomId)}`, asFacilitator('x'.repeat(32)))).status).toBe(
      403,
    );
    const before = await seatList(room, key);
    for (const v of [honest, ...stuffed]) {
      expect(before.seats).toContainEqual(expect.objectContaining({ seat: v.seat.seat, online: true }));
    }
    expect(before.closed).toBe(false);

    // The facilitator closes the door: a participant gets no new seat, with the reason.
    facilitator.control.setSeatsClosed(true);
    await until(async () => (await seatList(room, key)).closed, 'the door is closed on the server');
    const refused = await fetch(`${server.httpUrl}${seatsPath(room as RoomId)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(await errorOf(refused)).toMatchObject({ status: 403, code: 'room_closed' });
    // A participant cannot open it: the control document is the facilitator's.
    const sneaky = syncClient(server.wsUrl, `${room}/control`, { seat: honest.seat.seat, secret: honest.seat.secret });
    clients.push(sneaky);
    await sneaky.synced;
    sneaky.control.setSeatsClosed(false);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await seatList(room, key)).closed).toBe(true);

    // Removing the five extra seats closes their sockets and recounts without their ballots.
    for (const v of stuffed) {
      const response = await fetch(
        `${server.httpUrl}${seatPath(room as RoomId, v.seat.seat)}`,
        asFacilitator(key, 'DELETE'),
      );
      expect(response.status).toBe(200);
    }
    await until(
      () => stuffed.every((v) => v.client.closes.some((c) => c.code === CLOSE_CODES.unknownSeat)),
      'sockets closed',
    );
    await until(() => published.voters(STEP) === 1, 'only the honest ballot counts');
    facilitator.control.setRevealed(STEP, true);
    await until(() => published.result(STEP) !== null, 'the result is published');
    expect(published.result(STEP)!.ranking[0]).toMatchObject({ id: ids[0], dots: 2 });
    expect(published.result(STEP)!.totals[ids[2]!] ?? 0).toBe(0);

    // A removed seat is gone for good: its secret opens nothing, its private document is deleted.
    const removed = stuffed[0]!;
    const again = syncClient(server.wsUrl, `${room}/seat`, { seat: removed.seat.seat, secret: removed.seat.secret });
    clients.push(again);
    await until(() => again.closes.some((c) => c.code === CLOSE_CODES.unknownSeat), 'the old secret is refused');
    expect(server.core.store.docSize(room as RoomId, seatDocName(removed.seat.seat)).updates).toBe(0);
    const after = await seatList(room, key);
    expect(after.seats.map((s) => s.seat)).not.toContain(removed.seat.seat);
    expect(after.seats.map((s) => s.seat)).toContain(honest.seat.seat);
    // The honest voter's ballot is untouched, and can still change.
    new SeatDoc(honest.client.doc).setBallot(STEP, { [ids[1]!]: 1 }, 'Honest');
    await until(() => published.result(STEP)?.ranking[0]?.id === ids[1], 'the honest ballot still counts');

    // Opened again, the room gives out seats again; an unknown seat cannot be removed.
    facilitator.control.setSeatsClosed(false);
    await until(async () => !(await seatList(room, key)).closed, 'the door is open');
    expect((await newSeat(server, room)).seat).toBeTruthy();
    const unknown = await fetch(
      `${server.httpUrl}${seatPath(room as RoomId, 'x'.repeat(21))}`,
      asFacilitator(key, 'DELETE'),
    );
    expect(await errorOf(unknown)).toMatchObject({ status: 404, code: 'unknown_seat' });
    const notFacilitator = await fetch(`${server.httpUrl}${seatPath(room as RoomId, honest.seat.seat)}`, {
      method: 'DELETE',
    });
    expect(notFacilitator.status).toBe(401);
  });
});
