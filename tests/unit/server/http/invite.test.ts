/** The facilitator can replace the participant link; the old one stops working at once. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '../../../../src/model/protocol.ts';
import { closeOf, syncClient, type SyncClient } from '../../../helpers/sync-client.ts';
import { startTestServer, until, type TestServer } from '../../../helpers/test-server.ts';

let server: TestServer;
const clients: SyncClient[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const c of clients) c.provider.destroy();
  await server.close();
});

const rotate = (room: string, auth?: string) =>
  fetch(`${server.httpUrl}/api/rooms/${room}/invite`, {
    method: 'POST',
    headers: auth ? { authorization: auth } : {},
  });

describe('rotating the participant link', () => {
  it('needs the facilitator key', async () => {
    const { room } = server.core.registry.createRoom('five-whys', 'en');
    expect((await rotate(room.id)).status).toBe(401);
    expect((await rotate(room.id, `Bearer ${'x'.repeat(21)}`)).status).toBe(403);
    const links = await fetch(`${server.httpUrl}/api/rooms/${room.id}/links`);
    expect(links.status).toBe(401);
  });

  it('disconnects participants and projectors, refuses the old link and accepts the new one', async () => {
    const { room, key } = server.core.registry.createRoom('five-whys', 'en');
    const facilitator = syncClient(server.wsUrl, `${room.id}/control`, { key });
    const participant = syncClient(server.wsUrl, room.id);
    const projector = syncClient(server.wsUrl, room.id, { role: 'projector' });
    clients.push(facilitator, participant, projector);
    await Promise.all([facilitator.synced, participant.synced, projector.synced]);

    const response = await rotate(room.id, `Bearer ${key}`);
    expect(response.status).toBe(200);
    const links = (await response.json()) as { participantUrl: string; projectorUrl: string; inviteRequired: boolean };
    const invite = new URL(links.participantUrl).searchParams.get('invite')!;
    expect(invite).toMatch(/^[A-Za-z0-9_-]{21}$/);
    expect(new URL(links.projectorUrl).searchParams.get('invite')).toBe(invite);
    expect(links.inviteRequired).toBe(true);

    await until(() => participant.closes.some((c) => c.code === CLOSE_CODES.inviteRevoked), 'participant told');
    await until(() => projector.closes.some((c) => c.code === CLOSE_CODES.inviteRevoked), 'projector told');
    expect(facilitator.closes).toEqual([]);
    expect((await closeOf(`${server.wsUrl}/${room.id}`)).code).toBe(CLOSE_CODES.inviteRevoked);
    expect((await closeOf(`${server.wsUrl}/${room.id}?role=projector`)).code).toBe(CLOSE_CODES.inviteRevoked);

    const rejoined = syncClient(server.wsUrl, room.id, { invite });
    clients.push(rejoined);
    await rejoined.synced;
    rejoined.board.addLadderAnswer('ladder', 0, 'with the new link', { id: 'n', name: null });
    const current = await fetch(`${server.httpUrl}/api/rooms/${room.id}/links`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(((await current.json()) as { participantUrl: string }).participantUrl).toBe(links.participantUrl);
    expect(server.core.registry.getRoom(room.id)?.invite).toBe(invite);
  });
});
