/**
 * Role × document × read/write, enforced by the server. Writers hold seats and
 * write under them on the current step, so a write that does not arrive was
 * refused for the role, not for breaking a workshop rule.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '../../../../src/model/protocol.ts';
import { authorOf, steer, type Seat } from '../../../helpers/seats.ts';
import { closeOf, seatIn, syncClient, type SyncClient } from '../../../helpers/sync-client.ts';
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

type RoleName = 'facilitator' | 'participant' | 'projector';
const MATRIX: { role: RoleName; doc: 'board' | 'control'; read: boolean; write: boolean }[] = [
  { role: 'facilitator', doc: 'board', read: true, write: true },
  { role: 'facilitator', doc: 'control', read: true, write: true },
  { role: 'participant', doc: 'board', read: true, write: true },
  { role: 'participant', doc: 'control', read: true, write: false },
  { role: 'projector', doc: 'board', read: true, write: false },
  { role: 'projector', doc: 'control', read: true, write: false },
];

type Opened = SyncClient & { seat: Seat | null };

/** Facilitators and participants come with a seat of their own; the projector has none. */
function open(room: string, key: string, role: RoleName, doc: 'board' | 'control'): Opened {
  const seat = role === 'projector' ? null : seatIn(server, room);
  const params: Record<string, string> =
    role === 'facilitator' ? { key, ...seat!.params } : role === 'projector' ? { role: 'projector' } : seat!.params;
  const client = syncClient(server.wsUrl, doc === 'board' ? room : `${room}/control`, params);
  clients.push(client);
  return { ...client, seat };
}

/** Writes a marker into the document through the typed wrappers, as the writer's own seat. */
function writeMarker(client: Opened, doc: 'board' | 'control', marker: string) {
  // The projector has no seat; it writes as a made-up one, which its role refuses before any rule.
  const author = client.seat ? authorOf(client.seat) : { id: 'projector-00000000000', name: null };
  if (doc === 'board') client.board.addLadderAnswer('ladder', 0, marker, author);
  else client.control.saveStatementVersion('statement', marker);
}
function markers(client: SyncClient, doc: 'board' | 'control'): string[] {
  return doc === 'board'
    ? client.board.ladderAnswers('ladder').map((a) => a.text)
    : client.control.statementVersions('statement').map((v) => v.text);
}

describe('access matrix', () => {
  it.each(MATRIX)('$role on $doc: read $read, write $write', async ({ role, doc, read, write }) => {
    const { room, key } = server.core.registry.createRoom('five-whys', 'en');
    // Participants write on the current step only.
    await steer(server, room.id, key, 'ladder');
    const facilitator = open(room.id, key, 'facilitator', doc);
    const subject = open(room.id, key, role, doc);
    await Promise.all([facilitator.synced, subject.synced]);

    writeMarker(facilitator, doc, 'from the facilitator');
    if (read) await until(() => markers(subject, doc).includes('from the facilitator'), `${role} reads ${doc}`);

    writeMarker(subject, doc, `from the ${role}`);
    // A marker from the facilitator after the subject's write proves the server has processed both.
    writeMarker(facilitator, doc, 'barrier');
    const observer = open(room.id, key, 'projector', doc);
    await observer.synced;
    await until(() => markers(observer, doc).includes('barrier'), 'observer synced past the barrier');
    expect(markers(observer, doc).includes(`from the ${role}`)).toBe(write);
  });

  it('lets a participant without a seat read the board but not write it', async () => {
    const { room, key } = server.core.registry.createRoom('five-whys', 'en');
    await steer(server, room.id, key, 'ladder');
    const facilitator = open(room.id, key, 'facilitator', 'board');
    const seatless = syncClient(server.wsUrl, room.id);
    clients.push(seatless);
    await Promise.all([facilitator.synced, seatless.synced]);
    writeMarker(facilitator, 'board', 'from the facilitator');
    await until(() => markers(seatless, 'board').includes('from the facilitator'), 'the seatless client reads');
    seatless.board.addLadderAnswer('ladder', 0, 'from nobody', { id: 'nobody-000000000000000', name: null });
    writeMarker(facilitator, 'board', 'barrier');
    const observer = open(room.id, key, 'projector', 'board');
    await until(() => markers(observer, 'board').includes('barrier'), 'observer synced past the barrier');
    expect(markers(observer, 'board')).toEqual(['from the facilitator', 'barrier']);
  });

  it('refuses a wrong facilitator key on both documents instead of downgrading it', async () => {
    const { room } = server.core.registry.createRoom('five-whys', 'en');
    for (const path of [room.id, `${room.id}/control`]) {
      const refusal = await closeOf(`${server.wsUrl}/${path}?key=${'x'.repeat(21)}`);
      expect(refusal).toEqual({ code: CLOSE_CODES.forbidden, reason: 'forbidden: wrong facilitator key' });
    }
  });

  it('never hands the facilitator key to other roles', async () => {
    const { room, key } = server.core.registry.createRoom('five-whys', 'en');
    const facilitator = open(room.id, key, 'facilitator', 'board');
    const participant = open(room.id, key, 'participant', 'board');
    await Promise.all([facilitator.synced, participant.synced]);
    facilitator.provider.awareness.setLocalStateField('user', { id: 'f', name: 'Facilitator', role: 'facilitator' });
    await until(() => participant.provider.awareness.getStates().size === 2, 'presence arrives');
    const seen =
      JSON.stringify([...participant.provider.awareness.getStates().values()]) +
      JSON.stringify(participant.doc.toJSON());
    expect(seen).not.toContain(key);
    const info = await (await fetch(`${server.httpUrl}/api/rooms/${room.id}`)).text();
    expect(info).not.toContain(key);
  });
});
