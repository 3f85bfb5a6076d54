/**
 * Loads the workshops in `workshops/` with the same schema the Astro build
 * uses, so the API knows which workshops exist without importing Astro.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { workshopSchema, type Workshop } from '../../src/model/workshop.ts';

export class WorkshopError extends Error {}

export function loadWorkshops(dir: string): Map<string, Workshop> {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  const workshops = new Map<string, Workshop>();
  for (const file of files) {
    const full = path.join(dir, file);
    let raw: unknown;
    try {
      raw = parse(fs.readFileSync(full, 'utf8'));
    } catch (error) {
      throw new WorkshopError(`${file}: not valid YAML: ${error instanceof Error ? error.message : String(error)}`);
    }
    const parsed = workshopSchema.safeParse(raw);
    if (!parsed.success) {
      const lines = parsed.error.issues.map((issue) => `  ${describePath(raw, issue.path)}: ${issue.message}`);
      throw new WorkshopError(`${file}: invalid workshop\n${lines.join('\n')}`);
    }
    const expectedId = path.basename(file, '.yaml');
    if (parsed.data.id !== expectedId) {
      throw new WorkshopError(`${file}: id "${parsed.data.id}" must match the file name "${expectedId}"`);
    }
    workshops.set(parsed.data.id, parsed.data);
  }
  if (workshops.size === 0) throw new WorkshopError(`no workshops found in ${dir}`);
  return workshops;
}

/** "steps[2] (statement).maxWords" reads better than "steps.2.maxWords". */
function describePath(raw: unknown, issuePath: readonly PropertyKey[]): string {
  let out = '';
  let node: unknown = raw;
  for (const key of issuePath) {
    if (typeof key === 'number') {
      out += `[${key}]`;
      node = Array.isArray(node) ? node[key] : undefined;
      const id = (node as { id?: unknown } | undefined)?.id;
      if (typeof id === 'string') out += ` (${id})`;
    } else {
      out += out ? `.${String(key)}` : String(key);
      node = node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    }
  }
  return out || '(file)';
}
