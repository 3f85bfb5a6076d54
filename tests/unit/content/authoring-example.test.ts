/**
 * docs/authoring-workshops.md carries a complete example workshop. The suite keeps it
 * honest: the example in the page is the file next to this test, byte for byte, and it
 * is a valid workshop that the server would load from `workshops/`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadWorkshops } from '../../../server/content/workshops.ts';
import { workshopSchema } from '../../../src/model/workshop.ts';

const DOC = fileURLToPath(new URL('../../../docs/authoring-workshops.md', import.meta.url));
const EXAMPLE = fileURLToPath(new URL('./example-workshop.yaml', import.meta.url));
/** The comment right above the example's code block in the page. */
const MARKER = 'it must equal tests/unit/content/example-workshop.yaml. -->';

const doc = fs.readFileSync(DOC, 'utf8');
const example = fs.readFileSync(EXAMPLE, 'utf8');

/** The fenced ```yaml blocks of a Markdown text, in order. */
function yamlBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map((m) => m[1] ?? '');
}

/** The ```yaml block right after the marker comment. */
function exampleBlock(markdown: string): string {
  const at = markdown.indexOf(MARKER);
  expect(at, 'the page marks its example').toBeGreaterThan(-1);
  expect(markdown.indexOf(MARKER, at + 1), 'the page marks one example').toBe(-1);
  const [block] = yamlBlocks(markdown.slice(at + MARKER.length).replace(/^\s*\n/, ''));
  expect(block, 'a ```yaml block follows the marker').toBeDefined();
  return block!;
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the authoring guide', () => {
  it('shows the example file exactly', () => {
    expect(exampleBlock(doc)).toBe(example);
  });

  it('has an example that is a valid workshop', () => {
    const parsed = workshopSchema.safeParse(parse(exampleBlock(doc)));
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(parsed.data?.steps.map((s) => s.kind)).toEqual(['brief', 'notes', 'vote', 'result']);
  });

  it('has an example the server loads when saved under its id', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledestjerne-example-'));
    dirs.push(dir);
    const id = (parse(example) as { id: string }).id;
    fs.writeFileSync(path.join(dir, `${id}.yaml`), example);
    const workshop = loadWorkshops(dir).get(id);
    expect(workshop?.title.da).toBeTruthy();
    expect(workshop?.minutes).toBe(workshop?.steps.reduce((sum, s) => sum + (s.minutes ?? 0), 0));
  });

  it('documents every activity kind', () => {
    const kinds = workshopSchema.shape.steps.element.options.map((o) => o.shape.kind.value);
    expect(kinds).toHaveLength(11);
    for (const kind of kinds) expect(doc, kind).toContain(`### ${kind}\n`);
  });

  it('has only YAML snippets that parse', () => {
    const blocks = yamlBlocks(doc);
    expect(blocks.length).toBeGreaterThan(3);
    for (const block of blocks) expect(() => parse(block), block.slice(0, 60)).not.toThrow();
  });
});
