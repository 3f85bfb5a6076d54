import { describe, expect, it } from 'vitest';
import { exportToCsv, neutralizeFormula } from '../../../../server/export/csv.ts';
import { BEHAVIOURS, exportOfFullRun, QUESTIONS, STORIES } from '../../lib/export/full-run.ts';
import { csvRecords } from '../../lib/export/readers.ts';

describe('exportToCsv of a room that ran every activity kind', () => {
  const csv = exportToCsv(exportOfFullRun('da').model);
  const records = csvRecords(csv, ';');
  const list = (step: string) => records.filter((r) => r['Trin'] === step);

  it('starts with a UTF-8 byte-order mark, ends records with CRLF and uses ";" for Danish spreadsheets', () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.split('\r\n')[0]).toBe(
      '\ufeffListe;Trin;Nummer;Tekst;Sådan gør vi;Sådan kan man se det;Åbent eller lukket;Hvornår;Det bruger vi svaret til;Gruppe;Prikker;Valgt;Af;Runde;Spørgsmål;Opbakning',
    );
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csvRecords(exportToCsv(exportOfFullRun('en').model), ',')[0]).toHaveProperty('List');
  });

  it('has one row per story with its group and no author', () => {
    expect(list('stories').map((r) => [r['Liste'], r['Tekst'], r['Gruppe'], r['Af']])).toEqual([
      ['Gode historier', STORIES[0], 'Hurtig og personlig hjælp', ''],
      ['Gode historier', STORIES[1], 'Hurtig og personlig hjælp', ''],
      ['Gode historier', STORIES[2], 'Sammen med kunden', ''],
      ['Gode historier', STORIES[3], 'Hurtig og personlig hjælp', ''],
    ]);
  });

  it('has every behaviour in priority order with how and signs', () => {
    expect(
      list('behaviours').map((r) => [r['Nummer'], r['Tekst'], r['Sådan gør vi'], r['Sådan kan man se det'], r['Af']]),
    ).toEqual(
      [BEHAVIOURS[2]!, BEHAVIOURS[0]!, BEHAVIOURS[1]!].map((b, i) => [
        String(i + 1),
        b.text,
        b.how,
        b.signs,
        'Øystein',
      ]),
    );
  });

  it('has the questions with their attributes, and the vote with dots and the chosen ones marked', () => {
    expect(list('questions').map((r) => [r['Tekst'], r['Åbent eller lukket'], r['Hvornår'], r['Af']])).toEqual([
      [QUESTIONS[0].text, 'Åbent', 'Åbning', 'Åse'],
      [QUESTIONS[1].text, 'Lukket', 'Grav dybere', 'Åse'],
      [QUESTIONS[2].text, 'Åbent', 'Afslutning', 'Åse'],
      [QUESTIONS[3].text, 'Lukket', 'Afslutning', ''],
    ]);
    expect(
      list('core').map((r) => [r['Nummer'], r['Tekst'], r['Prikker'], r['Valgt'], r['Det bruger vi svaret til']]),
    ).toEqual([
      ['1', QUESTIONS[0].text, '3', 'ja', QUESTIONS[0].purpose],
      ['1', QUESTIONS[2].text, '3', 'ja', QUESTIONS[2].purpose],
      ['3', QUESTIONS[1].text, '1', 'ja', QUESTIONS[1].purpose],
      ['4', QUESTIONS[3].text, '0', '', QUESTIONS[3].purpose],
    ]);
  });

  it('has the own definitions, named only where their authors gave a name', () => {
    expect(list('define').map((r) => r['Af'])).toEqual(['Åse', '', 'Ærling']);
  });

  it('quotes what needs quoting so fields survive a round trip', () => {
    // A definition with a comma, and text with ";" or quotes, come back as written.
    expect(list('define')[1]?.['Tekst']).toBe('Ærlig hjælp, også når svaret er nej');
    expect(csv).not.toContain('Skal ikke ses');
  });
});

describe('neutralizeFormula', () => {
  it('keeps spreadsheet formulas typed by a participant as text', () => {
    expect(neutralizeFormula('=HYPERLINK("http://x")')).toBe('\'=HYPERLINK("http://x")');
    expect(neutralizeFormula('+45 1234')).toBe("'+45 1234");
    expect(neutralizeFormula('@SUM(1)')).toBe("'@SUM(1)");
    expect(neutralizeFormula('Vi ringer = vi hjælper')).toBe('Vi ringer = vi hjælper');
  });
});

describe('exportToCsv of a whole 5 × why', () => {
  it('has the ladder rows: every answer with its round, question, support and the pick marked', async () => {
    const { exportOfRun } = await import('../../../helpers/five-whys-run.ts');
    const { model } = exportOfRun('da');
    const ladder = model.steps.find((s) => s.kind === 'ladder');
    if (ladder?.kind !== 'ladder') throw new Error('no ladder');
    const rows = csvRecords(exportToCsv(model), ';').filter((r) => r['Trin'] === ladder.id);
    expect(rows).toHaveLength(ladder.answers.length);
    for (const rung of ladder.rungs) {
      const ofRound = rows.filter((r) => r['Runde'] === String(rung.round + 1));
      expect(ofRound.length).toBeGreaterThan(0);
      expect(new Set(ofRound.map((r) => r['Spørgsmål']))).toEqual(new Set([rung.question]));
      expect(ofRound.filter((r) => r['Valgt'] === 'ja').map((r) => r['Tekst'])).toEqual([rung.answer]);
      expect(ofRound.map((r) => r['Nummer'])).toEqual(ofRound.map((_r, i) => String(i + 1)));
    }
    const supported = ladder.answers.find((a) => a.supporters > 0)!;
    expect(rows.find((r) => r['Tekst'] === supported.text)?.['Opbakning']).toBe(String(supported.supporters));
  });
});
