/**
 * Presence as a hostile client would try it with raw frames: spoofing a role
 * or someone's id, taking over or removing someone else's presence, flooding
 * presence, and taking every place of a room from one address.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '../../../../src/model/protocol.ts';
import { presenceFrame, rawSocket, type RawSocket } from '../../../helpers/raw-socket.ts';
import { startTestServer, until, type TestServer } from '../../../helpers/test-server.ts';

const servers: TestServer[] = [];
const sockets: RawSocket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.ws.terminate();
  for (const s of servers.splice(0)) await s.close();
});

async function start(env: Record<string, string> = {}) {
  const server = await startTestServer({ PRESENCE_TICK_MS: '20', ...env });
  servers.push(server);
  const { room, key } = server.core.registry.createRoom('five-whys', 'en');
  return { server, room: room.id, key };
}

async function open(url: string): Promise<RawSocket> {
  const socket = rawSocket(url);
  sockets.push(socket);
  await socket.opened;
  return socket;
}

function seatQuery(server: TestServer, room: string): string {
  const { seat, secret } = server.core.registry.issueSeat(room as never);
  return `seat=${seat}&secret=${secret}`;
}

/** The latest state `watcher` has received for `clientId` (undefined: never; null: removed). */
function latest(watcher: RawSocket, clientId: number): unknown {
  let state: unknown = undefined;
  for (const message of watcher.presence) for (const e of message) if (e.clientId === clientId) state = e.state;
  return state;
}

describe('presence is stamped and held by the server', () => {
  it('relays the seat as id and the connection role, whatever the client claims; keeps only a cut name', async () => {
    const { server, room } = await start();
    const watcher = await open(`${server.wsUrl}/${room}`);
    const query = seatQuery(server, room);
    const seat = new URLSearchParams(query).get('seat');
    const liar = await open(`${server.wsUrl}/${room}?${query}`);
    liar.ws.send(
      presenceFrame(1001, 1, {
        user: { id: 'the-facilitators-id', name: `Boss ${'x'.repeat(100)}`, role: 'facilitator' },
        cursor: 'extra data the room never sees',
      }),
    );
    await until(() => latest(watcher, 1001) !== undefined, 'the liar’s presence reaches the watcher');
    const expected = { user: { id: seat, name: `Boss ${'x'.repeat(35)}`, role: 'participant' } };
    expect(latest(watcher, 1001)).toEqual(expected);
    // The liar's own echo is the stamped state too.
    await until(() => latest(liar, 1001) !== undefined, 'echo');
    expect(latest(liar, 1001)).toEqual(expected);
  });

  it('names no person for the projector or a connection without a seat', async () => {
    const { server, room } = await start();
    const watcher = await open(`${server.wsUrl}/${room}`);
    const projector = await open(`${server.wsUrl}/${room}?role=projector`);
    projector.ws.send(presenceFrame(2002, 1, { user: { id: 'someone', name: 'Alice', role: 'facilitator' } }));
    const guest = await open(`${server.wsUrl}/${room}`);
    guest.ws.send(presenceFrame(2003, 1, { user: { id: 'someone', name: 'Bob', role: 'facilitator' } }));
    await until(() => latest(watcher, 2002) !== undefined && latest(watcher, 2003) !== undefined, 'both relayed');
    expect(latest(watcher, 2002)).toEqual({ user: { id: 'projector-2002', name: null, role: 'projector' } });
    expect(latest(watcher, 2003)).toEqual({ user: { id: 'participant-2003', name: 'Bob', role: 'participant' } });
  });

  it('keeps a seat’s presence id from other connections, also while the seat reconnects', async () => {
    const { server, room } = await start();
    const watcher = await open(`${server.wsUrl}/${room}`);
    const aliceSeat = seatQuery(server, room);
    const alice = await open(`${server.wsUrl}/${room}?${aliceSeat}`);
    alice.ws.send(presenceFrame(3003, 5, { user: { name: 'Alice' } }));
    await until(() => latest(watcher, 3003) !== undefined, 'Alice present');
    const mallory = await open(`${server.wsUrl}/${room}?${seatQuery(server, room)}`);
    // Removing or overwriting Alice while she is here: dropped.
    mallory.ws.send(presenceFrame(3003, 6, null));
    mallory.ws.send(presenceFrame(3003, 50, { user: { name: 'Not Alice' } }));
    // Alice reconnects: her old socket leaves and her presence is removed for the moment.
    alice.ws.terminate();
    await until(() => latest(watcher, 3003) === null, 'Alice’s old socket removed');
    mallory.ws.send(presenceFrame(3003, 100, { user: { name: 'Not Alice' } }));
    const back = await open(`${server.wsUrl}/${room}?${aliceSeat}`);
    // Her client still counts from its own clock, below the room's: the server continues from the room's.
    back.ws.send(presenceFrame(3003, 5, { user: { name: 'Alice again' } }));
    await until(() => (latest(watcher, 3003) as { user?: { name?: string } })?.user?.name === 'Alice again', 'back');
    const everyName = watcher.presence.flat().map((e) => (e.state as { user?: { name?: string } } | null)?.user?.name);
    expect(everyName).not.toContain('Not Alice');
    expect(mallory.ws.readyState).toBe(mallory.ws.OPEN);
  });
});

describe('presence fan-out is batched and rate-limited', () => {
  it('merges many changes into one message per tick, each client’s latest state only', async () => {
    const { server, room } = await start({ PRESENCE_TICK_MS: '200', PRESENCE_CHANGES_PER_SEC: '1000' });
    const watcher = await open(`${server.wsUrl}/${room}`);
    const talkers = await Promise.all(Array.from({ length: 10 }, () => open(`${server.wsUrl}/${room}`)));
    const before = watcher.presence.length;
    for (let round = 1; round <= 20; round++) {
      talkers.forEach((t, i) => t.ws.send(presenceFrame(4000 + i, round, { user: { name: `n${round}` } })));
    }
    await until(
      () => talkers.every((_, i) => (latest(watcher, 4000 + i) as { user: { name: string } })?.user.name === 'n20'),
      'every latest state arrives',
    );
    // 200 changes in well under a tick: one or two messages, not 200 (nor 200 × peers).
    expect(watcher.presence.length - before).toBeLessThanOrEqual(3);
    const relayedStates = watcher.presence.slice(before).flat().length;
    expect(relayedStates).toBeLessThanOrEqual(20);
  });

  it('relays one connection at most PRESENCE_CHANGES_PER_SEC times a second and never loses its latest state', async () => {
    const { server, room } = await start({ PRESENCE_TICK_MS: '20', PRESENCE_CHANGES_PER_SEC: '2' });
    const watcher = await open(`${server.wsUrl}/${room}`);
    const flooder = await open(`${server.wsUrl}/${room}`);
    const started = Date.now();
    for (let i = 1; i <= 60; i++) {
      flooder.ws.send(presenceFrame(5005, i, { user: { name: `n${i}` } }));
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await until(() => (latest(watcher, 5005) as { user: { name: string } })?.user.name === 'n60', 'latest arrives');
    const seconds = (Date.now() - started) / 1000;
    const relayed = watcher.presence.flat().filter((e) => e.clientId === 5005).length;
    // A burst of two, then two a second.
    expect(relayed).toBeLessThanOrEqual(2 + Math.ceil(seconds * 2) + 1);
    expect(relayed).toBeLessThan(60);
  });
});

describe('places of a room', () => {
  it('gives one address at most MAX_CLIENTS_PER_ADDRESS_PER_ROOM connections per document', async () => {
    const { server, room } = await start({ MAX_CLIENTS_PER_ADDRESS_PER_ROOM: '3' });
    const held = await Promise.all(Array.from({ length: 3 }, () => open(`${server.wsUrl}/${room}`)));
    const extra = rawSocket(`${server.wsUrl}/${room}`);
    sockets.push(extra);
    expect(await extra.closed).toEqual({
      code: CLOSE_CODES.addressFull,
      reason: 'too many connections from this address to the room',
    });
    // Another room, and a freed place, are open to the same address.
    const other = server.core.registry.createRoom('five-whys', 'en').room.id;
    const elsewhere = await open(`${server.wsUrl}/${other}`);
    expect(elsewhere.ws.readyState).toBe(elsewhere.ws.OPEN);
    held[0]!.ws.close();
    await held[0]!.closed;
    await until(() => server.core.sync.size === 3, 'the place is freed');
    const again = await open(`${server.wsUrl}/${room}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(again.ws.readyState).toBe(again.ws.OPEN);
  });
});
