/**
 * Exports follow the link rules and the reveal: after the participant link is
 * replaced the old link downloads nothing, and a vote's result is absent from
 * every format until the facilitator reveals it (and present right after, so
 * the check can fail).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, type ExportFormat } from '../../../../src/lib/export/formats.ts';
import { parseExport } from '../../../../src/lib/export/schema.ts';
import { Questions } from '../../../../src/model/questions.ts';
import { SeatDoc } from '../../../../src/model/seat-doc.ts';
import { VoteResults } from '../../../../src/model/vote-results.ts';
import type { StepOf } from '../../../../src/model/workshop.ts';
import { newSeat } from '../../../helpers/rooms-api.ts';
import { steer } from '../../../helpers/seats.ts';
import { seatIn, syncClient, type SyncClient } from '../../../helpers/sync-client.ts';
import { startTestServer, until, type TestServer } from '../../../helpers/test-server.ts';
import { csvRecords, docxFiles, pdfText } from '../../lib/export/readers.ts';

/** pdf.js is large: its first import alone can take many seconds on a busy machine. */
const PDF_TIMEOUT_MS = 90_000;
const STEP = 'core';
/** The export's line under a revealed vote (en): "{voters} voted, {budget} dots each". */
const VOTERS_LINE = '2 voted, 5 dots each';

let server: TestServer;
let room: string;
let key: string;
let facilitator: SyncClient;
const clients: SyncClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
  const created = server.core.registry.createRoom('question-list', 'en');
  room = created.room.id;
  key = created.key;
  facilitator = syncClient(server.wsUrl, `${room}/control`, { key });
  // The facilitator writes the questions under its own seat, as the rules require.
  const facilitatorSeat = seatIn(server, room);
  const writer = syncClient(server.wsUrl, room, { key, ...facilitatorSeat.params });
  clients.push(facilitator, writer);
  await Promise.all([facilitator.synced, writer.synced]);
  const workshop = server.core.workshops.get('question-list')!;
  const source = workshop.steps.find((s) => s.id === 'questions') as StepOf<'questions'>;
  const ids = ['Which part of the visit helped most?', 'What would you change first?'].map((text) => {
    const added = new Questions(writer.doc).add(
      source,
      { text, type: 'open', moment: source.moments[0]!.id, purpose: '' },
      { id: facilitatorSeat.seat, name: null },
    );
    if (!added.ok) throw new Error('question not added');
    return added.question.id;
  });
  await until(
    () => new Questions(server.core.registry.snapshot(room as never, 'board')).list(source.id).length === ids.length,
    'the questions are stored',
  );
  // Ballots are taken while the vote is the current step.
  await steer(server, room, key, STEP);
  for (const [name, dots] of [
    ['Annabelle', { [ids[0]!]: 2, [ids[1]!]: 1 }],
    ['Bartholomew', { [ids[1]!]: 2 }],
  ] as const) {
    const seat = await newSeat(server, room);
    const client = syncClient(server.wsUrl, `${room}/seat`, { seat: seat.seat, secret: seat.secret });
    clients.push(client);
    await client.synced;
    new SeatDoc(client.doc).setBallot(STEP, { ...dots }, name);
  }
  await until(() => new VoteResults(writer.doc).voters(STEP) === 2, 'both ballots are counted');
}, 60_000);

afterAll(async () => {
  for (const client of clients) client.provider.destroy();
  await server.close();
});

const exportOf = (format: ExportFormat, query = '', headers: Record<string, string> = {}) =>
  fetch(`${server.httpUrl}/api/rooms/${room}/export?format=${format}${query}`, { headers });

/** Whether the download shows a vote result, read the way its readers read it. */
async function showsResult(format: ExportFormat, response: Response): Promise<boolean> {
  expect(response.status).toBe(200);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const text = new TextDecoder().decode(bytes);
  switch (format) {
    case 'pdf':
      return (await pdfText(bytes)).includes(VOTERS_LINE);
    case 'docx':
      return docxFiles(bytes)['word/document.xml']!.includes(VOTERS_LINE);
    case 'csv':
      return csvRecords(text.replace(/^\uFEFF/, ''), ',').some((record) => Object.values(record).includes(STEP));
    case 'json': {
      const vote = parseExport(JSON.parse(text)).steps.find((s) => s.id === STEP);
      if (vote?.kind !== 'vote') throw new Error('no vote step');
      return vote.revealed || vote.ranking.length > 0 || vote.ballots.length > 0;
    }
    default:
      return text.includes(VOTERS_LINE);
  }
}

describe('a vote in the exports', () => {
  it.each(EXPORT_FORMATS)(
    'is absent from %s until the reveal, and there after it',
    async (format) => {
      facilitator.control.setRevealed(STEP, false);
      await until(async () => !(await showsResult(format, await exportOf(format))), 'the result is hidden');
      const hidden = await (await exportOf(format)).arrayBuffer();
      const raw = new TextDecoder().decode(hidden);
      for (const voter of ['Annabelle', 'Bartholomew']) expect(raw).not.toContain(voter);

      facilitator.control.setRevealed(STEP, true);
      await until(async () => showsResult(format, await exportOf(format)), `the ${format} shows the result`, 30_000);
    },
    PDF_TIMEOUT_MS,
  );

  it('names no voter in a secret vote, even after the reveal', async () => {
    facilitator.control.setRevealed(STEP, true);
    await until(async () => showsResult('md', await exportOf('md')), 'revealed');
    for (const format of ['md', 'json', 'html'] as const) {
      const text = await (await exportOf(format)).text();
      expect(text).not.toContain('Annabelle');
      expect(text).not.toContain('Bartholomew');
    }
    const json = parseExport(await (await exportOf('json')).json());
    const vote = json.steps.find((s) => s.id === STEP);
    expect(vote?.kind === 'vote' && vote.ballots).toEqual([]);
  });
});

describe('exports and the participant link', () => {
  it('refuse the replaced link with 410, and take the new link or the facilitator key', async () => {
    const rotate = async () => {
      const response = await fetch(`${server.httpUrl}/api/rooms/${room}/invite`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}` },
      });
      const links = (await response.json()) as { participantUrl: string };
      return new URL(links.participantUrl).searchParams.get('invite')!;
    };
    expect((await exportOf('md')).status).toBe(200);
    const first = await rotate();
    const second = await rotate();
    for (const format of EXPORT_FORMATS) {
      const plain = await exportOf(format);
      expect(plain.status).toBe(410);
      expect(((await plain.json()) as { error: { code: string } }).error.code).toBe('invite_revoked');
      expect((await exportOf(format, `&invite=${first}`)).status).toBe(410);
    }
    expect((await exportOf('md', `&invite=${second}`)).status).toBe(200);
    expect((await exportOf('json', '', { authorization: `Bearer ${key}` })).status).toBe(200);
    expect((await exportOf('json', '', { authorization: `Bearer ${'x'.repeat(21)}` })).status).toBe(403);
  });
});
