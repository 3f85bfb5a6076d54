/**
 * A broken workshop file fails the real build with a message that names the file,
 * the step and the field. Astro runs in a private copy of the project in the temp
 * directory (builds in the working tree would collide), with node_modules linked and
 * Astro's and Vite's caches kept inside the copy.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORKSHOPS_DIR } from '../../helpers/content.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const ASTRO = path.join(ROOT, 'node_modules', 'astro', 'bin', 'astro.mjs');
/** What the build needs of the project; everything else stays behind. */
const PROJECT_ENTRIES = ['src', 'server', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json'];
/** The project's config with both caches (by default in node_modules/, the shared, linked one) inside the copy. */
const ISOLATED_CONFIG = 'astro.isolated.config.mjs';
/**
 * The same without the dev-server integration: it loads the workshops with the server's
 * loader when Astro starts its Vite server, racing the content collection's own check.
 */
const COLLECTION_ONLY_CONFIG = 'astro.collection-only.config.mjs';
const ASTRO_TIMEOUT_MS = 120_000;

let copy = '';

beforeAll(() => {
  copy = fs.mkdtempSync(path.join(os.tmpdir(), 'ledestjerne-build-'));
  for (const entry of PROJECT_ENTRIES) {
    // A fresh checkout has no folder that git does not track (an empty public/, say).
    if (fs.existsSync(path.join(ROOT, entry)))
      fs.cpSync(path.join(ROOT, entry), path.join(copy, entry), { recursive: true });
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
  fs.cpSync(WORKSHOPS_DIR, path.join(copy, 'workshops'), { recursive: true });
  const isolated = "{ ...base, cacheDir: './.cache/astro', vite: { ...base.vite, cacheDir: './.cache/vite' } }";
  fs.writeFileSync(
    path.join(copy, ISOLATED_CONFIG),
    `import base from './astro.config.mjs';\nexport default ${isolated};\n`,
  );
  fs.writeFileSync(
    path.join(copy, COLLECTION_ONLY_CONFIG),
    [
      `import base from './${ISOLATED_CONFIG}';`,
      "export default { ...base, integrations: base.integrations.filter((i) => i.name !== 'ledestjerne-dev-server') };",
      '',
    ].join('\n'),
  );
});

afterAll(() => {
  if (copy) fs.rmSync(copy, { recursive: true, force: true });
});

type Run = { code: number; output: string };

/** Runs an astro command in the copy; the output without colours and markdown bold. */
function astro(command: 'sync' | 'build', config = ISOLATED_CONFIG): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [ASTRO, command, '--config', config],
      { cwd: copy, timeout: ASTRO_TIMEOUT_MS, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } },
      (error, stdout, stderr) => {
        const output = `${stdout}\n${stderr}`.replace(/\x1b\[[0-9;]*m/g, '').replaceAll('**', '');
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output });
      },
    );
  });
}

/** Replaces one exact piece of a workshop file in the copy; fails if it is not there exactly once. */
function breakWorkshop(file: string, find: string, replace: string): void {
  const full = path.join(copy, 'workshops', file);
  const text = fs.readFileSync(full, 'utf8');
  expect(text.split(find), `"${find}" should occur once in ${file}`).toHaveLength(2);
  fs.writeFileSync(full, text.replace(find, replace));
}

describe('building with the workshop files', () => {
  it(
    'accepts the shipped workshops',
    async () => {
      const run = await astro('sync', COLLECTION_ONLY_CONFIG);
      expect(run.output).not.toMatch(/does not match collection schema|invalid workshop/);
      expect(run.code).toBe(0);
    },
    ASTRO_TIMEOUT_MS,
  );

  describe('with a broken file', () => {
    beforeAll(() => {
      breakWorkshop('good-examples.yaml', '      max: 10\n', '      max: ten\n');
      breakWorkshop('good-examples.yaml', '      nb: Hva har de felles?\n', '');
    });

    it(
      'the content collection names the file, the step and the field',
      async () => {
        const run = await astro('sync', COLLECTION_ONLY_CONFIG);
        expect(run.code).not.toBe(0);
        expect(run.output).toContain(path.join(copy, 'workshops', 'good-examples.yaml'));
        expect(run.output).toMatch(/steps\.1\.target\.max: step "stories": .*expected number, received string/);
        expect(run.output).toContain('steps.2.namePlaceholder.nb: step "common": text in "nb" is missing');
      },
      ASTRO_TIMEOUT_MS,
    );

    it(
      'the build fails, naming the file, the step and the field',
      async () => {
        const run = await astro('build', ISOLATED_CONFIG);
        expect(run.code).not.toBe(0);
        expect(run.output).toContain('good-examples.yaml');
        // The server's loader (run by the dev integration) or the content collection, whichever checks first.
        expect(run.output).toMatch(
          /steps\[1\] \(stories\)\.target\.max: .*expected number|steps\.1\.target\.max: step "stories": .*expected number/,
        );
        expect(run.output).toMatch(
          /steps\[2\] \(common\)\.namePlaceholder\.nb: text in "nb" is missing|steps\.2\.namePlaceholder\.nb: step "common": text in "nb" is missing/,
        );
        expect(fs.existsSync(path.join(copy, 'dist', 'server'))).toBe(false);
      },
      ASTRO_TIMEOUT_MS,
    );
  });
});
