/**
 * Values to run through the model's validator and zod/mini side by side: for every shape, values
 * made from zod/mini's own description of it, each field at, below and above the limits the
 * model uses, of the wrong type, missing, undefined, or beside an extra key. Seeded, so every run
 * tries the same values.
 */
import { TEXT_LIMITS } from '../../src/model/schema.ts';

type ZodDef = {
  type: string;
  shape?: Record<string, { _zod: { def: ZodDef } }>;
  innerType?: { _zod: { def: ZodDef } };
  element?: { _zod: { def: ZodDef } };
  keyType?: { _zod: { def: ZodDef } };
  valueType?: { _zod: { def: ZodDef } };
  entries?: Record<string, string>;
};
export type Described = { _zod: { def: ZodDef } };

/** Every limit in the model, one below and one above it, and the values zod treats specially. */
/** The timer's longest run (a day) is a limit of numbers only; strings that long would only slow the test. */
const DAY_MS = 86_400_000;
const LIMITS = [0, 1, 2, 20, 40, 60, 80, 200, ...Object.values(TEXT_LIMITS)];
const LENGTHS = [...new Set(LIMITS.flatMap((n) => [n - 1, n, n + 1]).filter((n) => n >= 0))];
const NUMBERS = [
  ...[...LIMITS, DAY_MS].flatMap((n) => [n - 1, n, n + 1, -n]),
  -0,
  0.5,
  -0.5,
  1.5,
  20.000001,
  1e21,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 1,
  Number.MIN_SAFE_INTEGER,
  Number.MIN_SAFE_INTEGER - 1,
  NaN,
  Infinity,
  -Infinity,
  1_764_770_000_000,
];
const WRONG: unknown[] = [null, undefined, true, false, 0, 1, '', 'x', [], {}, [1], { a: 1 }, new Date(0), new Map(), 3n, Symbol('s')];

/** Small seeded generator (mulberry32), so a failure can be reproduced. */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function valuesFor(schema: Described, count: number, seed: number): unknown[] {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const text = (): string => {
    // Half short and ordinary, half at the limits, so whole objects pass often enough to compare their output.
    const length = rnd() < 0.5 ? 1 + Math.floor(rnd() * 10) : pick(LENGTHS);
    const body = 'æ'.repeat(length);
    // Whitespace around the text: trimmed shapes must count what is left.
    return rnd() < 0.25 ? `  ${body.slice(0, Math.max(0, length - 2))}  ` : rnd() < 0.1 ? ' '.repeat(length) : body;
  };
  const make = (def: ZodDef, depth: number): unknown => {
    if (rnd() < 0.06) return pick(WRONG);
    switch (def.type) {
      case 'string':
        return text();
      case 'number':
        return rnd() < 0.5 ? Math.floor(rnd() * 50) : pick(NUMBERS);
      case 'boolean':
        return rnd() < 0.5;
      case 'enum':
        return rnd() < 0.85 ? pick(Object.values(def.entries ?? {})) : 'none-of-these';
      case 'nullable':
        return rnd() < 0.3 ? null : make(def.innerType!._zod.def, depth);
      case 'optional':
      case 'default':
        return rnd() < 0.3 ? undefined : make(def.innerType!._zod.def, depth);
      case 'array': {
        const length = rnd() < 0.15 ? pick([19, 20, 21]) : Math.floor(rnd() * 4);
        return Array.from({ length }, () => make(def.element!._zod.def, depth + 1));
      }
      case 'record': {
        const out: Record<string, unknown> = {};
        for (let i = Math.floor(rnd() * 4); i > 0; i--) {
          const key = rnd() < 0.8 ? `k${Math.floor(rnd() * 100)}` : pick(['', 'x'.repeat(pick(LENGTHS)), '12']);
          out[key] = make(def.valueType!._zod.def, depth + 1);
        }
        return out;
      }
      case 'object': {
        const out: Record<string, unknown> = {};
        for (const [key, field] of Object.entries(def.shape ?? {})) {
          const roll = rnd();
          if (roll < 0.05) continue;
          out[key] = roll < 0.08 ? undefined : make(field._zod.def, depth + 1);
        }
        if (rnd() < 0.2) out.extra = 'kept out';
        return out;
      }
      default:
        throw new Error(`no values for a zod ${def.type}`);
    }
  };
  return Array.from({ length: count }, () => make(schema._zod.def, 0));
}
