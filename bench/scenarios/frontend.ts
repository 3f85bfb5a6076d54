/**
 * Front-end budgets: the JavaScript each room page loads, gzipped. The pages
 * are fetched from our server with SERVE_PAGES=true; the scripts a page names
 * (module scripts, modulepreloads, island component and renderer URLs) and
 * everything they import statically are counted. Chunks reachable only through
 * dynamic import() load later, on demand, and are reported apart.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { ROOT, startOurs } from '../lib/servers.ts';
import { round } from '../lib/stats.ts';

const KB = 1024;
const GZIP_LEVEL = 9;

/**
 * Initial JavaScript (gzip) each page may load. The participant page opens on
 * phones over mobile networks, so it has the tightest budget; the projector and
 * the console run on a laptop but should still open at once on a venue's Wi-Fi.
 */
export const PAGE_BUDGETS_KB = { participant: 120, projector: 150, console: 150 } as const;
export type PageName = keyof typeof PAGE_BUDGETS_KB;

const PAGE_PATHS: Record<PageName, (room: string) => string> = {
  participant: (room) => `/r/${room}`,
  projector: (room) => `/r/${room}/projector`,
  console: (room) => `/r/${room}/facilitator`,
};

export type PageResult = {
  page: string;
  budgetKb: number;
  /** Loaded with the page: entry scripts and their static imports. */
  initialGzipKb: number;
  /** initialGzipKb − budgetKb: negative is room to spare, positive is how far over budget the page is. */
  overBudgetKb: number;
  initialRawKb: number;
  initialFiles: number;
  /** Inline <script> blocks of the page (Astro's island loader), gzipped together; part of the initial figure. */
  inlineGzipKb: number;
  /** Reachable only through dynamic import(). */
  lazyGzipKb: number;
  files: { file: string; gzipKb: number; lazy: boolean }[];
};

export type FrontendResult = Record<PageName, PageResult>;

export async function frontendBudget(): Promise<FrontendResult> {
  const clientDir = path.join(ROOT, 'dist', 'client');
  if (!fs.existsSync(path.join(ROOT, 'dist', 'server', 'entry.mjs'))) {
    process.stderr.write('  dist/ is missing: running `astro build` first\n');
    const build = spawnSync('npm', ['exec', '--', 'astro', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('astro build failed');
  }
  const server = await startOurs({ storage: 'memory', idleUnloadMs: 30_000, servePages: true, pinned: false });
  try {
    const room = await server.newRoom();
    const measure = (name: PageName) => pageBudget(clientDir, server.httpUrl, PAGE_PATHS[name](room), name);
    return { participant: await measure('participant'), projector: await measure('projector'), console: await measure('console') };
  } finally {
    await server.stop();
  }
}

/** Pages over their budget, each in a sentence that says by how much (empty when all fit). */
export function overBudget(result: FrontendResult): string[] {
  return (Object.keys(PAGE_BUDGETS_KB) as PageName[])
    .filter((name) => result[name].overBudgetKb > 0)
    .map(
      (name) =>
        `${name} page ${result[name].page}: ${result[name].initialGzipKb} KB initial JavaScript (gzip) is ` +
        `${result[name].overBudgetKb} KB OVER its budget of ${result[name].budgetKb} KB`,
    );
}

async function pageBudget(clientDir: string, httpUrl: string, page: string, name: PageName): Promise<PageResult> {
  const res = await fetch(httpUrl + page);
  if (res.status !== 200) throw new Error(`${page} answered ${res.status}`);
  const html = await res.text();
  const entries = scriptUrlsOf(html).map((u) => new URL(u, httpUrl + page).pathname);
  if (entries.length === 0) throw new Error(`${page} names no scripts: the page changed, or this measurement is broken`);
  const initial = closure(clientDir, entries);
  const dynamicRoots = [...initial].flatMap((f) => importsOf(clientDir, f).dynamic);
  const lazy = new Set([...closure(clientDir, dynamicRoots)].filter((f) => !initial.has(f)));
  const sizes = (files: Set<string>, isLazy: boolean) =>
    [...files].map((file) => {
      const bytes = fs.readFileSync(path.join(clientDir, file));
      return { file, raw: bytes.byteLength, gzip: zlib.gzipSync(bytes, { level: GZIP_LEVEL }).byteLength, lazy: isLazy };
    });
  const initialSizes = sizes(initial, false);
  const lazySizes = sizes(lazy, true);
  const sum = (xs: { gzip: number }[]) => xs.reduce((s, x) => s + x.gzip, 0);
  const inline = Buffer.from(inlineScriptsOf(html).join('\n'));
  const inlineGzip = inline.byteLength > 0 ? zlib.gzipSync(inline, { level: GZIP_LEVEL }).byteLength : 0;
  const initialGzipKb = round((sum(initialSizes) + inlineGzip) / KB, 1);
  const budgetKb = PAGE_BUDGETS_KB[name];
  return {
    page: page.replace(/\/r\/[^/]+/, '/r/<room>'),
    budgetKb,
    initialGzipKb,
    overBudgetKb: round(initialGzipKb - budgetKb, 1),
    initialRawKb: round((initialSizes.reduce((s, x) => s + x.raw, 0) + inline.byteLength) / KB, 1),
    initialFiles: initialSizes.length,
    inlineGzipKb: round(inlineGzip / KB, 1),
    lazyGzipKb: round(sum(lazySizes) / KB, 1),
    files: [...initialSizes, ...lazySizes].map((x) => ({ file: x.file, gzipKb: round(x.gzip / KB, 1), lazy: x.lazy })),
  };
}

/** Script URLs a page names: <script src>, modulepreload links, imports in inline modules, island URLs. */
export function scriptUrlsOf(html: string): string[] {
  const urls = new Set<string>();
  const add = (u: string | undefined) => {
    if (u && /\.m?js(\?|$)/.test(u)) urls.add(u.replace(/&amp;/g, '&'));
  };
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) add(m[1]);
  for (const m of html.matchAll(/<link\b[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) add(m[1]);
  for (const m of html.matchAll(/\b(?:component|renderer)-url="([^"]+)"/g)) add(m[1]);
  for (const m of html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) {
    for (const i of (m[1] ?? '').matchAll(/\bimport\s*(?:[^'"()]*?from\s*)?["']([^"']+\.m?js)["']/g)) add(i[1]);
  }
  return [...urls];
}

/** Inline JavaScript (not JSON data blocks). */
function inlineScriptsOf(html: string): string[] {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)]
    .filter((m) => !/\bsrc=/.test(m[1] ?? '') && !/type="application\/(?:ld\+)?json"/.test(m[1] ?? ''))
    .map((m) => m[2] ?? '')
    .filter((code) => code.trim().length > 0);
}

/** Static and dynamic imports of one built chunk, as paths relative to the client directory. */
function importsOf(clientDir: string, file: string): { static: string[]; dynamic: string[] } {
  const source = fs.readFileSync(path.join(clientDir, file), 'utf8');
  const resolve = (spec: string) => path.posix.join(path.posix.dirname(file), spec);
  const isLocal = (spec: string | undefined): spec is string => !!spec && spec.startsWith('.') && /\.m?js$/.test(spec);
  const statics = [...source.matchAll(/(?:\bimport|\bexport)\s*(?:[\w*{}\s,$]*?\bfrom\s*)?["']([^"']+)["']/g)]
    .map((m) => m[1])
    .filter(isLocal);
  // Rolldown writes dynamic imports with template literals: import(`./x.js`).
  const dynamics = [...source.matchAll(/\bimport\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]).filter(isLocal);
  return { static: statics.map(resolve), dynamic: dynamics.map(resolve) };
}

function closure(clientDir: string, roots: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = roots.map((r) => r.replace(/^\/+/, ''));
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file) || !fs.existsSync(path.join(clientDir, file))) continue;
    seen.add(file);
    queue.push(...importsOf(clientDir, file).static);
  }
  return seen;
}
