/**
 * The model's own validator (src/model/shape.ts) must be exactly as strict as zod/mini, which it
 * replaced in the browser: every shape of schema.ts, history.ts and locale.ts is loaded twice, once
 * on our validator and once with zod/mini in its place, and the same table of values goes through
 * both — the same accepted and refused, the same output (trim, defaults, dropped keys), and a
 * refusal pointing at the same field.
 */
import { isDeepStrictEqual } from 'node:util';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { z as mini } from 'zod/mini';
import { valid } from '../../../src/lib/import/context.ts';
import { ImportError } from '../../../src/lib/import/errors.ts';
import { z as ours, type Schema } from '../../../src/model/shape.ts';
import { valuesFor, type Described } from '../../helpers/shape-values.ts';

type Parser = { safeParse(value: unknown): { success: boolean; data?: unknown; error?: { issues: { path: PropertyKey[] }[] } } };

async function loadShapes(withZod: boolean): Promise<Record<string, Parser>> {
  vi.resetModules();
  if (withZod) vi.doMock('../../../src/model/shape.ts', () => ({ z: mini }));
  else vi.doUnmock('../../../src/model/shape.ts');
  const modules = [
    await import('../../../src/model/schema.ts'),
    await import('../../../src/model/history.ts'),
    await import('../../../src/model/locale.ts'),
  ];
  const shapes: Record<string, Parser> = {};
  for (const module of modules) {
    for (const [name, value] of Object.entries(module)) {
      if (typeof (value as Partial<Parser>)?.safeParse === 'function') shapes[name] = value as Parser;
    }
  }
  return shapes;
}

afterAll(() => {
  vi.doUnmock('../../../src/model/shape.ts');
  vi.resetModules();
});

/** Differences between the two parsers on `values`, described for the failure message. */
function differences(a: Parser, b: Parser, values: unknown[]): string[] {
  const found: string[] = [];
  for (const value of values) {
    const mine = a.safeParse(value);
    const theirs = b.safeParse(value);
    const same =
      mine.success === theirs.success &&
      (mine.success
        ? isDeepStrictEqual(mine.data, theirs.data)
        : // zod checks a list's length before its items; then its first issue is the list's own (path []).
          theirs.error?.issues[0]?.path.length === 0 ||
          isDeepStrictEqual(mine.error?.issues[0]?.path, theirs.error?.issues[0]?.path));
    if (!same) found.push(`${show(value)}: ours ${show(mine)}, zod/mini ${show(theirs)}`);
  }
  return found;
}

function show(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    typeof v === 'bigint' || typeof v === 'symbol' || (typeof v === 'number' && !Number.isFinite(v)) ? String(v) : v,
  ).slice(0, 300);
}

describe('the model validator against zod/mini', async () => {
  const zodShapes = await loadShapes(true);
  const ourShapes = await loadShapes(false);
  const names = Object.keys(zodShapes);

  it('finds the same shapes on both', () => {
    expect(names.length).toBeGreaterThan(25);
    expect(Object.keys(ourShapes).sort()).toEqual([...names].sort());
    // The comparison means something only if the two loads really differ.
    expect('_zod' in zodShapes.noteValue!).toBe(true);
    expect('_zod' in ourShapes.noteValue!).toBe(false);
  });

  it.each(names)('%s: the same verdict and output on 1500 generated values', (name) => {
    const values = valuesFor(zodShapes[name] as unknown as Described, 1500, name.length * 7919);
    const verdicts = values.map((v) => zodShapes[name]!.safeParse(v).success);
    // The table must hold both kinds, or it proves nothing about strictness.
    expect(verdicts).toContain(true);
    expect(verdicts).toContain(false);
    expect(differences(ourShapes[name]!, zodShapes[name]!, values)).toEqual([]);
  });

  const note = { id: 'n1', text: 'Hello', authorId: 'a'.repeat(21), authorName: null, at: 5 };
  it.each([
    ['noteValue', note, true],
    ['noteValue', { ...note, text: '   ' }, false],
    ['noteValue', { ...note, text: `  ${'x'.repeat(1200)}  ` }, true],
    ['noteValue', { ...note, text: 'x'.repeat(1201) }, false],
    ['noteValue', { ...note, at: -1 }, false],
    ['noteValue', { ...note, at: 1.5 }, false],
    ['noteValue', { ...note, merged: 201 }, false],
    ['noteValue', { ...note, merged: undefined, editedAt: undefined }, true],
    ['noteValue', { ...note, authorName: 'x'.repeat(41) }, false],
    ['noteValue', { ...note, id: undefined }, false],
    ['dotsValue', { dots: { a: 20 } }, undefined],
    ['dotsValue', { dots: { a: 21 } }, false],
    ['dotsValue', { dots: { '': 1 } }, false],
    ['wroteMarksValue', Array.from({ length: 20 }, () => 'm'), true],
    ['wroteMarksValue', Array.from({ length: 21 }, () => 'm'), false],
    ['wroteMarksValue', [''], false],
    ['stepToolsValue', {}, undefined],
    ['timerValue', { endsAt: Number.MAX_SAFE_INTEGER + 1 }, false],
    ['presenceValue', { name: null, role: 'guest' }, false],
    ['localeSchema', 'nb', true],
    ['localeSchema', 'no', false],
    ['restoreRequest', { at: 0 }, undefined],
    ['historyWho', { kind: 'server', seat: null, name: null, restoredTo: 0.5 }, false],
  ] as const)('%s: %j', (name, value, expected) => {
    const mine = ourShapes[name]!.safeParse(value);
    const theirs = zodShapes[name]!.safeParse(value);
    if (expected !== undefined) expect(mine.success).toBe(expected);
    expect(differences(ourShapes[name]!, zodShapes[name]!, [value])).toEqual([]);
    if (mine.success) expect(mine.data).toStrictEqual(theirs.data);
  });
});

describe('the validator pieces the islands use on their own', () => {
  // The same construction on both libraries: API answers and local storage (src/sync, src/islands).
  const build = (z: typeof ours) => ({
    recent: z.array(
      z.object({ room: z.string(), openedAt: z.number(), key: z.optional(z.string()), id: z.custom<string>((v) => v === 'ok') }),
    ),
    clock: z.object({ now: z.number().check(z.nonnegative()) }),
  });
  const a = build(ours) as unknown as Record<string, Parser>;
  const b = build(mini as unknown as typeof ours) as unknown as Record<string, Parser>;
  const row = { room: 'r', openedAt: 1, id: 'ok' };

  it.each([
    ['recent', [row, { ...row, key: 'k' }, { ...row, key: undefined }]],
    ['recent', [{ ...row, id: 'no' }]],
    ['recent', [{ ...row, openedAt: Infinity }]],
    ['recent', { 0: row }],
    ['recent', null],
    ['clock', { now: 0 }],
    ['clock', { now: -0.1 }],
    ['clock', { now: NaN }],
    ['clock', { now: '5' }],
    ['clock', Object.assign(Object.create(null) as object, { now: 3 })],
  ])('%s: %j', (name, value) => {
    expect(differences(a[name]!, b[name]!, [value])).toEqual([]);
  });
});

describe('refusals name the field and what was expected', () => {
  const note = ours.object({ text: ours.string().check(ours.trim(), ours.minLength(1), ours.maxLength(5)) });

  it('reads well in an import error', () => {
    const list: Schema<unknown> = ours.array(note);
    expect(() => valid(list, [{ text: 'ok' }, { text: 'far too long' }], 'import.steps[2].notes')).toThrow(
      new ImportError(
        'invalid_import',
        'import.steps[2].notes[1].text',
        'import.steps[2].notes[1].text: Too big: expected string to have <=5 characters',
      ),
    );
    expect(() => valid(list, [{ text: 7 }], 'x')).toThrow('x[0].text: Invalid input: expected string, received number');
  });

  it('parse() throws with the path, safeParse() keeps every issue', () => {
    expect(() => note.parse({ text: ' ' })).toThrow('text: Too small: expected string to have >=1 characters');
    const both = ours.object({ a: ours.int(), b: ours.enum(['x', 'y']) }).safeParse({ a: 0.5, b: 'z' });
    expect(both.success ? [] : both.error.issues).toEqual([
      { path: ['a'], message: 'Invalid input: expected int, received number' },
      { path: ['b'], message: 'Invalid option: expected one of "x"|"y"' },
    ]);
  });
});
