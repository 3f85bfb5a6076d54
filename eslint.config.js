// @ts-check
/**
 * Lint = the layering of docs STYLE (src/model <- src/lib <- src/sync <- src/islands; server/ may
 * import only src/model and src/lib; nothing in src/ imports server/), no import cycles, and the
 * React hook rules the islands' disable comments refer to. `npm run check` runs it, so CI fails on a
 * boundary break.
 *
 * Plugins: typescript-eslint parses TS/TSX; eslint-plugin-import-x (the maintained, faster fork of
 * eslint-plugin-import, flat-config native) resolves imports through eslint-import-resolver-typescript
 * and gives both `no-restricted-paths` (each layer's forbidden sources, written like the style guide)
 * and `no-cycle`; eslint-plugin-react-hooks is React's own.
 */
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** Folders of src/ that form the client's layers, from the bottom up. */
const SRC_LAYERS = ['src/model', 'src/i18n', 'src/lib', 'src/sync', 'src/islands', 'src/components', 'src/pages'];
/** @param {string} layer */
const above = (layer) => SRC_LAYERS.slice(SRC_LAYERS.indexOf(layer) + 1);

/**
 * One zone per rule of the style guide: `target` may not import from `from`. Paths are relative to
 * this file. i18n sits just above model (catalogs know the locales, nothing else).
 */
const LAYER_ZONES = [
  {
    target: './src/model',
    from: [...above('src/model'), 'server'].map((p) => `./${p}`),
    message: 'src/model is the shared contract: it imports nothing but itself and packages (STYLE.md §1).',
  },
  {
    target: './src/i18n',
    from: [...above('src/i18n'), 'server'].map((p) => `./${p}`),
    message: 'src/i18n holds catalogs: it may import src/model only.',
  },
  {
    target: './src/lib',
    from: [...above('src/lib'), 'server'].map((p) => `./${p}`),
    message: 'src/lib is pure workshop logic: it may import src/model and src/i18n only.',
  },
  {
    target: './src/sync',
    from: [...above('src/sync'), 'server'].map((p) => `./${p}`),
    message: 'src/sync sits below the islands: it may import src/model and src/lib.',
  },
  {
    target: './src',
    from: ['./server', './bench', './scripts', './tests'],
    message: 'Nothing in src/ imports server/ (or tooling): the host hands pages what they need (src/lib/host.ts).',
  },
  {
    target: './server',
    from: ['./src/sync', './src/islands', './src/components', './src/pages', './bench', './tests'],
    // src/i18n too: the exports are rendered in the room's language, and lib already reads the catalogs.
    message: 'server/ may import only src/model, src/lib and src/i18n (STYLE.md §1).',
  },
];

/**
 * The server's own folders, also from the bottom up: storage, net (addresses, rate limits) and
 * export (renderers) know no other folder; rooms may use storage and net; the sync loop may use
 * rooms; http sits beside sync. core.ts and index.ts wire them all.
 */
const SERVER_ZONES = [
  { target: './server/storage', below: ['rooms', 'sync', 'http', 'net', 'export'] },
  { target: './server/net', below: ['rooms', 'sync', 'http', 'storage', 'export'] },
  { target: './server/export', below: ['rooms', 'sync', 'http', 'storage', 'net'] },
  { target: './server/rooms', below: ['sync', 'http'] },
  { target: './server/sync', below: ['http'] },
].map(({ target, below }) => ({
  target,
  from: below.map((folder) => `./server/${folder}`),
  message: `${target.slice(2)} sits below ${below.join(', ')} (eslint.config.js SERVER_ZONES).`,
}));

export default defineConfig(
  { ignores: ['dist/**', '.astro/**', 'node_modules/**', 'data/**', 'test-results/**', 'playwright-report/**'] },
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    plugins: {
      'import-x': importX,
      // Its types describe legacy configs as well, which ESLint's Plugin type does not accept.
      'react-hooks': /** @type {import('eslint').ESLint.Plugin} */ (/** @type {unknown} */ (reactHooks)),
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    settings: {
      // Without these, import-x cannot parse a .ts dependency and no-cycle silently sees no imports.
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver': undefined,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: [...LAYER_ZONES, ...SERVER_ZONES] }],
      // Type-only cycles count too: they tie two modules' shapes together just as tightly.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      // The compiler (strictest tsconfig) already reports these, with the project's types.
      'no-undef': 'off',
      '@typescript-eslint/no-unused-vars': 'off',
    },
  },
  {
    // One typed wrapper per shared Y structure (STYLE.md §2): the UI and the provider never name a root.
    files: ['src/islands/**', 'src/sync/**', 'src/pages/**', 'src/components/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name=/^get(Map|Array|Text|XmlFragment)$/]",
          message: 'Read shared Y roots through the typed wrappers in src/model (keys live in src/model/schema.ts).',
        },
      ],
    },
  },
  {
    // Tests break data on purpose (any), Playwright fixtures take `{}` and call `use`, logs carry ANSI codes.
    files: ['tests/**'],
    rules: {
      'no-empty-pattern': 'off',
      'no-control-regex': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      'react-hooks/rules-of-hooks': 'off',
    },
  },
);
