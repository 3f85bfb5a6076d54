/**
 * Norwegian has one word for behaviours throughout, "handling" (as the
 * workshops' texts use it): a participant who reads "handling" on the board and
 * "atferd" in the export or the history is left to guess whether they are the same thing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { translator } from '../../../src/i18n/index.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const OTHER_WORDS = /\b(atferd|adferd|oppførsel|prestasjon)\w*/giu;

describe('the Norwegian word for behaviours', () => {
  it('is "handling" in every catalog and workshop, never "atferd" or a synonym', () => {
    const files = [
      ...fs
        .readdirSync(path.join(ROOT, 'src/i18n'))
        .filter((f) => f.endsWith('.nb.ts'))
        .map((f) => `src/i18n/${f}`),
      ...fs
        .readdirSync(path.join(ROOT, 'workshops'))
        .filter((f) => f.endsWith('.yaml'))
        .map((f) => `workshops/${f}`),
    ];
    const found: string[] = [];
    for (const file of files) {
      const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
      // Workshop files: only the Norwegian lines (`nb:` and the folded lines under it).
      const norwegian = file.endsWith('.yaml') ? norwegianOf(text) : text;
      for (const match of norwegian.matchAll(OTHER_WORDS)) found.push(`${file}: ${match[0]}`);
    }
    expect(found).toEqual([]);
  });

  it('names the behaviours the same in the export, the history and undo', () => {
    const t = translator('nb');
    for (const key of ['export.behaviour', 'export.behavioursResult', 'history.collection.behaviours'] as const) {
      expect(t(key).toLowerCase()).toMatch(/handling/u);
    }
  });
});

/** The text under each `nb:` key of a YAML file (inline or folded), by indentation. */
function norwegianOf(yaml: string): string {
  const out: string[] = [];
  let indent = -1;
  for (const line of yaml.split('\n')) {
    const lead = line.length - line.trimStart().length;
    if (indent >= 0 && (line.trim() === '' || lead > indent)) {
      out.push(line);
      continue;
    }
    indent = -1;
    const key = /^(\s*)nb:\s*(.*)$/u.exec(line);
    if (key) {
      indent = key[1]!.length;
      out.push(key[2]!);
    }
  }
  return out.join('\n');
}
