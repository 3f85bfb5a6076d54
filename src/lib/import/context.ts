/**
 * What every step's rebuild gets: the two new documents, the step's people,
 * where in the request the step is (for error messages), and a clock for the
 * few times an export does not carry (they only need to keep the export's order).
 */
import type * as Y from 'yjs';
import type { Schema } from '../../model/shape.ts';
import type { Workshop } from '../../model/workshop.ts';
import { fieldPath, ImportError } from './errors.ts';
import type { StepPeople } from './people.ts';

export type RebuildContext = {
  board: Y.Doc;
  control: Y.Doc;
  workshop: Workshop;
  people: StepPeople;
  /** The step in the request, e.g. `import.steps[2]`. */
  field: string;
  /** A time for things whose time the export leaves out: each call is one millisecond later, so order is kept. */
  tick: () => number;
};

/** The value as the documents' schema accepts it; otherwise an error naming the field it came from. */
export function valid<T>(schema: Schema<T>, value: unknown, field: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const at = fieldPath(field, issue?.path ?? []);
  throw new ImportError('invalid_import', at, `${at}: ${issue?.message ?? 'invalid'}`);
}

/** Refuses input that breaks a rule the schema cannot see (a reference, a duplicate, a count). */
export function refuse(field: string, problem: string): never {
  throw new ImportError('invalid_import', field, `${field}: ${problem}`);
}

/** Milliseconds of an ISO time the export schema already checked. */
export const ms = (iso: string): number => Date.parse(iso);

/** Throws when an id is used twice in one list; returns the ids. */
export function uniqueIds(items: readonly { id: string }[], field: string): Set<string> {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id)) refuse(`${field}[${i}].id`, `the id "${item.id}" is used twice`);
    seen.add(item.id);
  });
  return seen;
}
