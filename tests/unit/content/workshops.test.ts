/**
 * The product's workshops in `workshops/`: each loads with the server's loader, the core
 * workshops follow their methods, results flow from one workshop into the next, and the
 * texts are complete, translated and honest about what participants' input does.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadWorkshops } from '../../../server/content/workshops.ts';
import { LOCALES, type Locale } from '../../../src/model/locale.ts';
import { TEXT_LIMITS } from '../../../src/model/schema.ts';
import type { StepKind, StepOf, Workshop } from '../../../src/model/workshop.ts';
import { WORKSHOPS_DIR } from '../../helpers/content.ts';

const workshops = loadWorkshops(WORKSHOPS_DIR);
const all = [...workshops.values()];

const CORE = ['five-whys', 'good-examples', 'service-minded', 'question-list'] as const;
/** Methods from the articles written as content only, proving the engine is general. */
const MORE = ['co-listening-focus', 'listening-levels', 'decisions', 'leader-time'] as const;

/** A text this long reads the same in two languages only if someone forgot to translate it. */
const TRANSLATED_FROM_CHARS = 60;
/** A generous length for one word plus its space, to check word targets against stored limits. */
const LONG_WORD_CHARS = 15;

function workshop(id: string): Workshop {
  const found = workshops.get(id);
  if (!found) throw new Error(`workshops/${id}.yaml is missing`);
  return found;
}

function only<K extends StepKind>(w: Workshop, kind: K): StepOf<K> {
  const steps = w.steps.filter((s): s is StepOf<K> => s.kind === kind);
  expect(steps, `${w.id} should have one ${kind} step`).toHaveLength(1);
  return steps[0]!;
}

const kinds = (w: Workshop) => w.steps.map((s) => s.kind);

type Localized = Record<Locale, string>;
const isLocalized = (v: unknown): v is Localized =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).sort().join() === 'da,en,nb';

/** Every translated text of a workshop file (as written, before defaults), with where it sits. */
function texts(node: unknown, at = ''): { at: string; text: Localized }[] {
  if (isLocalized(node)) return [{ at, text: node }];
  if (Array.isArray(node)) return node.flatMap((v, i) => texts(v, `${at}[${i}]`));
  if (typeof node === 'object' && node !== null) {
    return Object.entries(node).flatMap(([k, v]) => {
      const id = (v as { id?: unknown } | null)?.id;
      return texts(v, `${at}.${k}${typeof id === 'string' ? `(${id})` : ''}`);
    });
  }
  return [];
}

const rawFiles = fs
  .readdirSync(WORKSHOPS_DIR)
  .filter((f) => f.endsWith('.yaml'))
  .map((file) => ({ file, raw: parse(fs.readFileSync(path.join(WORKSHOPS_DIR, file), 'utf8')) as unknown }));

describe('the product workshops', () => {
  it('include the four core workshops and the further methods', () => {
    expect([...workshops.keys()]).toEqual(expect.arrayContaining([...CORE, ...MORE]));
    expect(rawFiles.map((f) => f.file).sort()).toEqual([...workshops.keys()].map((id) => `${id}.yaml`).sort());
  });

  it.each(all.map((w) => [w.id, w] as const))('%s runs from a brief to a result', (_id, w) => {
    expect(w.steps[0]?.kind).toBe('brief');
    expect(w.steps.at(-1)?.kind).toBe('result');
    expect(w.steps.filter((s) => s.kind === 'result')).toHaveLength(1);
  });

  it.each(all.map((w) => [w.id, w] as const))('%s plans its time step by step', (_id, w) => {
    for (const step of w.steps) expect(step.minutes, `${w.id}/${step.id} has no minutes`).toBeGreaterThan(0);
    expect(w.steps.reduce((sum, s) => sum + (s.minutes ?? 0), 0)).toBe(w.minutes);
  });

  it.each(all.map((w) => [w.id, w] as const))('%s gives the facilitator notes on every step', (_id, w) => {
    for (const step of w.steps) expect(step.facilitatorNotes, `${w.id}/${step.id}`).toBeDefined();
  });
});

describe('the core workshops', () => {
  it('5 × hvorfor receives the common thread of the good examples on its ladder', () => {
    const w = workshop('five-whys');
    expect(kinds(w)).toEqual(['brief', 'ladder', 'statement', 'consent', 'result']);
    expect(only(w, 'ladder').carryIn).toEqual(['purpose-seed']);
  });

  it('Saml de gode eksempler: 5–10 named stories → groups → one sentence handed on', () => {
    const w = workshop('good-examples');
    expect(kinds(w)).toEqual(['brief', 'notes', 'group', 'statement', 'result']);
    const stories = only(w, 'notes');
    expect(stories).toMatchObject({ length: 'story', target: { min: 5, max: 10 }, anonymous: false });
    expect(only(w, 'group').source).toBe(stories.id);
    const sentence = only(w, 'statement');
    expect(sentence.carryOut).toBe('purpose-seed');
    expect(sentence.maxWords * LONG_WORD_CHARS).toBeLessThanOrEqual(TEXT_LIMITS.statement);
  });

  it('Serviceinnstilt: silent definitions → agreement → behaviours built on the definition', () => {
    const w = workshop('service-minded');
    expect(kinds(w)).toEqual(['brief', 'define', 'consent', 'behaviours', 'result']);
    const define = only(w, 'define');
    expect(define.term).toEqual({ da: 'servicemindet', nb: 'serviceinnstilt', en: 'service-minded' });
    expect(define.maxWords * LONG_WORD_CHARS).toBeLessThanOrEqual(TEXT_LIMITS.definition);
    expect(only(w, 'consent').statementStep).toBe(define.id);
    const behaviours = only(w, 'behaviours');
    expect(behaviours.source).toBe(define.id);
    expect(behaviours.carryOut).toBe('behaviours');
    expect(w.steps[0]?.title.en).toBe('How long is long?');
  });

  it('Bruttoliste med spørsmål: questions by moment → a vote that keeps the core list', () => {
    const w = workshop('question-list');
    expect(kinds(w)).toEqual(['brief', 'questions', 'vote', 'result']);
    const questions = only(w, 'questions');
    expect(questions.carryIn).toEqual(['behaviours']);
    const moments = questions.moments.map((m) => m.id);
    expect(moments[0]).toBe('opening');
    expect(moments.at(-1)).toBe('closing');
    expect(moments.length).toBeGreaterThanOrEqual(4);
    const vote = only(w, 'vote');
    expect(vote.source).toBe(questions.id);
    expect(vote.keepTop).toBeGreaterThan(0);
    expect(only(w, 'result').show?.[0]).toBe(vote.id);
  });

  it('every result a step takes in is handed on by another workshop, and the other way round', () => {
    const producers = all.flatMap((w) => w.steps.filter((s) => s.carryOut).map((s) => ({ w: w.id, tag: s.carryOut! })));
    const consumers = all.flatMap((w) => w.steps.flatMap((s) => (s.carryIn ?? []).map((tag) => ({ w: w.id, tag }))));
    for (const c of consumers) {
      expect(
        producers.some((p) => p.tag === c.tag && p.w !== c.w),
        `nothing hands on "${c.tag}" to ${c.w}`,
      ).toBe(true);
    }
    for (const p of producers) {
      expect(
        consumers.some((c) => c.tag === p.tag && c.w !== p.w),
        `nobody takes in "${p.tag}" from ${p.w}`,
      ).toBe(true);
    }
  });
});

describe('the texts', () => {
  const allTexts = rawFiles.flatMap(({ file, raw }) => texts(raw).map((t) => ({ ...t, at: `${file}${t.at}` })));

  it('are found', () => {
    expect(allTexts.length).toBeGreaterThan(100);
  });

  it('are translated, not copied between languages', () => {
    const copied = allTexts
      .filter(({ text }) => text.en.length >= TRANSLATED_FROM_CHARS)
      .filter(({ text }) => text.da === text.nb || text.da === text.en || text.nb === text.en)
      .map(({ at }) => at);
    expect(copied).toEqual([]);
  });

  it('use the quotation marks and apostrophes of each language', () => {
    // Danish quotes »like this«, Norwegian «like this», English “like this” – and ’ as the apostrophe.
    const wrong: Record<Locale, RegExp> = { da: /[“”"']|«[\p{L}\d]/u, nb: /[“”"']|»[\p{L}\d]/u, en: /[«»"']/ };
    const found = allTexts.flatMap(({ at, text }) =>
      LOCALES.filter((l) => wrong[l].test(text[l])).map((l) => `${at}.${l}: ${text[l]}`),
    );
    expect(found).toEqual([]);
  });

  it('use headings below the page’s own in brief bodies', () => {
    const briefs = all.flatMap((w) => w.steps.filter((s): s is StepOf<'brief'> => s.kind === 'brief'));
    for (const brief of briefs) {
      for (const l of LOCALES) expect(brief.body[l], `${brief.id}.${l}`).not.toMatch(/^#{1,2} /m);
    }
  });
});

describe('what a step tells participants matches what it does', () => {
  const steps = all.flatMap((w) => w.steps.map((s) => ({ w: w.id, s })));
  const ofKind = <K extends StepKind>(kind: K) =>
    steps.filter((x): x is { w: string; s: StepOf<K> } => x.s.kind === kind);

  it('notes steps say they are private until revealed exactly when they are silent', () => {
    for (const { w, s } of ofKind('notes')) {
      expect(/until the facilitator reveals/i.test(s.instruction.en), `${w}/${s.id}`).toBe(s.silent);
    }
  });

  it('notes steps say they are anonymous exactly when they are', () => {
    for (const { w, s } of ofKind('notes')) {
      expect(/anonymous|without names/i.test(s.instruction.en), `${w}/${s.id}`).toBe(s.anonymous);
    }
  });

  it('notes placeholders are examples that fit in a note', () => {
    for (const { w, s } of ofKind('notes')) {
      const limit = s.length === 'story' ? TEXT_LIMITS.story : TEXT_LIMITS.note;
      for (const l of LOCALES) expect((s.placeholder?.[l] ?? '').length, `${w}/${s.id}.${l}`).toBeLessThan(limit);
    }
  });

  it('vote steps name the budget and the most dots per item in every language', () => {
    const votes = ofKind('vote');
    expect(votes.length).toBeGreaterThanOrEqual(4);
    for (const { w, s } of votes) {
      for (const l of LOCALES) {
        expect(s.instruction[l], `${w}/${s.id}.${l}`).toContain(`${s.budget} `);
        if (s.maxPerItem !== undefined && s.maxPerItem > 1) expect(s.instruction[l]).toContain(`${s.maxPerItem} `);
      }
    }
  });

  it('define and statement targets fit the stored text limits', () => {
    for (const { w, s } of [...ofKind('define'), ...ofKind('statement')]) {
      const limit = s.kind === 'define' ? TEXT_LIMITS.definition : TEXT_LIMITS.statement;
      expect(s.maxWords * LONG_WORD_CHARS, `${w}/${s.id}`).toBeLessThanOrEqual(limit);
    }
  });
});
