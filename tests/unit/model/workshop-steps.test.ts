import { describe, expect, it } from 'vitest';
import type { Workshop } from '../../../src/model/workshop.ts';
import { firstStepOfKind, stepOfKind } from '../../../src/model/workshop-steps.ts';

const text = (s: string) => ({ da: s, nb: s, en: s });
const base = (id: string) => ({ id, title: text(id), instruction: text(id) });

const workshop: Workshop = {
  id: 'five-whys',
  title: text('5 × why'),
  summary: text('Find your purpose'),
  minutes: 60,
  steps: [
    { ...base('intro'), kind: 'brief', body: text('Hello') },
    { ...base('why'), kind: 'ladder', depth: 5, startQuestion: text('Why?'), followUpQuestion: text('Why {answer}?') },
    {
      ...base('why-2'),
      kind: 'ladder',
      depth: 3,
      startQuestion: text('Why?'),
      followUpQuestion: text('Why {answer}?'),
    },
    { ...base('write'), kind: 'statement', minWords: 7, maxWords: 10, tooLongHint: text('KISS') },
    { ...base('agree'), kind: 'consent', statementStep: 'write' },
  ],
};

describe('firstStepOfKind', () => {
  it('finds the first step of a kind, typed', () => {
    const ladder = firstStepOfKind(workshop, 'ladder');
    expect(ladder?.id).toBe('why');
    expect(ladder?.depth).toBe(5);
  });

  it('returns undefined when there is none', () => {
    expect(firstStepOfKind(workshop, 'result')).toBeUndefined();
  });
});

describe('stepOfKind', () => {
  it('finds a step by id only if the kind matches', () => {
    expect(stepOfKind(workshop, 'write', 'statement')?.maxWords).toBe(10);
    expect(stepOfKind(workshop, 'write', 'ladder')).toBeUndefined();
    expect(stepOfKind(workshop, 'missing', 'statement')).toBeUndefined();
  });
});
