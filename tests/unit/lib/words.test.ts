import { describe, expect, it } from 'vitest';
import { countWords, judgeLength } from '../../../src/lib/words.ts';

describe('countWords', () => {
  it('counts nothing in empty or blank text', () => {
    expect(countWords('')).toBe(0);
    expect(countWords('  \n\t ')).toBe(0);
    expect(countWords('… – ! ?')).toBe(0);
  });

  it('counts plain words', () => {
    expect(countWords('Vi hjælper kunden videre')).toBe(4);
  });

  it('keeps Danish and Norwegian letters inside words', () => {
    expect(countWords('Æbler, øl og ål på Ærø')).toBe(6);
    expect(countWords('Vi gjør det vanskelige enkelt for kundene våre')).toBe(8);
    expect(countWords('ÆØÅæøå')).toBe(1);
  });

  it('keeps words whose letters are written as base letter plus combining mark', () => {
    const decomposed = 'Vi når både kunder og kolleger'.normalize('NFD');
    expect(decomposed).not.toBe(decomposed.normalize('NFC'));
    expect(countWords(decomposed)).toBe(6);
  });

  it('counts hyphenated words and words with inner apostrophes once', () => {
    expect(countWords('Kundens e-mail og IT-afdelingen')).toBe(4);
    expect(countWords("We don't stop")).toBe(3);
    expect(countWords('It’s what we do')).toBe(4);
  });

  it('does not glue words together across loose hyphens, dashes or quotes', () => {
    expect(countWords('for- og bagside')).toBe(3);
    expect(countWords('Vi – og kun vi – svarer')).toBe(5);
    expect(countWords("»kunden« 'først'")).toBe(2);
    expect(countWords('ja--nej')).toBe(2);
  });

  it('ignores punctuation and emoji but counts numbers', () => {
    expect(countWords('Hej!!! Vi svarer, altid.')).toBe(4);
    expect(countWords('Vi ❤️ vores kunder 🙂👍🏽')).toBe(3);
    expect(countWords('glad😀kunde')).toBe(2);
    expect(countWords('Vi svarer inden 24 timer')).toBe(5);
  });

  it('treats line breaks and tabs as spaces', () => {
    expect(countWords('Vi\nhjælper\tkunden')).toBe(3);
  });
});

describe('judgeLength', () => {
  it('places a word count against the target 7–10', () => {
    expect([0, 1, 6, 7, 8, 10, 11, 40].map((n) => judgeLength(n, 7, 10))).toEqual([
      'empty',
      'short',
      'short',
      'within',
      'within',
      'within',
      'long',
      'long',
    ]);
  });

  it('calls no words empty even when the target allows it to be short', () => {
    expect(judgeLength(0, 1, 1)).toBe('empty');
    expect(judgeLength(1, 1, 1)).toBe('within');
    expect(judgeLength(2, 1, 1)).toBe('long');
  });
});
