import * as Y from 'yjs';
import type { Schema } from './shape.ts';

/** Reads the values of a Y.Array, keeping only those that match the schema (documents are untrusted input). */
export function parsedArray<T>(array: Y.Array<unknown>, schema: Schema<T>): T[] {
  const out: T[] = [];
  for (const raw of array.toArray()) {
    const parsed = schema.safeParse(raw);
    if (parsed.success) out.push(parsed.data);
  }
  return out;
}

/** Reads the entries of a Y.Map, keeping only values that match the schema. */
export function parsedMap<T>(map: Y.Map<unknown>, schema: Schema<T>): Map<string, T> {
  const out = new Map<string, T>();
  for (const [key, raw] of map.entries()) {
    const parsed = schema.safeParse(raw);
    if (parsed.success) out.set(key, parsed.data);
  }
  return out;
}

/** Removes the first element of a Y.Array whose `id` matches. */
export function deleteById(array: Y.Array<unknown>, id: string): boolean {
  const index = array
    .toArray()
    .findIndex((v) => typeof v === 'object' && v !== null && (v as { id?: unknown }).id === id);
  if (index < 0) return false;
  array.delete(index, 1);
  return true;
}
