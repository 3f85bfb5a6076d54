/** Which result a poster shows, its address, and how large its type is set so it fits one page. */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import {
  posterList,
  sentenceTier,
  wrappedLines,
  LIST_SIZES,
  SENTENCE_SIZES,
  POSTER_MAX_ITEMS,
  type ListResult,
} from '../../../src/lib/poster-fit.ts';
import { isPosterFormat, posterPath, posterResult } from '../../../src/lib/poster.ts';
import { TEXT_LIMITS } from '../../../src/model/schema.ts';
import { DEFINITION, exportOfFullRun, PURPOSE } from './export/full-run.ts';

describe('posterResult', () => {
  const { model } = exportOfFullRun('da');

  it('shows the first sentence by default: the purpose', () => {
    expect(posterResult(model, null)).toMatchObject({ kind: 'statement', text: PURPOSE, agreed: true });
  });

  it('picks a result by its step, by the consent step that agreed it, or by the step a vote chose from', () => {
    expect(posterResult(model, 'define')).toMatchObject({ kind: 'definition', text: DEFINITION });
    expect(posterResult(model, 'agree-definition')).toMatchObject({ kind: 'definition', text: DEFINITION });
    expect(posterResult(model, 'core')).toMatchObject({ kind: 'chosen', stepId: 'core' });
    expect(posterResult(model, 'questions')).toMatchObject({ kind: 'chosen', stepId: 'core' });
    expect(posterResult(model, 'themes')).toMatchObject({ kind: 'groups' });
  });

  it('finds nothing for a step without a result, and falls back to the first result without a sentence', () => {
    expect(posterResult(model, 'stories')).toBeNull();
    expect(posterResult(model, 'no-such-step')).toBeNull();
    const lists = { ...model, results: model.results.filter((r) => r.kind !== 'statement' && r.kind !== 'definition') };
    expect(posterResult(lists, null)).toMatchObject({ kind: 'behaviours' });
    expect(posterResult({ ...model, results: [] }, null)).toBeNull();
  });
});

describe('posterPath', () => {
  it('carries the size, the result and the invite, escaped', () => {
    expect(posterPath('room-1', { format: 'a4' })).toBe('/r/room-1/poster?format=a4');
    expect(posterPath('room-1', { format: 'screen', result: 'define', invite: 'a&b' })).toBe(
      '/r/room-1/poster?format=screen&result=define&invite=a%26b',
    );
    expect(isPosterFormat('a3')).toBe(true);
    expect(isPosterFormat('letter')).toBe(false);
  });
});

describe('wrappedLines', () => {
  it('wraps at word boundaries and breaks only words longer than a line', () => {
    expect(wrappedLines('', 10)).toBe(0);
    expect(wrappedLines('one two three', 13)).toBe(1);
    expect(wrappedLines('one two three', 7)).toBe(2);
    expect(wrappedLines('abcdefghijklmnopqrstuv', 10)).toBe(3);
    expect(wrappedLines('ab abcdefghijklmnopqrst', 10)).toBe(3);
  });
});

describe('sentenceTier', () => {
  const words = (n: number) =>
    Array.from({ length: n }, (_, i) => ['kunder', 'på', 'Ærø', 'trygge', 'hjem', 'vi'][i % 6]).join(' ');

  it('sets a short purpose largest and a longer text never larger', () => {
    expect(sentenceTier('Vi gør dagen lettere', 'a4')).toBe(1);
    let previous = 1;
    for (let n = 2; n <= 80; n += 3) {
      const tier = sentenceTier(words(n), 'a4');
      expect(tier).toBeGreaterThanOrEqual(previous);
      previous = tier;
    }
  });

  it('fits the longest statement allowed in the smallest tier', () => {
    const longest = 'Vi lytter først og spørger så '.repeat(20).slice(0, TEXT_LIMITS.statement);
    for (const format of ['a4', 'a3', 'screen'] as const) {
      expect(sentenceTier(longest, format)).toBeLessThanOrEqual(SENTENCE_SIZES.length);
    }
    expect(sentenceTier(longest, 'a4')).toBeGreaterThan(sentenceTier(PURPOSE, 'a4'));
  });

  it('sets a long compound word smaller rather than breaking it', () => {
    const plain = sentenceTier('Vi gør oplevelsen tryggere for alle vores kunder', 'a4');
    const compound = sentenceTier('Vi gør kundeserviceoplevelsen tryggere for alle vores kunder', 'a4');
    expect(compound).toBeGreaterThan(plain);
  });
});

describe('posterList', () => {
  const behaviours = (n: number, detail: string): ListResult => ({
    kind: 'behaviours',
    stepId: 'behaviours',
    title: 'Adfærd',
    items: Array.from({ length: n }, (_, i) => ({
      id: `b${i}`,
      position: i + 1,
      text: `Vi ringer kunden op igen inden for en arbejdsdag (${i + 1})`,
      how: detail,
      signs: detail,
    })),
  });

  it('keeps details for a short list and numbers it', () => {
    const list = posterList(behaviours(3, 'Vi skriver det i sagen.'), 'a4');
    expect(list).toMatchObject({ withDetails: true, numbered: true, more: 0 });
    expect(list.items[0]?.details.map((d) => d.label)).toEqual(['how', 'signs']);
  });

  it('cuts a long list to the poster’s most, without details, in a smaller tier', () => {
    const list = posterList(behaviours(14, 'Vi skriver det i sagen og sætter en påmindelse.'), 'a4');
    expect(list.items).toHaveLength(POSTER_MAX_ITEMS);
    expect(list.more).toBe(14 - POSTER_MAX_ITEMS);
    expect(list.withDetails).toBe(false);
    expect(list.tier).toBeGreaterThan(posterList(behaviours(3, ''), 'a4').tier);
  });

  it('drops details that would make the type too small', () => {
    const long = 'Vi skriver det i sagen og sætter en påmindelse, så ingen glemmer det, og så ringer vi. '.repeat(4);
    expect(posterList(behaviours(6, long.slice(0, TEXT_LIMITS.behaviourDetail)), 'a4').withDetails).toBe(false);
  });

  it('leaves groups unnumbered: their order says nothing', () => {
    const groups: ListResult = {
      kind: 'groups',
      stepId: 'themes',
      title: 'Fællesnævneren',
      groups: [{ id: 'g1', name: 'Hurtig hjælp', size: 3 }],
    };
    expect(posterList(groups, 'screen')).toMatchObject({ numbered: false, tier: 1 });
  });
});

describe('poster.css', () => {
  it('sets the sizes poster-fit.ts chooses between', () => {
    const css = fs.readFileSync(new URL('../../../src/styles/poster.css', import.meta.url), 'utf8');
    SENTENCE_SIZES.forEach((size, i) => {
      const rule = new RegExp(`\\.poster--tier-${i + 1} \\{\\s*--size: ${size};\\s*--list: ${LIST_SIZES[i]};`);
      expect(css).toMatch(rule);
    });
  });
});
