// ESLint flat config: typescript-eslint (type-aware), react-hooks for the renderer, and the LAYER RULES of
// docs/architecture.md "The picture" (the folder is the layer) as no-restricted-imports per folder, so a
// wrong import is a lint error, not a review comment. tests/unit/lint-layers.test.ts shows the rules bite.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import moduleBoundaries from './scripts/lint/module-boundaries.mjs';

const SOURCE = '{ts,tsx,mts,cts,js,mjs,cjs}';
const MAX_DEPTH = 8;

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const NODE_BUILTIN = `^(node:|(${builtinModules.map(escape).join('|')})(/|$))`;

const layerMessage = (layer, rule) => `Layer rule (docs/architecture.md): ${layer} ${rule}.`;

/** Import patterns that leave a layer by relative path, for a file `depth` folders below src/. */
function relativeInto(depth, targets) {
  const up = `^(\\./)?(\\.\\./){${depth}}`;
  const upToRoot = `^(\\./)?(\\.\\./){${depth + 1}}src/`;
  const names = `(${targets.join('|')})(/|$)`;
  return [`${up}${names}`, `${upToRoot}${names}`];
}

/** Any relative import that leaves the layer for somewhere other than src/shared. */
function relativeOutsideShared(depth) {
  return [`^(\\./)?(\\.\\./){${depth}}(?!shared/)`];
}

/** src/shared/documents is for the Node processes: the renderer and the preload never import it. */
function documentsFrom(depth, layer) {
  const message = layerMessage(layer, "does not import src/shared/documents (the Node processes' documents)");
  return [
    { regex: '^@shared/documents(/|$)', message },
    ...relativeInto(depth, ['shared/documents']).map((regex) => ({ regex, message })),
  ];
}

/** What each layer may not import, given how deep below src/ the importing file sits. */
const LAYERS = {
  shared: (depth) => [
    {
      regex: '^(?!(zod|@hpke/core|@zxcvbn-ts/core|@zxcvbn-ts/language-common)(/|$))[^.]',
      message: layerMessage(
        'src/shared',
        'imports only zod, @hpke/core, @zxcvbn-ts (password strength) and other shared files',
      ),
    },
    ...relativeOutsideShared(depth).map((regex) => ({
      regex,
      message: layerMessage('src/shared', 'must not import main, preload, renderer or server'),
    })),
  ],
  // src/shared/documents: the documents the two Node processes write (main and server both import it); it
  // may also use the libraries that write them and Node, but not main, preload, renderer or server.
  sharedDocuments: (depth) => [
    {
      regex: `^(?!(exceljs|echarts|playwright-core)(/|$))(?!${NODE_BUILTIN.slice(1)})[^.]`,
      message: layerMessage(
        'src/shared/documents',
        'imports only exceljs, echarts, playwright-core, Node and other shared files',
      ),
    },
    ...relativeOutsideShared(depth).map((regex) => ({
      regex,
      message: layerMessage('src/shared', 'must not import main, preload, renderer or server'),
    })),
  ],
  preload: (depth) => [
    {
      regex: '^(?!electron$)[^.]',
      message: layerMessage('src/preload', 'imports only electron and src/shared'),
    },
    ...relativeOutsideShared(depth).map((regex) => ({
      regex,
      message: layerMessage('src/preload', 'imports only electron and src/shared'),
    })),
    ...documentsFrom(depth, 'src/preload'),
  ],
  renderer: (depth) => [
    {
      regex: '^electron(/|$)',
      message: layerMessage('src/renderer', 'talks to main only through window.api'),
    },
    {
      regex: NODE_BUILTIN,
      message: layerMessage('src/renderer', 'runs sandboxed: no Node built-in modules'),
    },
    {
      regex: '^(better-sqlite3-multiple-ciphers|kysely)(/|$)',
      message: layerMessage('src/renderer', 'never touches the database'),
    },
    ...relativeInto(depth, ['main', 'preload', 'server']).map((regex) => ({
      regex,
      message: layerMessage('src/renderer', 'imports only src/shared and the DOM'),
    })),
    ...documentsFrom(depth, 'src/renderer'),
  ],
  main: (depth, { electron }) => [
    ...(electron
      ? []
      : [
          {
            regex: '^electron(/|$)',
            message: layerMessage(
              'src/main',
              "imports 'electron' only in src/main/index.ts and src/main/platform/",
            ),
          },
        ]),
    {
      regex: '^(react|react-dom|antd|@ant-design/.+)(/|$)',
      message: layerMessage('src/main', 'has no UI libraries'),
    },
    ...relativeInto(depth, ['renderer', 'preload', 'server']).map((regex) => ({
      regex,
      message: layerMessage('src/main', 'must not import renderer, preload or server'),
    })),
  ],
  server: (depth) => [
    { regex: '^electron(/|$)', message: layerMessage('src/server', 'is plain Node: no electron') },
    {
      regex: '^(react|react-dom|antd|@ant-design/.+)(/|$)',
      message: layerMessage('src/server', 'has no UI'),
    },
    ...relativeInto(depth, ['main', 'renderer', 'preload']).map((regex) => ({
      regex,
      message: layerMessage('src/server', 'imports only src/shared and Node'),
    })),
  ],
};

const filesAtDepth = (folder, depth) => [`${folder}/${'*/'.repeat(depth - 1)}*.${SOURCE}`];

/**
 * Flat config replaces (does not merge) a rule's options, so every (layer, depth) pair gets one complete
 * no-restricted-imports entry. Depth makes relative paths exact: '../../main/x' leaves src/renderer only
 * from two folders down.
 */
function layerConfigs() {
  const configs = [];
  for (let depth = 1; depth <= MAX_DEPTH; depth += 1) {
    const rule = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
    for (const layer of ['shared', 'preload', 'renderer', 'server']) {
      configs.push({ files: filesAtDepth(`src/${layer}`, depth), rules: rule(LAYERS[layer](depth, {})) });
    }
    if (depth >= 2)
      configs.push({
        files: filesAtDepth('src/shared/documents', depth - 1),
        rules: rule(LAYERS.sharedDocuments(depth)),
      });
    // Only the Electron glue (src/main/index.ts, src/main/platform/**) may import 'electron'.
    configs.push({
      files: filesAtDepth('src/main', depth),
      ignores: ['src/main/index.ts', 'src/main/platform/**'],
      rules: rule(LAYERS.main(depth, { electron: false })),
    });
    configs.push({
      files: depth === 1 ? ['src/main/index.ts'] : filesAtDepth('src/main/platform', depth - 1),
      rules: rule(LAYERS.main(depth, { electron: true })),
    });
  }
  return configs;
}

export default defineConfig(
  globalIgnores(['out/', 'dist/', 'release/', 'node_modules/', 'coverage/', 'test-results/', '.data/']),
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': [
        'error',
        {
          'ts-expect-error': 'allow-with-description',
          'ts-ignore': true,
          'ts-nocheck': true,
          'ts-check': false,
          minimumDescriptionLength: 10,
        },
      ],
      // Off on purpose: handler maps declare `async` so every handler returns a promise and a throw becomes
      // a rejection the dispatcher turns into a typed error, whether or not that handler awaits anything.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    // Plain JavaScript (this file, scripts/*.mjs) is in no tsconfig: lint it without type information.
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: [`src/renderer/**/*.${SOURCE}`, `tests/renderer/**/*.${SOURCE}`],
    extends: [reactHooks.configs.flat['recommended-latest']],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: [`tests/**/*.${SOURCE}`],
    rules: {
      // Every test runs: no focused or skipped tests in the repository.
      'no-restricted-properties': [
        'error',
        ...['describe', 'it', 'test'].flatMap((object) =>
          ['only', 'skip'].map((property) => ({ object, property, message: 'No .only or .skip in tests.' })),
        ),
      ],
    },
  },
  layerConfigs(),
  {
    // A write is one transaction opened at the edge (docs/architecture.md "One call"): the dispatcher (through
    // desk/call.ts: runDeskCall, inTransaction), and the few edges that open or close the store themselves or
    // run in the background. Everything else receives its transaction and never opens one.
    files: [`src/main/**/*.${SOURCE}`],
    ignores: [
      'src/main/desk/call.ts',
      'src/main/auth/**',
      'src/main/setup/**',
      'src/main/sync/**',
      'src/main/db/migrator.ts',
      // A restore prepares the staged store it opened itself (not the desk's open store).
      'src/main/backup/restore.ts',
      'src/main/backup/fixup.ts',
      // The demo generator fills a store it opened itself while no app has it open (like setup).
      'src/main/demo/fill.ts',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='transaction']",
          message:
            'Transactions open at the edge (docs/architecture.md "One call"): mark the channel `write`, or use inTransaction(call, …) in its handler.',
        },
      ],
    },
  },
  {
    // One home per capability: a module is reached only through its index.ts (scripts/lint/module-boundaries.mjs).
    files: [`src/**/*.${SOURCE}`],
    plugins: { counseldesk: moduleBoundaries },
    rules: { 'counseldesk/module-boundaries': 'error' },
  },
);
