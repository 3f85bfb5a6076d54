/** Role × document × read/write, enforced by the server. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '../../../src/model/protocol.ts';
import { closeOf, syncClient, type SyncClient } from '../../helpers/sync-client.ts';
import { issuedSeatParams } from '../../helpers/seats.ts';
import { startTestServer, until, type TestServer } from '../../helpers/test-server.ts';

let server: TestServer;
const clients: SyncClient[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const c of clients) c.provider.destroy();
  await server.close();
});

/** `seatless` is a participant that presented no seat: it may read, as the projector does, but not write. */
type RoleName = 'facilitator' | 'participant' | 'seatless' | 'projector';
const MATRIX: { role: RoleName; doc: 'board' | 'control'; read: boolean; write: boolean }[] = [
  { role: 'facilitator', doc: 'board', read: true, write: true },
  { role: 'facilitator', doc: 'control', read: true, write: true },
  { role: 'participant', doc: 'board', read: true, write: true },
  { role: 'participant', doc: 'control', read: true, write: false },
  { role: 'seatless', doc: 'board', read: true, write: false },
  { role: 'seatless', doc: 'control', read: true, write: false },
  { role: 'projector', doc: 'board', read: true, write: false },
  { role: 'projector', doc: 'control', read: true, write: false },
];

function open(room: string, key: string, role: RoleName, doc: 'board' | 'control') {
  const params: Record<string, string> =
    role === 'facilitator'
      ? { key }
      : role === 'projector'
        ? { role: 'projector' }
        : role === 'participant'
          ? issuedSeatParams(server, room)
          : {};
  const client = syncClient(server.wsUrl, doc === 'board' ? room : `${room}/control`, params);
  clients.push(client);
  return client;
}

/** Writes a marker into the document through the typed wrappers. */
function writeMarker(client: SyncClient, doc: 'board' | 'control', marker: string) {
  if (doc === 'board') client.board.addLadderAnswer('ladder', 0, marker, { id: 'm', name: null });
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
