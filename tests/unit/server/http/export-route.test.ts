/**
 * The export route on a real server: a room written through live sync
 * connections (a seated participant answers, drafts and consents on each step
 * as the facilitator moves the room along), then downloaded in every format
 * and read back by real readers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, type ExportFormat } from '../../../../src/lib/export/formats.ts';
import { parseExport } from '../../../../src/lib/export/schema.ts';
import { Board } from '../../../../src/model/board.ts';
import type { RoomId } from '../../../../src/model/ids.ts';
import { authorOf, seatedClient, serverStep } from '../../../helpers/seats.ts';
import { syncClient, type SyncClient } from '../../../helpers/sync-client.ts';
import { startTestServer, until, type TestServer } from '../../../helpers/test-server.ts';
import {
  csvRecords,
  docxFiles,
  docxParagraphs,
  elements,
  htmlDocument,
  pdfText,
  textOf,
} from '../../lib/export/readers.ts';

/** pdf.js is large: its first import alone can take many seconds on a busy machine. */
const PDF_TIMEOUT_MS = 90_000;
/** Starting a server and syncing two clients, with room to spare on a loaded machine. */
const SETUP_TIMEOUT_MS = 60_000;
const STATEMENT = 'Vi gør hverdagen lettere for kunder på Ærø og i Tromsø';
const ANSWER = 'Fordi kunden skal føle sig tryg – også på Åland';

let server: TestServer;
let room: string;
let participantSeat: string;
const clients: SyncClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
  const response = await fetch(`${server.httpUrl}/api/rooms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ workshop: 'five-whys', locale: 'da' }),
  });
  const created = (await response.json()) as { room: string; facilitatorKey: string };
  room = created.room;
  const board = seatedClient(server, room);
  const control = syncClient(server.wsUrl, `${room}/control`, { key: created.facilitatorKey });
  clients.push(board, control);
  await Promise.all([board.synced, control.synced]);
  const åse = authorOf(board.seat, 'Åse');
  participantSeat = board.seat.seat;
  // Participants write on the current step: each write waits until the server has the step.
  const goTo = async (step: string) => {
    control.control.goToStep(step);
    await until(() => serverStep(server, room) === step, `the room is on ${step}`);
  };
  await goTo('ladder');
  board.board.addLadderAnswer('ladder', 0, ANSWER, åse);
  await until(() => onServer((b) => b.ladderAnswers('ladder').length === 1), 'the answer reaches the server');
  await goTo('statement');
  board.board.replaceStatementDraft('statement', STATEMENT);
  await until(() => onServer((b) => b.statementDraft('statement').toString() === STATEMENT), 'the sentence arrives');
  control.control.propose('agreement', STATEMENT);
  await goTo('agreement');
  board.board.castConsent('agreement', åse, 'agree', '', Date.now() - 1);
  await until(() => onServer((b) => b.consentVotes('agreement').size === 1), 'the signal reaches the server');
  control.control.markAgreed('agreement');
  await until(
    async () => (await exportOf('md').then((r) => r.text())).includes(STATEMENT),
    'the agreement reaches the server',
    SETUP_TIMEOUT_MS / 2,
  );
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  for (const client of clients) client.provider.destroy();
  await server.close();
});

/** Reads the board as the server holds it. */
function onServer<T>(read: (board: Board) => T): T {
  const doc = server.core.registry.snapshot(room as RoomId, 'board');
  try {
    return read(new Board(doc));
  } finally {
    doc.destroy();
  }
}

const exportOf = (format: string, method = 'GET') =>
  fetch(`${server.httpUrl}/api/rooms/${room}/export?format=${encodeURIComponent(format)}`, { method });

const CONTENT_TYPES: Record<ExportFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
  json: 'application/json; charset=utf-8',
};

describe('GET /api/rooms/<room>/export', () => {
  it.each(EXPORT_FORMATS)(
    'answers %s with its content type and a dated file name with the workshop in it',
    async (format) => {
      const response = await exportOf(format);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(CONTENT_TYPES[format]);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen' }).format(new Date());
      expect(response.headers.get('content-disposition')).toBe(
        `attachment; filename="5-hvorfor-teamets-formaal-${day}.${format}"; filename*=UTF-8''5-hvorfor-teamets-form%C3%A5l-${day}.${format}`,
      );
      const body = new Uint8Array(await response.arrayBuffer());
      expect(Number(response.headers.get('content-length'))).toBe(body.length);
    },
  );

  it(
    'sends a PDF whose text has the agreed sentence with æ ø å',
    async () => {
      const text = await pdfText(new Uint8Array(await (await exportOf('pdf')).arrayBuffer()));
      expect(text).toContain(STATEMENT);
      expect(text).toContain(ANSWER);
      expect(text).toContain('Vores formål');
    },
    PDF_TIMEOUT_MS,
  );

  it('sends a Word document with the agreed sentence', async () => {
    const files = docxFiles(new Uint8Array(await (await exportOf('docx')).arrayBuffer()));
    expect(docxParagraphs(files['word/document.xml'] ?? '').map((p) => p.text)).toContain(STATEMENT);
  });

  it('sends HTML, Markdown, CSV and JSON that their readers take', async () => {
    const html = htmlDocument(await (await exportOf('html')).text());
    expect(textOf(elements(html, 'blockquote')[0]!).trim()).toBe(STATEMENT);
    expect(await (await exportOf('md')).text()).toContain(`> **${STATEMENT}**`);
    const csvBytes = new Uint8Array(await (await exportOf('csv')).arrayBuffer());
    // fetch's text() would drop the byte-order mark; the bytes show it is there.
    expect([...csvBytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(csvBytes);
    expect(csv.startsWith('\ufeffListe;Trin;')).toBe(true);
    // The ladder is the 5 × why's list: its answer is a row with the round and the question it answered.
    expect(
      csvRecords(csv, ';').map((r) => [r['Trin'], r['Runde'], r['Spørgsmål'], r['Tekst'], r['Af'], r['Valgt']]),
    ).toEqual([['ladder', '1', 'Hvorfor tager vi telefonen, når en kunde ringer?', ANSWER, 'Åse', '']]);
    const model = parseExport(await (await exportOf('json')).json());
    expect(model.results[0]).toMatchObject({ kind: 'statement', text: STATEMENT, agreed: true });
    expect(JSON.stringify(model)).not.toContain(participantSeat);
  });

  it('gives Markdown when no format is asked for, and headers without a body for HEAD', async () => {
    const plain = await fetch(`${server.httpUrl}/api/rooms/${room}/export`);
    expect(plain.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    const head = await exportOf('pdf', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('application/pdf');
    expect(await head.text()).toBe('');
  });

  it('answers an unknown format with 400 and the list of formats', async () => {
    const response = await exportOf('exe');
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('unknown_format');
    for (const format of EXPORT_FORMATS) expect(body.error.message).toContain(format);
  });

  it('answers 404 for a room that does not exist, and 405 for other methods', async () => {
    const missing = await fetch(`${server.httpUrl}/api/rooms/AAAAAAAAAAAAAAAAAAAAA/export?format=pdf`);
    expect(missing.status).toBe(404);
    expect((await exportOf('pdf', 'POST')).status).toBe(405);
  });
});
