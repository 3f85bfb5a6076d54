import { beforeAll, describe, expect, it } from 'vitest';
import { exportToPdf } from '../../../../server/export/pdf.ts';
import { exportOfRun, AGREED } from '../../../helpers/five-whys-run.ts';
import { BEHAVIOURS, DEFINITION, exportOfFullRun, PURPOSE, QUESTIONS, STORIES } from '../../lib/export/full-run.ts';
import { pdfPages } from '../../lib/export/readers.ts';

/** pdf.js is large: its first import alone can take many seconds on a busy machine. */
const PDF_TIMEOUT_MS = 90_000;

describe('exportToPdf of a room that ran every activity kind', () => {
  let bytes: Uint8Array;
  let pages: string[];
  let text: string;
  beforeAll(async () => {
    bytes = await exportToPdf(exportOfFullRun('nb').model);
    pages = await pdfPages(bytes);
    text = pages.join(' ');
  }, PDF_TIMEOUT_MS);

  it('is a PDF that pdf.js opens, with numbered pages', () => {
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, i) => expect(page).toContain(`${i + 1} / ${pages.length}`));
  });

  it('starts with the agreed purpose and definition, on the first page', () => {
    expect(pages[0]).toContain('Resultat fra workshopen');
    expect(pages[0]).toContain('Dette ble vi enige om');
    expect(pages[0]).toContain(PURPOSE);
    expect(pages[0]).toContain(DEFINITION);
    expect(text.indexOf(PURPOSE)).toBeLessThan(text.indexOf('Veien dit'));
  });

  it('contains every behaviour with how and signs, and every core question', () => {
    for (const b of BEHAVIOURS) {
      expect(text).toContain(b.text);
      expect(text).toContain(b.how);
      expect(text).toContain(b.signs);
    }
    for (const q of QUESTIONS) expect(text).toContain(q.text);
    for (const story of STORIES) expect(text).toContain(story);
  });

  it('keeps æ ø å and Æ Ø Å as real letters (an embedded font, not a fallback)', () => {
    for (const word of ['Ærø', 'Røst', 'Åse', 'Øystein', 'Ærling', 'Færøerne', 'nysgjerrighet', 'Åpning']) {
      expect(text).toContain(word);
    }
    expect(new TextDecoder('latin1').decode(bytes)).toMatch(/\/FontFile2/);
  });

  it('never names an anonymous author', () => {
    expect(text).not.toContain('Skal ikke ses');
  });
});

describe('exportToPdf of 5 × hvorfor in Danish', () => {
  it(
    'has the agreed sentence and the Danish labels',
    async () => {
      const text = (await pdfPages(await exportToPdf(exportOfRun('da').model))).join(' ');
      expect(text).toContain(AGREED);
      expect(text).toContain('Vores formål');
      expect(text).toContain('Vejen dertil');
      expect(text).toContain('Hvorfor tager vi telefonen, når en kunde ringer?');
    },
    PDF_TIMEOUT_MS,
  );
});
