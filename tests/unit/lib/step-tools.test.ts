import { describe, expect, it } from 'vitest';
import { contributionCounting, stepHasReveal, stepTakesInput } from '../../../src/lib/step-tools.ts';
import type { WorkshopStep } from '../../../src/model/workshop.ts';

const text = (s: string) => ({ da: s, nb: s, en: s });
const base = (id: string) => ({ id, title: text(id), instruction: text(id) });
const notes = (silent: boolean): WorkshopStep => ({
  ...base('notes'),
  kind: 'notes',
  length: 'short',
  silent,
  anonymous: false,
});
const steps: Record<string, WorkshopStep> = {
  brief: { ...base('intro'), kind: 'brief', body: text('Hi') },
  ladder: {
    ...base('why'),
    kind: 'ladder',
    depth: 3,
    startQuestion: text('Why?'),
    followUpQuestion: text('{answer}?'),
  },
  statement: { ...base('write'), kind: 'statement', minWords: 1, maxWords: 9, tooLongHint: text('Short') },
  vote: { ...base('vote'), kind: 'vote', source: 'notes', budget: 3 },
  define: {
    ...base('define'),
    kind: 'define',
    term: text('service'),
    draftInstruction: text('Draft'),
    minWords: 3,
    maxWords: 20,
  },
  result: { ...base('end'), kind: 'result' },
};

describe('step tools', () => {
  it('offers Reveal only where something is held back', () => {
    expect(stepHasReveal(notes(true))).toBe(true);
    expect(stepHasReveal(notes(false))).toBe(false);
    expect(stepHasReveal(steps.vote!)).toBe(true);
    expect(stepHasReveal(steps.define!)).toBe(true);
    for (const kind of ['brief', 'ladder', 'statement', 'result'])
      expect(stepHasReveal(steps[kind]!), kind).toBe(false);
  });

  it('offers Lock on every step with participant input', () => {
    expect(stepTakesInput(steps.brief!)).toBe(false);
    expect(stepTakesInput(steps.result!)).toBe(false);
    for (const step of [steps.ladder!, steps.statement!, steps.vote!, steps.define!, notes(true)]) {
      expect(stepTakesInput(step), step.kind).toBe(true);
    }
  });

  it('counts silent work only after Reveal, and nothing on read-only steps or the shared sentence', () => {
    expect(contributionCounting(notes(true))).toBe('afterReveal');
    expect(contributionCounting(steps.define!)).toBe('afterReveal');
    expect(contributionCounting(notes(false))).toBe('live');
    expect(contributionCounting(steps.ladder!)).toBe('live');
    expect(contributionCounting(steps.vote!)).toBe('live');
    for (const kind of ['brief', 'statement', 'result']) expect(contributionCounting(steps[kind]!), kind).toBe('none');
  });
});
