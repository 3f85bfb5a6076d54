/**
 * Why an export could not start a room. Every error names the field of the
 * request it is about (e.g. `import.steps[3].notes[0].text`), so the person
 * who sent the file can find what is wrong; nothing is created when one is thrown.
 */
export const IMPORT_ERROR_CODES = [
  'invalid_import',
  'workshop_mismatch',
  'unknown_workshop',
  'nothing_to_carry',
] as const;
export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number];

export class ImportError extends Error {
  readonly code: ImportErrorCode;
  /** The request field the error is about. */
  readonly field: string;

  constructor(code: ImportErrorCode, field: string, message: string) {
    super(message);
    this.code = code;
    this.field = field;
  }
}

/** `steps[3].notes[0]` from a path of keys and indexes. */
export function fieldPath(base: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : `${out}.${String(key)}`),
    base,
  );
}
