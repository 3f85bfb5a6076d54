import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { escapeMarkdown, exportToMarkdown } from '../../../../server/export/markdown.ts';
import { buildExport } from '../../../../src/lib/export/model.ts';
import { Board } from '../../../../src/model/board.ts';
import { Control } from '../../../../src/model/control.ts';
import type { Locale } from '../../../../src/model/locale.ts';
import { loadFiveWhys } from '../../../helpers/content.ts';
import { AGREED, exportOfRun, PICKS, T0 } from '../../../helpers/five-whys-run.ts';
import { BEHAVIOURS, DEFINITION, exportOfFullRun, PURPOSE, QUESTIONS } from '../../lib/export/full-run.ts';

function markdownOfRun(locale: Locale) {
  const { run, model } = exportOfRun(locale);
  return { run, markdown: exportToMarkdown(model) };
}

/** The cells of a Markdown table row, splitting only on unescaped pipes. */
const cells = (row: string) =>
  row
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());

describe('exportToMarkdown in English', () => {
  const { run, markdown } = markdownOfRun('en');
  const lines = markdown.split('\n');

  it('starts with the workshop and leads with the agreed sentence', () => {
    expect(lines[0]).toBe('# Workshop result: 5 × why: your team’s purpose');
    expect(markdown).toContain('- Contributors: 4');
    expect(markdown).toContain('- Date: 14 March 2025 at 10:30');
    const purpose = lines.indexOf('### Our purpose');
    expect(purpose).toBeGreaterThan(lines.indexOf('## What we agreed'));
    expect(lines[purpose + 2]).toBe(`> **${AGREED}**`);
    expect(markdown.indexOf(AGREED)).toBeLessThan(markdown.indexOf('## The way there'));
    expect(markdown).toContain('9 words · Agreed 14 March 2025 at 10:20');
  });

  it('has the ladder as a table with one row per rung', () => {
    const header = lines.indexOf('| # | Question | Answer carried on |');
    expect(header).toBeGreaterThan(0);
    expect(lines[header + 1]).toBe('|---|---|---|');
    const rows = lines.slice(header + 2, header + 2 + PICKS.length).map(cells);
    expect(rows.map((r) => r[2])).toEqual(PICKS);
    expect(rows[0]).toEqual(['1', 'Why do we pick up the phone when a customer calls?', PICKS[0]]);
    expect(lines[header + 2 + PICKS.length]).toBe('');
  });

  it('lists every answer with its author, anonymous ones as "Anonymous"', () => {
    expect(markdown).toContain('- Round 1: Vi hjælper kunden. — Anna (2 supporting)');
    expect(markdown).toContain('- Round 3: Et anonymt svar — Anonymous (0 supporting)');
  });

  it('shows the tally and the objections without names for anonymous objectors', () => {
    expect(markdown).toContain('Agree: 1 · Can live with it: 1 · Object: 1');
    expect(markdown).toContain('#### Objections\n\n- Anonymous: Lidt for langt\n');
    expect(markdown).not.toContain('Kun på det gamle forslag');
  });

  it('never contains a participant id', () => {
    for (const person of Object.values(run.people)) expect(markdown).not.toContain(person.id);
  });
});

describe('exportToMarkdown in Danish and Norwegian', () => {
  it('uses the Danish labels and questions', () => {
    const { markdown } = markdownOfRun('da');
    expect(markdown).toContain('# Resultat af workshoppen: 5 × hvorfor: teamets formål');
    expect(markdown).toContain('### Vores formål');
    expect(markdown).toContain('| # | Spørgsmål | Svaret, vi tog med videre |');
    expect(markdown).toContain('| 1 | Hvorfor tager vi telefonen, når en kunde ringer? | Vi hjælper kunden. |');
    expect(markdown).toContain('- Anonym: Lidt for langt');
    expect(markdown).toContain('- Bidragydere: 4');
    expect(markdown).not.toContain('Anonymous');
  });

  it('uses the Norwegian labels, and keeps æ ø å as they are', () => {
    const { markdown } = markdownOfRun('nb');
    expect(markdown).toContain('### Formålet vårt');
    expect(markdown).toContain('| 2 | Hvorfor er det viktig at vi hjælper kunden? | Kunden kommer videre |');
    expect(markdown).toContain('Innvending: 1');
    expect(markdown).toContain('Ærø');
    expect(markdown).not.toContain('&#');
  });
});

describe('exportToMarkdown of every activity kind', () => {
  const markdown = exportToMarkdown(exportOfFullRun('nb').model);
  const lines = markdown.split('\n');
  const results = markdown.slice(0, markdown.indexOf('## Veien dit'));

  it('puts purpose, definition, behaviours, core questions and common denominators before the way there', () => {
    expect(results).toContain(`> **${PURPOSE}**`);
    expect(results).toContain(`### Vår definisjon av «serviceinnstilt»\n\n> **${DEFINITION}**`);
    for (const b of BEHAVIOURS) expect(results).toContain(`| ${b.text} | ${b.how} | ${b.signs} |`);
    expect(results).toContain('### Kjernespørsmålene våre');
    expect(results).toContain(`| 1 | ${QUESTIONS[0].text} | Åpent | Åpning | ${QUESTIONS[0].purpose} | 3 |`);
    expect(results).not.toContain(QUESTIONS[3].text);
    expect(results).toContain('- Hurtig og personlig hjælp (3 lapper)\n- Sammen med kunden (1 lapp)');
  });

  it('shows the behaviours in priority order', () => {
    const rows = lines.filter((l) => BEHAVIOURS.some((b) => l.startsWith(`| `) && l.includes(`| ${b.text} |`)));
    expect(rows.slice(0, 3).map((r) => cells(r)[1])).toEqual([
      BEHAVIOURS[2]!.text,
      BEHAVIOURS[0]!.text,
      BEHAVIOURS[1]!.text,
    ]);
  });

  it('writes anonymous stories without a name', () => {
    expect(markdown).toContain('- Kunden på Færøerne fik svar på én dag — Anonym');
    expect(markdown).not.toContain('Skal ikke ses');
  });
});

describe('exportToMarkdown with hostile text', () => {
  const SCRIPT = '<script>alert(1)</script>';
  const IMG = '<img src=x onerror=alert(1)>';

  function hostileMarkdown() {
    const boardDoc = new Y.Doc();
    const controlDoc = new Y.Doc();
    const board = new Board(boardDoc);
    const control = new Control(controlDoc);
    const mallory = { id: 'participant-mallory', name: IMG };
    const answer = board.addLadderAnswer('ladder', 0, `${SCRIPT} a | b`, mallory, T0)!;
    control.pickLadderAnswer('ladder', 0, answer.id, answer.text, T0 + 1);
    board.addLadderAnswer('ladder', 1, '**fed** [klik](javascript:alert(1)) `kode` ~~x~~', mallory, T0 + 2);
    board.addLadderAnswer('ladder', 1, '1. ikke en liste', mallory, T0 + 3);
    board.replaceStatementDraft('statement', `Linje 1\n# Linje 2 ${IMG}`);
    control.saveStatementVersion('statement', `<b>version</b> & ${SCRIPT}`, T0 + 3);
    control.propose('agreement', `${SCRIPT}\n> citat`, T0 + 4);
    board.castConsent('agreement', mallory, 'object', `${IMG} | <a href="javascript:x">x</a>`, T0 + 4, T0 + 5);
    const model = buildExport({
      room: 'r',
      workshop: loadFiveWhys(),
      locale: 'en',
      createdAt: T0,
      board: boardDoc,
      control: controlDoc,
      now: T0 + 6,
    });
    return exportToMarkdown(model);
  }

  const markdown = hostileMarkdown();

  it('lets no "<" from user text through', () => {
    expect(markdown).not.toContain('<');
    expect(markdown).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(markdown).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('renders to HTML without any tag or link from user text', () => {
    const html = marked.parse(markdown, { async: false });
    expect(html).not.toMatch(/<script|<img|<a\b|<b>|<strong>fed|<code>|<del>|<h1>Linje/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('**fed**');
  });

  it('keeps a pipe in an answer inside its table cell', () => {
    const row = markdown.split('\n').find((l) => l.startsWith('| 1 |'))!;
    expect(cells(row)).toHaveLength(3);
    expect(cells(row)[2]).toBe('&lt;script&gt;alert(1)&lt;/script&gt; a \\| b');
  });

  it('keeps user line breaks from starting new Markdown blocks', () => {
    expect(markdown.split('\n').some((l) => l.startsWith('# Linje') || l.startsWith('> citat'))).toBe(false);
    expect(markdown).toContain('Draft: Linje 1 # Linje 2');
  });
});

describe('escapeMarkdown', () => {
  it('escapes HTML, Markdown syntax and line breaks', () => {
    expect(escapeMarkdown('a & b < c > d')).toBe('a &amp; b &lt; c &gt; d');
    expect(escapeMarkdown('*a* _b_ `c` [d] |e| ~f~ \\g')).toBe('\\*a\\* \\_b\\_ \\`c\\` \\[d\\] \\|e\\| \\~f\\~ \\\\g');
    expect(escapeMarkdown('one\ntwo\r\nthree')).toBe('one two three');
  });

  it('escapes what would start a block at the beginning of a line', () => {
    expect(escapeMarkdown('# heading')).toBe('\\# heading');
    expect(escapeMarkdown('- item')).toBe('\\- item');
    expect(escapeMarkdown('12. marts')).toBe('12\\. marts');
    expect(escapeMarkdown('C# and 4.5 and -3')).toBe('C# and 4.5 and -3');
    const html = marked.parse(`- ${escapeMarkdown('1. ikke en liste')}`, { async: false });
    expect(html).toBe('<ul>\n<li>1. ikke en liste</li>\n</ul>\n');
  });

  it('leaves ordinary text, including æ ø å and quotes, untouched', () => {
    expect(escapeMarkdown('Vi gør det svære enkelt – »for alle« på Ærø.')).toBe(
      'Vi gør det svære enkelt – »for alle« på Ærø.',
    );
  });
});
