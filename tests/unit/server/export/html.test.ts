import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { exportToHtml } from '../../../../server/export/html.ts';
import { buildExport } from '../../../../src/lib/export/model.ts';
import { Board } from '../../../../src/model/board.ts';
import { Control } from '../../../../src/model/control.ts';
import { loadFiveWhys } from '../../../helpers/content.ts';
import { T0 } from '../../../helpers/five-whys-run.ts';
import { BEHAVIOURS, DEFINITION, exportOfFullRun, PURPOSE, QUESTIONS } from '../../lib/export/full-run.ts';
import { attribute, elements, htmlDocument, textOf } from '../../lib/export/readers.ts';

describe('exportToHtml of a room that ran every activity kind', () => {
  const html = exportToHtml(exportOfFullRun('nb').model);
  const document = htmlDocument(html);
  const all = (tag: string) => elements(document, tag);

  it('is one standalone page in the room language that loads nothing from elsewhere', () => {
    expect(attribute(all('html')[0]!, 'lang')).toBe('nb');
    expect(textOf(all('title')[0]!)).toBe('Resultat fra workshopen: Gode eksempler og atferd på Røst');
    expect(all('script')).toEqual([]);
    expect(all('link')).toEqual([]);
    expect(all('img')).toEqual([]);
    for (const element of all('')) {
      for (const name of ['src', 'href']) expect(attribute(element, name)).toBeUndefined();
    }
    const csp = all('meta').find((m) => attribute(m, 'http-equiv') === 'Content-Security-Policy');
    expect(attribute(csp!, 'content')).toBe("default-src 'none'; style-src 'unsafe-inline'");
    expect(textOf(all('style')[0]!)).toContain('@media print');
  });

  it('puts the agreed purpose and definition in figures before the way there', () => {
    const figures = all('figure').map((f) => textOf(elements(f, 'blockquote')[0]!).trim());
    expect(figures).toEqual([PURPOSE, DEFINITION]);
    const headings = all('h2').map(textOf);
    expect(headings).toEqual(['Dette ble vi enige om', 'Veien dit']);
  });

  it('has the behaviours and core questions as tables with header cells', () => {
    const tables = all('table').map((table) => ({
      head: elements(table, 'th').map(textOf),
      rows: elements(table, 'tr')
        .slice(1)
        .map((tr) => elements(tr, 'td').map(textOf)),
    }));
    const behaviours = tables.find((t) => t.head.join('|') === '#|Handling|Slik gjør vi det|Slik ser man det')!;
    expect(behaviours.rows.map((r) => r[1])).toEqual([BEHAVIOURS[2]!.text, BEHAVIOURS[0]!.text, BEHAVIOURS[1]!.text]);
    expect(behaviours.rows[0]).toEqual(['1', BEHAVIOURS[2]!.text, BEHAVIOURS[2]!.how, BEHAVIOURS[2]!.signs]);
    const core = tables.find((t) => t.head.includes('Dette bruker vi svaret til') && t.head.includes('Prikker'))!;
    expect(core.rows.map((r) => r[1])).toEqual([QUESTIONS[0].text, QUESTIONS[2].text, QUESTIONS[1].text]);
    expect(all('th').every((th) => attribute(th, 'scope') === 'col')).toBe(true);
  });

  it('keeps æ ø å as characters and names no anonymous author', () => {
    expect(html).toContain('Færøerne');
    expect(html).toContain('Øystein');
    expect(html).not.toMatch(/&#(?:2[0-9]{2});/);
    expect(html).not.toContain('Skal ikke ses');
  });
});

describe('exportToHtml with hostile text', () => {
  it('keeps every tag a participant types as text', () => {
    const boardDoc = new Y.Doc();
    const controlDoc = new Y.Doc();
    const attack = '<script>alert(1)</script><img src=x onerror="alert(2)"> \' " &amp;';
    new Board(boardDoc).addLadderAnswer('ladder', 0, attack, { id: 'p', name: '<b>Mallory</b>' }, T0);
    new Board(boardDoc).replaceStatementDraft('statement', attack);
    new Control(controlDoc).propose('agreement', attack, T0);
    const html = exportToHtml(
      buildExport({
        room: 'r',
        workshop: loadFiveWhys(),
        locale: 'da',
        createdAt: T0,
        board: boardDoc,
        control: controlDoc,
        now: T0,
      }),
    );
    const document = htmlDocument(html);
    expect(elements(document, 'script')).toEqual([]);
    expect(elements(document, 'img')).toEqual([]);
    expect(elements(document, 'b')).toEqual([]);
    const statement = textOf(elements(elements(document, 'figure')[0]!, 'blockquote')[0]!);
    expect(statement.trim()).toBe(attack);
    expect(textOf(document)).toContain('<b>Mallory</b>');
  });
});
