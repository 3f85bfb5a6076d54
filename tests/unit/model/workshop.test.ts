import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { workshopSchema } from '../../../src/model/workshop.ts';
import { fillTemplate, stepIndex } from '../../../src/model/workshop-steps.ts';
import { loadFiveWhys, readFiveWhysRaw } from '../../helpers/content.ts';

type Raw = Record<string, any>;
/** A fresh copy of five-whys.yaml as parsed YAML, for breaking one field. */
const raw = (): Raw => readFiveWhysRaw() as Raw;
const stepOf = (w: Raw, id: string): Raw => w.steps.find((s: Raw) => s.id === id);

function issues(input: unknown): z.core.$ZodIssue[] {
  const parsed = workshopSchema.safeParse(input);
  expect(parsed.success, 'the workshop should be rejected').toBe(false);
  return parsed.error?.issues ?? [];
}

describe('workshopSchema', () => {
  it('accepts workshops/five-whys.yaml', () => {
    const parsed = workshopSchema.safeParse(raw());
    expect(parsed.error?.issues ?? []).toEqual([]);
    const workshop = parsed.data!;
    expect(workshop.id).toBe('five-whys');
    expect(workshop.steps.map((s) => `${s.id}:${s.kind}`)).toEqual([
      'intro:brief',
      'ladder:ladder',
      'statement:statement',
      'agreement:consent',
      'result:result',
    ]);
    expect(workshop.title.da).toBe('5 × hvorfor: teamets formål');
  });

  it('rejects a text missing in one language, naming the language', () => {
    const w = raw();
    delete w.title.nb;
    expect(issues(w).map((i) => i.path)).toEqual([['title', 'nb']]);
  });

  it('rejects a blank text in one language with a readable message', () => {
    const w = raw();
    stepOf(w, 'ladder').startQuestion.en = '   ';
    expect(issues(w)).toMatchObject([
      { path: ['steps', 1, 'startQuestion', 'en'], message: 'text in "en" is missing' },
    ]);
  });

  it('says a missing text is missing, not just of the wrong type', () => {
    const w = raw();
    delete stepOf(w, 'statement').tooLongHint.da;
    expect(issues(w)).toMatchObject([{ path: ['steps', 2, 'tooLongHint', 'da'], message: 'text in "da" is missing' }]);
  });

  it('rejects duplicate step ids', () => {
    const w = raw();
    stepOf(w, 'result').id = 'intro';
    expect(issues(w)).toMatchObject([{ path: ['steps', 4, 'id'], message: 'duplicate step id "intro"' }]);
  });

  it('rejects a consent step pointing to a step that is not a statement', () => {
    const w = raw();
    stepOf(w, 'agreement').statementStep = 'ladder';
    expect(issues(w)).toMatchObject([
      {
        path: ['steps', 3, 'statementStep'],
        message: 'statementStep "ladder" must name an earlier statement or define step of this workshop',
      },
    ]);
  });

  it('rejects a consent step pointing to a step that does not exist', () => {
    const w = raw();
    stepOf(w, 'agreement').statementStep = 'nowhere';
    expect(issues(w).map((i) => i.path)).toEqual([['steps', 3, 'statementStep']]);
  });

  it('rejects a followUpQuestion without {answer} in any one language', () => {
    const w = raw();
    stepOf(w, 'ladder').followUpQuestion.nb = 'Hvorfor er det viktig?';
    expect(issues(w)).toMatchObject([
      { path: ['steps', 1, 'followUpQuestion'], message: 'followUpQuestion must contain {answer} in every language' },
    ]);
  });

  it('rejects minWords greater than maxWords, but accepts them equal', () => {
    const w = raw();
    Object.assign(stepOf(w, 'statement'), { minWords: 11, maxWords: 10 });
    expect(issues(w)).toMatchObject([{ path: ['steps', 2, 'minWords'], message: 'minWords must not exceed maxWords' }]);

    Object.assign(stepOf(w, 'statement'), { minWords: 10, maxWords: 10 });
    expect(workshopSchema.safeParse(w).success).toBe(true);
  });

  it.each([
    ['an upper-case step id', (w: Raw) => (stepOf(w, 'intro').id = 'Intro')],
    ['an unknown step kind', (w: Raw) => (stepOf(w, 'intro').kind = 'quiz')],
    ['a ladder deeper than 10', (w: Raw) => (stepOf(w, 'ladder').depth = 11)],
    ['a ladder of depth 0', (w: Raw) => (stepOf(w, 'ladder').depth = 0)],
    ['a fractional word count', (w: Raw) => (stepOf(w, 'statement').maxWords = 9.5)],
    ['no steps', (w: Raw) => (w.steps = [])],
    ['a workshop id with spaces', (w: Raw) => (w.id = 'five whys')],
  ])('rejects %s', (_what, breakIt) => {
    const w = raw();
    breakIt(w);
    expect(workshopSchema.safeParse(w).success).toBe(false);
  });
});

describe('fillTemplate', () => {
  it('replaces every known placeholder', () => {
    expect(fillTemplate('Hvorfor er det vigtigt, at {answer}? ({answer})', { answer: 'vi hjælper' })).toBe(
      'Hvorfor er det vigtigt, at vi hjælper? (vi hjælper)',
    );
    expect(fillTemplate('{a} og {b}', { a: 'æble', b: 'ø' })).toBe('æble og ø');
  });

  it('leaves unknown placeholders and other braces alone', () => {
    expect(fillTemplate('{answer} {unknown} { answer } {}', { answer: 'x' })).toBe('x {unknown} { answer } {}');
  });

  it('inserts values literally: no replacement patterns, no second pass', () => {
    expect(fillTemplate('at {answer}', { answer: '$& $1 {answer}' })).toBe('at $& $1 {answer}');
    expect(fillTemplate('{a}{b}', { a: '{b}', b: 'B' })).toBe('{b}B');
  });
});

describe('stepIndex', () => {
  it('finds a step by id and falls back to the first step', () => {
    const workshop = loadFiveWhys();
    expect(stepIndex(workshop, 'statement')).toBe(2);
    expect(stepIndex(workshop, 'nope')).toBe(0);
    expect(stepIndex(workshop, undefined)).toBe(0);
  });
});
