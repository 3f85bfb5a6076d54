/**
 * `POST /api/rooms` with `import`, on a real server with real storage: a full
 * run of each core workshop (several authors, written locally and started on
 * the server from its export, see `ranRoom`) is downloaded as JSON, started
 * again as a new room, and downloaded again; the two files say the same
 * (apart from the room id and dates). An imported room takes new
 * contributions through sync. Bad files create nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportModel } from '../../../../src/lib/export/model.ts';
import type { RoomId } from '../../../../src/model/ids.ts';
import { CORE_WORKSHOPS } from '../../../helpers/core-runs.ts';
import {
  countRooms,
  errorOf,
  exportJson,
  postRoom,
  ranRoom,
  withoutRoom,
  type Created,
} from '../../../helpers/rooms-api.ts';
import { authorOf, seatedClient, steer } from '../../../helpers/seats.ts';
import type { SyncClient } from '../../../helpers/sync-client.ts';
import { startTestServer, until, type TestServer } from '../../../helpers/test-server.ts';

const MAX_IMPORT_BYTES = 200_000;

let server: TestServer;
const clients: SyncClient[] = [];

beforeAll(async () => {
  server = await startTestServer({ ROOMS_PER_IP_PER_MIN: '1000', MAX_IMPORT_BYTES: String(MAX_IMPORT_BYTES) });
});
afterAll(async () => {
  for (const client of clients) client.provider.destroy();
  await server.close();
});

const LOCALES = { 'five-whys': 'da', 'good-examples': 'nb', 'service-minded': 'en', 'question-list': 'da' } as const;

describe('POST /api/rooms with import', () => {
  it.each(CORE_WORKSHOPS)('starts a %s room whose export is the export it started from', async (workshop) => {
    const locale = LOCALES[workshop];
    const { room, json } = await ranRoom(server, workshop, locale);
    // Every activity step of the run has content: the round trip is not one of empty steps.
    for (const step of json.steps.filter((s) => s.kind !== 'brief' && s.kind !== 'result')) {
      expect({ step: step.id, size: JSON.stringify(step).length > 250 }).toEqual({ step: step.id, size: true });
    }

    const response = await postRoom(server, { workshop, locale, import: json });
    expect(response.status).toBe(201);
    const created = (await response.json()) as Created;
    expect(created.room).not.toBe(room);
    // Durable before the answer: the documents are in storage, and no document was loaded for it.
    for (const doc of ['board', 'control'] as const) {
      expect(server.core.store.loadDoc(created.room as RoomId, doc).updates).toHaveLength(1);
      expect(server.core.registry.isLive(created.room as RoomId, doc)).toBe(false);
    }

    const again = await exportJson(server, created.room);
    expect(again.room).toBe(created.room);
    expect(withoutRoom(again)).toEqual(withoutRoom(json));
  });

  it('gives a room that syncs its content and takes new contributions like any other', async () => {
    const { json } = await ranRoom(server, 'service-minded', 'nb');
    const response = await postRoom(server, { workshop: 'service-minded', locale: 'nb', import: json });
    const created = (await response.json()) as Created;
    // A newcomer with a seat of its own signals consent once the facilitator opens the round.
    await steer(server, created.room, created.facilitatorKey, 'agreement');
    const board = seatedClient(server, created.room);
    clients.push(board);
    await board.synced;
    const define = json.steps.find((s) => s.kind === 'define');
    expect(board.board.statementDraft('definition').toString()).toBe(define?.kind === 'define' ? define.draft : null);
    const agreement = json.steps.find((s) => s.kind === 'consent');
    if (agreement?.kind !== 'consent' || !agreement.proposedAt) throw new Error('the run has an agreement');
    const proposedAt = Date.parse(agreement.proposedAt);
    board.board.castConsent('agreement', authorOf(board.seat, 'Ny'), 'agree', '', proposedAt);
    await until(
      async () => (await exportJson(server, created.room)).participantCount === json.participantCount + 1,
      'the new signal counts',
    );
  });

  it('refuses bad exports with a 400 naming the field, and creates nothing', async () => {
    const { json } = await ranRoom(server, 'good-examples', 'da');
    const stories = json.steps.findIndex((s) => s.id === 'stories');
    const tooLong = structuredClone(json);
    const storiesStep = tooLong.steps[stories];
    if (storiesStep?.kind !== 'notes') throw new Error('good-examples has stories');
    storiesStep.notes[0]!.text = 'æ'.repeat(1300);
    const cases: [string, unknown, string, string, RegExp][] = [
      ['not an export', { hello: 'world' }, 'good-examples', 'invalid_import', /import is not a Ledestjerne export/],
      ['not even an object', 'ledestjerne', 'good-examples', 'invalid_import', /import must be a JSON export/],
      ['an old version', { ...json, version: 1 }, 'good-examples', 'invalid_import', /version 1/],
      [
        'a broken field',
        { ...json, participantCount: -1 },
        'good-examples',
        'invalid_import',
        /^import\.participantCount:/,
      ],
      [
        'a note too long',
        tooLong,
        'good-examples',
        'invalid_import',
        new RegExp(`^import\\.steps\\[${stories}\\]\\.notes\\[0\\]\\.text:`),
      ],
      ['another workshop', json, 'five-whys', 'workshop_mismatch', /"good-examples"/],
      [
        'an unknown workshop',
        { ...json, workshop: { id: 'nope', title: 'Nope' } },
        'nope',
        'unknown_workshop',
        /"nope"/,
      ],
      [
        'a step the workshop lacks',
        { ...json, steps: [...json.steps, { ...json.steps[0]!, id: 'extra' }] },
        'good-examples',
        'invalid_import',
        /no step "extra"/,
      ],
    ];
    const roomsBefore = countRooms(server);
    for (const [label, payload, workshop, code, message] of cases) {
      const error = await errorOf(await postRoom(server, { workshop, locale: 'da', import: payload }));
      expect({ label, status: error.status, code: error.code }).toEqual({ label, status: 400, code });
      expect(error.message).toMatch(message);
    }
    expect(countRooms(server)).toBe(roomsBefore);
  });

  it('refuses an import larger than MAX_IMPORT_BYTES with 413, and takes one just below it', async () => {
    const { json } = await ranRoom(server, 'five-whys', 'da');
    const padded = (bytes: number): ExportModel => {
      const base = Buffer.byteLength(JSON.stringify({ workshop: 'five-whys', locale: 'da', import: json }));
      return { ...json, room: `${json.room}${'x'.repeat(bytes - base)}` };
    };
    const roomsBefore = countRooms(server);
    const tooBig = await errorOf(
      await postRoom(server, { workshop: 'five-whys', locale: 'da', import: padded(MAX_IMPORT_BYTES + 1) }),
    );
    expect(tooBig).toMatchObject({ status: 413, code: 'payload_too_large' });
    expect(countRooms(server)).toBe(roomsBefore);
    const justFits = await postRoom(server, { workshop: 'five-whys', locale: 'da', import: padded(MAX_IMPORT_BYTES) });
    expect(justFits.status).toBe(201);
  });
});
