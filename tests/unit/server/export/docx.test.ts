import { beforeAll, describe, expect, it } from 'vitest';
import { exportToDocx } from '../../../../server/export/docx.ts';
import { exportOfRun, AGREED } from '../../../helpers/five-whys-run.ts';
import { BEHAVIOURS, DEFINITION, exportOfFullRun, PURPOSE, QUESTIONS } from '../../lib/export/full-run.ts';
import { docxFiles, docxParagraphs, docxTables } from '../../lib/export/readers.ts';

/** Loading the docx library and zipping can be slow on a busy machine. */
const DOCX_TIMEOUT_MS = 60_000;

describe('exportToDocx of a room that ran every activity kind', () => {
  let files: Record<string, string>;
  let xml: string;
  beforeAll(async () => {
    files = docxFiles(await exportToDocx(exportOfFullRun('da').model));
    xml = files['word/document.xml'] ?? '';
  }, DOCX_TIMEOUT_MS);

  it('is a Word package with a document, styles and the title in its properties', () => {
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining(['[Content_Types].xml', 'word/document.xml', 'word/styles.xml', 'docProps/core.xml']),
    );
    expect(files['docProps/core.xml']).toContain('Resultat af workshoppen: Gode eksempler og adfærd på Ærø');
    expect(files['word/styles.xml']).toContain('w:val="da-DK"');
  });

  it('uses heading styles: a title, the two parts, and a heading per result', () => {
    const paragraphs = docxParagraphs(xml);
    const headed = (style: string) => paragraphs.filter((p) => p.style === style).map((p) => p.text);
    expect(headed('Title')).toEqual(['Resultat af workshoppen: Gode eksempler og adfærd på Ærø']);
    expect(headed('Heading1')).toEqual(['Det blev vi enige om', 'Vejen dertil']);
    expect(headed('Heading2').slice(0, 5)).toEqual([
      'Vores formål',
      'Vores definition af »serviceinnstilt«',
      'Vores handlinger, de vigtigste først',
      'Vores kernespørgsmål',
      'Det har vores eksempler til fælles',
    ]);
  });

  it('sets the agreed statement and definition as their own paragraphs, before the way there', () => {
    const texts = docxParagraphs(xml).map((p) => p.text);
    const wayThere = texts.indexOf('Vejen dertil');
    expect(texts.indexOf(PURPOSE)).toBeGreaterThan(0);
    expect(texts.indexOf(PURPOSE)).toBeLessThan(wayThere);
    expect(texts.indexOf(DEFINITION)).toBeLessThan(wayThere);
  });

  it('has every behaviour in a table, in priority order, with how and signs', () => {
    const behaviours = docxTables(xml).find((t) => t[0]?.[1] === 'Handling');
    expect(behaviours?.[0]).toEqual(['#', 'Handling', 'Sådan gør vi', 'Sådan kan man se det']);
    expect(behaviours?.slice(1)).toEqual(
      [BEHAVIOURS[2], BEHAVIOURS[0], BEHAVIOURS[1]].map((b, i) => [String(i + 1), b!.text, b!.how, b!.signs]),
    );
  });

  it('has the core questions and the vote as tables', () => {
    const tables = docxTables(xml);
    const core = tables.find((t) => t[0]?.includes('Det bruger vi svaret til') && t[0]?.includes('Prikker'));
    expect(core?.slice(1).map((r) => r[1])).toEqual([QUESTIONS[0].text, QUESTIONS[2].text, QUESTIONS[1].text]);
    const vote = tables.find((t) => t[0]?.[0] === 'Plads');
    expect(vote?.slice(1).map((r) => r[2])).toEqual(['3', '3', '1', '0']);
  });

  it('keeps Danish and Norwegian letters and never names an anonymous author', () => {
    expect(xml).toContain('Færøerne');
    expect(xml).toContain('Øystein');
    expect(xml).not.toContain('Skal ikke ses');
  });
});

describe('exportToDocx of 5 × hvorfor', () => {
  it('leads with the agreed sentence in English', async () => {
    const xml = docxFiles(await exportToDocx(exportOfRun('en').model))['word/document.xml'] ?? '';
    const texts = docxParagraphs(xml).map((p) => p.text);
    expect(texts.slice(0, 10)).toContain(AGREED);
    expect(texts).toContain('Our purpose');
  });
});
