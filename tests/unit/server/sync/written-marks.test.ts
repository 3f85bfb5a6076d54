/**
 * "Has written" marks in presence, as a hostile client would send them: the
 * server relays a participant's `wrote` field only in its schema's shape
 * (short step ids, a few of them), never for the projector, and drops anything
 * else a client puts in its state.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { presenceFrame, rawSocket, type RawSocket } from '../../../helpers/raw-socket.ts';
import { startTestServer, until, type TestServer } from '../../../helpers/test-server.ts';

const servers: TestServer[] = [];
const sockets: RawSocket[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.ws.terminate();
  for (const s of servers.splice(0)) await s.close();
});

async function open(url: string): Promise<RawSocket> {
  const socket = rawSocket(url);
  sockets.push(socket);
  await socket.opened;
  return socket;
}

function latest(watcher: RawSocket, clientId: number): unknown {
  let state: unknown = undefined;
  for (const message of watcher.presence) for (const e of message) if (e.clientId === clientId) state = e.state;
  return state;
}

describe('wrote marks in presence', () => {
  it('relays well-formed marks of a participant and drops malformed ones and the projector’s', async () => {
    const server = await startTestServer({ PRESENCE_TICK_MS: '20' });
    servers.push(server);
    const { room } = server.core.registry.createRoom('service-minded', 'nb');
    const watcher = await open(`${server.wsUrl}/${room.id}`);
    const seat = () => {
      const { seat, secret } = server.core.registry.issueSeat(room.id);
      return { query: `seat=${seat}&secret=${secret}`, seat };
    };
    const ada = seat();
    const honest = await open(`${server.wsUrl}/${room.id}?${ada.query}`);
    honest.ws.send(presenceFrame(4001, 1, { user: { name: 'Ada' }, wrote: ['definition'] }));
    const bo = seat();
    const hostile = await open(`${server.wsUrl}/${room.id}?${bo.query}`);
    hostile.ws.send(presenceFrame(4002, 1, { user: { name: 'Bo' }, wrote: ['x'.repeat(41), 'definition'] }));
    const many = seat();
    const flood = await open(`${server.wsUrl}/${room.id}?${many.query}`);
    flood.ws.send(
      presenceFrame(4003, 1, { user: { name: 'Cy' }, wrote: Array.from({ length: 21 }, (_, i) => `s${i}`) }),
    );
    const projector = await open(`${server.wsUrl}/${room.id}?role=projector`);
    projector.ws.send(presenceFrame(4004, 1, { user: {}, wrote: ['definition'] }));
    await until(
      () => [4001, 4002, 4003, 4004].every((id) => latest(watcher, id) !== undefined),
      'all four presences relayed',
    );
    expect(latest(watcher, 4001)).toEqual({
      user: { id: ada.seat, name: 'Ada', role: 'participant' },
      wrote: ['definition'],
    });
    expect(latest(watcher, 4002)).toEqual({ user: { id: bo.seat, name: 'Bo', role: 'participant' } });
    expect(latest(watcher, 4003)).toEqual({ user: { id: many.seat, name: 'Cy', role: 'participant' } });
    expect(latest(watcher, 4004)).toEqual({ user: { id: 'projector-4004', name: null, role: 'projector' } });
  });
});
