/**
 * `POST /api/rooms` with `carryFrom`, on a real server with real storage:
 * results of an earlier workshop flow on by tag (`carryOut` → `carryIn`) and
 * arrive as carried items in the new room's control document, written in the
 * new room's language; an export with nothing to hand on is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Control } from '../../../../src/model/control.ts';
import type { ExportModel } from '../../../../src/lib/export/model.ts';
import type { RoomId } from '../../../../src/model/ids.ts';
import { BEHAVIOURS, DENOMINATOR, workshopNamed } from '../../../helpers/core-runs.ts';
import {
  countRooms,
  errorOf,
  exportJson,
  postRoom,
  ranRoom,
  withoutRoom,
  type Created,
} from '../../../helpers/rooms-api.ts';
import { startTestServer, type TestServer } from '../../../helpers/test-server.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ ROOMS_PER_IP_PER_MIN: '1000' });
});
afterAll(async () => {
  await server.close();
});

const INTL = { da: 'da-DK', nb: 'nb-NO', en: 'en-GB' } as const;

/** "<workshop title> · <day the earlier room was held>", in the new room's language. */
function origin(json: ExportModel, locale: keyof typeof INTL): string {
  const day = new Intl.DateTimeFormat(INTL[locale], { dateStyle: 'long', timeZone: json.timeZone }).format(
    new Date(json.createdAt),
  );
  return `${workshopNamed(json.workshop.id).title[locale]} · ${day}`;
}

/** Carried items of a step, read from the stored control document of a room. */
function storedCarried(room: string, stepId: string) {
  const control = new Control(server.core.registry.snapshot(room as RoomId, 'control'));
  try {
    return control.carried(stepId);
  } finally {
    control.doc.destroy();
  }
}

describe('POST /api/rooms with carryFrom', () => {
  it('brings the common denominator of good examples to the 5 × why ladder', async () => {
    const { json } = await ranRoom(server, 'good-examples', 'da');
    const response = await postRoom(server, { workshop: 'five-whys', locale: 'nb', carryFrom: json });
    expect(response.status).toBe(201);
    const { room } = (await response.json()) as Created;

    const carried = storedCarried(room, 'ladder');
    expect(carried.map(({ text, detail, from }) => ({ text, detail, from }))).toEqual([
      { text: DENOMINATOR, detail: '', from: origin(json, 'nb') },
    ]);
    // Only the step that takes it in gets it.
    for (const step of workshopNamed('five-whys').steps.filter((s) => s.id !== 'ladder')) {
      expect(storedCarried(room, step.id)).toEqual([]);
    }
    const exported = await exportJson(server, room);
    expect(exported.steps.find((s) => s.id === 'ladder')?.carried.map((c) => c.text)).toEqual([DENOMINATOR]);
  });

  it('brings each behaviour of service-minded, with how and signs, to the question list', async () => {
    const { json } = await ranRoom(server, 'service-minded', 'nb');
    const response = await postRoom(server, { workshop: 'question-list', locale: 'en', carryFrom: json });
    expect(response.status).toBe(201);
    const { room } = (await response.json()) as Created;

    const [first, second, third] = BEHAVIOURS;
    const from = origin(json, 'en');
    expect(from).toMatch(/^Service-minded: .+ · \d{1,2} [A-Z][a-z]+ \d{4}$/);
    // In priority order: the run moved the third behaviour to the top.
    expect(storedCarried(room, 'questions').map(({ text, detail, from }) => ({ text, detail, from }))).toEqual([
      { text: third!.text, detail: `How you can see it: ${third!.signs}`, from },
      {
        text: first!.text,
        detail: `How we do it: ${first!.how}\nHow you can see it: ${first!.signs}`,
        from,
      },
      {
        text: second!.text,
        detail: `How we do it: ${second!.how}\nHow you can see it: ${second!.signs}`,
        from,
      },
    ]);
  });

  it('continues a room and brings results along in one go', async () => {
    const earlier = await ranRoom(server, 'good-examples', 'da');
    const previous = await ranRoom(server, 'five-whys', 'da');
    const response = await postRoom(server, {
      workshop: 'five-whys',
      locale: 'da',
      import: previous.json,
      carryFrom: earlier.json,
    });
    expect(response.status).toBe(201);
    const { room } = (await response.json()) as Created;
    const exported = await exportJson(server, room);
    const ladder = exported.steps.find((s) => s.id === 'ladder');
    expect(ladder?.carried.map((c) => c.text)).toEqual([DENOMINATOR]);
    // Apart from what was brought along, the room is the one it continues.
    const withoutCarried = withoutRoom({
      ...exported,
      steps: exported.steps.map((s) => (s.id === 'ladder' ? { ...s, carried: [] } : s)),
    });
    expect(withoutCarried).toEqual(withoutRoom(previous.json));
  });

  it('refuses an export with nothing the workshop can take in, naming why, and creates nothing', async () => {
    const goodExamples = await ranRoom(server, 'good-examples', 'da');
    const emptyRoom = (await (await postRoom(server, { workshop: 'good-examples', locale: 'da' })).json()) as Created;
    const empty = await exportJson(server, emptyRoom.room);
    const serviceMinded = await ranRoom(server, 'service-minded', 'da');
    const roomsBefore = countRooms(server);

    const noTag = await errorOf(
      await postRoom(server, { workshop: 'service-minded', locale: 'en', carryFrom: goodExamples.json }),
    );
    expect(noTag).toMatchObject({ status: 400, code: 'nothing_to_carry' });
    expect(noTag.message).toBe(
      `This export has no results that "${workshopNamed('service-minded').title.en}" can take in: it hands on "purpose-seed", and it takes in nothing.`,
    );

    const otherTag = await errorOf(
      await postRoom(server, { workshop: 'five-whys', locale: 'da', carryFrom: serviceMinded.json }),
    );
    expect(otherTag).toMatchObject({ status: 400, code: 'nothing_to_carry' });
    expect(otherTag.message).toMatch(/it hands on "behaviours", and it takes in "purpose-seed"/);

    const nothingYet = await errorOf(await postRoom(server, { workshop: 'five-whys', locale: 'da', carryFrom: empty }));
    expect(nothingYet).toMatchObject({ status: 400, code: 'nothing_to_carry' });
    expect(nothingYet.message).toMatch(/still empty/);

    const broken = await errorOf(
      await postRoom(server, { workshop: 'five-whys', locale: 'da', carryFrom: { ...goodExamples.json, steps: 3 } }),
    );
    expect(broken).toMatchObject({ status: 400, code: 'invalid_import' });
    expect(broken.message).toMatch(/^carryFrom\.steps:/);

    const unknown = await errorOf(
      await postRoom(server, {
        workshop: 'five-whys',
        locale: 'da',
        carryFrom: { ...goodExamples.json, workshop: { id: 'gone', title: 'Gone' } },
      }),
    );
    expect(unknown).toMatchObject({ status: 400, code: 'unknown_workshop' });
    expect(unknown.message).toMatch(/"gone"/);
    expect(countRooms(server)).toBe(roomsBefore);
  });
});
