/**
 * The model's own validator for the values the browser parses (documents, awareness, API answers,
 * local storage). It offers exactly the part of zod/mini's API that `src/` uses, with the same
 * accept/refuse and the same output (trimming, defaults, unknown keys dropped), so the shapes read
 * as before; tests/unit/model/shape.test.ts runs every shape through both and compares. Why not
 * zod/mini: its core alone was ~6 KB gzipped of the participant page's 120 KB budget.
 *
 * Refusals carry a path and a readable message, because the server's import path reports them
 * (`valid()` in src/lib/import/context.ts) to whoever uploaded the file.
 */

export type Issue = { path: (string | number)[]; message: string };
export type Parsed<T> = { success: true; data: T } | { success: false; error: { issues: Issue[] } };
/** Runs on a value that passed the base type; returns the value to go on with (trim changes it). */
type Check = (value: never, issues: Issue[], path: (string | number)[]) => unknown;

/** `Opt` marks a field an object may leave out (z.optional). */
export interface Schema<T, Opt extends boolean = boolean> {
  safeParse(value: unknown): Parsed<T>;
  parse(value: unknown): T;
  check(...checks: Check[]): Schema<T, Opt>;
  /** Parses `value` at `path`, pushing what is wrong onto `issues`; the result counts only when none were added. */
  run(value: unknown, issues: Issue[], path: (string | number)[]): T;
  /** 'optional': leaving the key out leaves it out; 'default': leaving it out gives the default. */
  readonly absent?: 'optional' | 'default';
  /** Type marker only. */
  readonly _opt?: Opt;
}
export type Infer<S> = S extends Schema<infer T> ? T : never;

type Shape = Record<string, Schema<unknown>>;
type Flat<T> = { [K in keyof T]: T[K] };
type ObjectOut<S extends Shape> = Flat<
  { [K in keyof S as S[K] extends Schema<unknown, true> ? never : K]: Infer<S[K]> } & {
    [K in keyof S as S[K] extends Schema<unknown, true> ? K : never]?: Infer<S[K]>;
  }
>;

function received(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && Number.isNaN(value)) return 'NaN';
  return typeof value;
}

function fail(issues: Issue[], path: (string | number)[], message: string): void {
  issues.push({ path: [...path], message });
}

function typeIssue(issues: Issue[], path: (string | number)[], expected: string, value: unknown): void {
  fail(issues, path, `Invalid input: expected ${expected}, received ${received(value)}`);
}

function schema<T, Opt extends boolean = false>(
  run: Schema<T>['run'],
  absent?: 'optional' | 'default',
  checks: Check[] = [],
): Schema<T, Opt> {
  const withChecks: Schema<T>['run'] = (value, issues, path) => {
    const before = issues.length;
    let out: unknown = run(value, issues, path);
    // As in zod, checks run only on a value of the right type.
    if (issues.length > before) return out as T;
    for (const c of checks) out = c(out as never, issues, path);
    return out as T;
  };
  return {
    run: withChecks,
    absent,
    check: (...more) => schema<T, Opt>(run, absent, [...checks, ...more]),
    safeParse(value) {
      const issues: Issue[] = [];
      const data = withChecks(value, issues, []);
      return issues.length === 0 ? { success: true, data } : { success: false, error: { issues } };
    },
    parse(value) {
      const parsed = this.safeParse(value);
      if (parsed.success) return parsed.data;
      const [first] = parsed.error.issues;
      throw new TypeError(`${first?.path.join('.') || 'value'}: ${first?.message ?? 'invalid'}`);
    },
  };
}

/** Plain object as zod's records require: not an array, and no class instance other than Object. */
function isPlainObject(value: unknown): value is Record<string | symbol, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const ctor = (value as { constructor?: unknown }).constructor;
  if (ctor === undefined || typeof ctor !== 'function') return true;
  const proto: unknown = ctor.prototype;
  if (typeof proto !== 'object' || proto === null || Array.isArray(proto)) return false;
  return Object.prototype.hasOwnProperty.call(proto, 'isPrototypeOf');
}

const lengthOf = (value: string | unknown[]) => value.length;
const unitOf = (value: string | unknown[]) => (typeof value === 'string' ? 'string' : 'array');
const unitWord = (value: string | unknown[]) => (typeof value === 'string' ? 'characters' : 'items');

function gte(min: number): Check {
  return (value: number, issues, path) => {
    if (!(value >= min)) fail(issues, path, `Too small: expected number to be >=${min}`);
    return value;
  };
}

export const z = {
  string: () =>
    schema<string>((v, issues, path) => {
      if (typeof v !== 'string') typeIssue(issues, path, 'string', v);
      return v as string;
    }),
  number: () =>
    schema<number>((v, issues, path) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) typeIssue(issues, path, 'number', v);
      return v as number;
    }),
  /** A safe integer (zod's z.int()). */
  int: () =>
    schema<number>((v, issues, path) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) typeIssue(issues, path, 'number', v);
      else if (!Number.isInteger(v)) typeIssue(issues, path, 'int', v);
      else if (!Number.isSafeInteger(v)) fail(issues, path, 'Too big or too small: expected a safe integer');
      return v as number;
    }),
  boolean: () =>
    schema<boolean>((v, issues, path) => {
      if (typeof v !== 'boolean') typeIssue(issues, path, 'boolean', v);
      return v as boolean;
    }),
  enum: <const E extends readonly string[]>(options: E) =>
    schema<E[number]>((v, issues, path) => {
      if (!options.includes(v as string)) {
        fail(issues, path, `Invalid option: expected one of ${options.map((o) => JSON.stringify(o)).join('|')}`);
      }
      return v as E[number];
    }),
  /** Passes what `guard` accepts, as the type it names. */
  custom: <T>(guard: (value: unknown) => boolean) =>
    schema<T>((v, issues, path) => {
      if (!guard(v)) fail(issues, path, 'Invalid input');
      return v as T;
    }),
  nullable: <T>(inner: Schema<T>) =>
    schema<T | null>((v, issues, path) => (v === null ? null : inner.run(v, issues, path))),
  optional: <T>(inner: Schema<T>) =>
    schema<T | undefined, true>((v, issues, path) => (v === undefined ? undefined : inner.run(v, issues, path)), 'optional'),
  /** `fallback` when the value is undefined (or its key absent); the fallback itself is not checked, as in zod. */
  _default: <T>(inner: Schema<T>, fallback: T) =>
    schema<T>((v, issues, path) => (v === undefined ? fallback : inner.run(v, issues, path)), 'default'),
  array: <T>(element: Schema<T>) =>
    schema<T[]>((v, issues, path) => {
      if (!Array.isArray(v)) {
        typeIssue(issues, path, 'array', v);
        return [];
      }
      return v.map((item, i) => element.run(item, issues, [...path, i]));
    }),
  /** Every own enumerable key must pass `key` (a symbol never does); values pass `value`. */
  record: <T>(key: Schema<string>, value: Schema<T>) =>
    schema<Record<string, T>>((v, issues, path) => {
      const out: Record<string, T> = {};
      if (!isPlainObject(v)) {
        typeIssue(issues, path, 'record', v);
        return out;
      }
      for (const k of Reflect.ownKeys(v)) {
        if (k === '__proto__' || !Object.prototype.propertyIsEnumerable.call(v, k)) continue;
        const keyIssues: Issue[] = [];
        const outKey = key.run(k, keyIssues, []);
        if (typeof k !== 'string' || keyIssues.length > 0) {
          fail(issues, [...path, String(k)], 'Invalid key in record');
          continue;
        }
        if (outKey === '__proto__') continue;
        out[outKey] = value.run(v[k], issues, [...path, k]);
      }
      return out;
    }),
  /** Known keys only: others are dropped. A key may be left out only when its schema is optional or defaulted. */
  object: <S extends Shape>(shape: S) =>
    schema<ObjectOut<S>>((v, issues, path) => {
      const out: Record<string, unknown> = {};
      if (typeof v !== 'object' || v === null || Array.isArray(v)) {
        typeIssue(issues, path, 'object', v);
        return out as ObjectOut<S>;
      }
      for (const [k, field] of Object.entries(shape)) {
        if (k === '__proto__') continue;
        // `in`, as zod: a key present with the value undefined is kept (optional) or defaulted.
        const present = k in v;
        if (!present && field.absent === 'optional') continue;
        const result = field.run((v as Record<string, unknown>)[k], issues, [...path, k]);
        if (result !== undefined || present || field.absent === 'default') out[k] = result;
      }
      return out as ObjectOut<S>;
    }),

  // Checks, in the order given to .check().
  trim: (): Check => (value: string) => value.trim(),
  minLength:
    (min: number): Check =>
    (value: string | unknown[], issues, path) => {
      if (lengthOf(value) < min) fail(issues, path, `Too small: expected ${unitOf(value)} to have >=${min} ${unitWord(value)}`);
      return value;
    },
  maxLength:
    (max: number): Check =>
    (value: string | unknown[], issues, path) => {
      if (lengthOf(value) > max) fail(issues, path, `Too big: expected ${unitOf(value)} to have <=${max} ${unitWord(value)}`);
      return value;
    },
  gte,
  lte:
    (max: number): Check =>
    (value: number, issues, path) => {
      if (!(value <= max)) fail(issues, path, `Too big: expected number to be <=${max}`);
      return value;
    },
  nonnegative: (): Check => gte(0),
};
