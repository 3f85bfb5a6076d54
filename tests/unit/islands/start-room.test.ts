/**
 * The start page's request (src/islands/start-room.ts) against a stubbed
 * server: what it sends for each way of starting, and the message each
 * refusal becomes in the page's language.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { translator } from '../../../src/i18n/index.ts';
import { startRoom, type StartRequest, type WorkshopCard } from '../../../src/islands/start-room.ts';

const card = (id: string, title: string): WorkshopCard => ({
  id,
  title: { da: `${title} (da)`, nb: `${title} (nb)`, en: title },
  summary: { da: '', nb: '', en: '' },
  minutes: 60,
  steps: 5,
});
const fiveWhys = card('five-whys', '5 × why');
const goodExamples = card('good-examples', 'Good examples');
const EXPORT = { format: 'ledestjerne.export', version: 2, workshop: { id: 'good-examples', title: 'Saml dem' } };

function request(overrides: Partial<StartRequest> = {}): StartRequest {
  return {
    t: translator('en'),
    pageLocale: 'en',
    workshop: fiveWhys,
    workshops: [fiveWhys, goodExamples],
    locale: 'da',
    mode: 'carryFrom',
    file: new File([JSON.stringify(EXPORT)], 'good-examples.json', { type: 'application/json' }),
    ...overrides,
  };
}

/** Answers every POST with `status` and an API error of `code`, and records what was sent. */
function serverRefusing(status: number, code: string, message = 'the server says why') {
  const sent: unknown[] = [];
  vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
    sent.push(JSON.parse(String(init.body)));
    return new Response(JSON.stringify({ error: { code, message } }), { status });
  });
  return sent;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('startRoom', () => {
  it('sends the chosen file as carryFrom or import, with the chosen workshop and language', async () => {
    const sent = serverRefusing(400, 'nothing_to_carry');
    await startRoom(request());
    await startRoom(request({ mode: 'import' }));
    await startRoom(request({ mode: 'empty' }));
    expect(sent).toEqual([
      { workshop: 'five-whys', locale: 'da', carryFrom: EXPORT },
      { workshop: 'five-whys', locale: 'da', import: EXPORT },
      { workshop: 'five-whys', locale: 'da' },
    ]);
  });

  it('asks for a file, and for a JSON one, before asking the server', async () => {
    const sent = serverRefusing(500, 'internal');
    expect(await startRoom(request({ file: null }))).toEqual({
      message: 'Choose the export file first.',
      aboutFile: true,
    });
    const notJson = await startRoom(request({ file: new File(['%PDF-1.7'], 'result.pdf') }));
    expect(notJson?.message).toBe('This file is not an export. Choose the file you downloaded as “Data (JSON)”.');
    expect(sent).toEqual([]);
  });

  it('turns each refusal into a message in the page language, keeping the server’s field name', async () => {
    serverRefusing(400, 'invalid_import', 'carryFrom.steps[2].notes[0].text: Too big');
    expect((await startRoom(request()))?.message).toBe(
      'This file cannot be used: carryFrom.steps[2].notes[0].text: Too big',
    );
    serverRefusing(400, 'nothing_to_carry');
    expect(await startRoom(request({ t: translator('da'), pageLocale: 'da' }))).toEqual({
      message:
        'Eksporten har ingen resultater, som »5 × why (da)« kan tage imod. Vælg en anden workshop, eller fortsæt eksporten i stedet.',
      aboutFile: true,
    });
    serverRefusing(413, 'payload_too_large');
    expect((await startRoom(request()))?.message).toBe('This file is too large to start a room from.');
  });

  it('offers the export’s own workshop when the file belongs to another one', async () => {
    serverRefusing(400, 'workshop_mismatch');
    const failure = await startRoom(request({ mode: 'import' }));
    expect(failure?.message).toBe('This export is from “Good examples”. Choose that workshop to continue it.');
    expect(failure?.switchTo?.id).toBe('good-examples');
  });

  it('reports a network failure without blaming the file', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('offline');
    });
    expect(await startRoom(request())).toEqual({
      message: 'Could not reach the server. Check the connection and try again.',
      aboutFile: false,
    });
  });
});
