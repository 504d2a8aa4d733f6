// Lint, above all the layering of DESIGN.md: shared → nothing; core → shared, node, tfjs, sqlite;
// electron main → core, shared, electron; preload → shared, electron; renderer → shared, vue, pinia, echarts.
// Inside the core: experiments, jobs, services, workbench → datasets, engine, metrics, store… → math, fs.
// Figures: shared/charts may import ECharts *types* only (options are plain data); core/export alone may load
// ECharts at run time (server-side SVG rendering of those same options).
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';
import vueParser from 'vue-eslint-parser';

const node = ['node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'worker_threads', 'http', 'crypto', 'util', 'stream', 'zlib', 'net'];
const nativeOrServer = ['better-sqlite3', '@tensorflow/*', 'ws', 'sharp', 'yauzl'];
const ui = ['vue', 'pinia', 'echarts', 'echarts/*', 'vue-*', '@vue/*'];
const echartsModules = ['echarts', 'echarts/*'];
const uiWithoutEcharts = ui.filter((name) => !echartsModules.includes(name));

const coreMessage = 'src/main/core runs under plain Node (serve, CLI, job processes)';
const coreGroups = [
  [['electron', ...ui], 'no Electron or UI libraries'],
  [['**/electron/**', '**/serve/**', '**/cli/**', '**/renderer/**', '**/preload/**'], 'the core knows no shell'],
];
/** Core folders that only provide building blocks, and the imports (relative paths) that reach the folders above them. */
const lowerCore = ['datasets', 'engine', 'metrics', 'math', 'store', 'fs', 'events', 'system'];
const corePaths = (folders) => folders.flatMap((folder) => [`**/${folder}`, `**/${folder}/**`]);
/** Relative imports of sibling core folders from a flat folder (math, fs), so Node's own `events` stays allowed. */
const siblingPaths = (folders) => folders.flatMap((folder) => [`../${folder}`, `../${folder}/**`]);
const upperCore = [...corePaths(['experiments', 'jobs', 'services']), '**/workbench'];

/** A `no-restricted-imports` rule naming why each group is off limits in that layer. */
function layer(message, ...groups) {
  return ['error', { patterns: groups.map(([group, why]) => ({ group, message: `${message}: ${why}` })) }];
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '**/*.cjs', 'bin/**'] },
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'].map((config) => ({ ...config, files: ['src/renderer/**/*.vue'] })),
  {
    files: ['src/renderer/**/*.vue'],
    languageOptions: { parser: vueParser, parserOptions: { parser: tseslint.parser, sourceType: 'module' } },
    rules: { 'vue/multi-word-component-names': 'off', 'vue/max-attributes-per-line': 'off', 'vue/singleline-html-element-content-newline': 'off', 'vue/html-self-closing': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Test doubles (a fake electron module, loose fixtures) may use `any`; product code may not.
    files: ['tests/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': layer(
        'src/shared is plain TypeScript shared by every layer',
        [node, 'no Node APIs'],
        [['electron', ...ui, ...nativeOrServer], 'no runtime-specific libraries'],
        [['**/main/**', '**/renderer/**', '**/preload/**'], 'shared depends on nothing else in the app'],
      ),
    },
  },
  {
    files: ['src/main/core/**'],
    rules: { 'no-restricted-imports': layer(coreMessage, ...coreGroups) },
  },
  {
    // The chart option builders are shared by the renderer's panels and the figure export: type-only imports of
    // ECharts (option types) are allowed, nothing of it at run time. typescript-eslint's rule knows type imports.
    files: ['src/shared/charts/**'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [
        { group: node, message: 'src/shared is plain TypeScript shared by every layer: no Node APIs' },
        { group: ['electron', ...uiWithoutEcharts, ...nativeOrServer], message: 'src/shared is plain TypeScript shared by every layer: no runtime-specific libraries' },
        { group: echartsModules, allowTypeImports: true, message: 'src/shared/charts builds ECharts options as plain data: import ECharts types only (import type)' },
        { group: ['**/main/**', '**/renderer/**', '**/preload/**'], message: 'src/shared is plain TypeScript shared by every layer: shared depends on nothing else in the app' },
      ] }],
    },
  },
  {
    // The figure export renders the shared chart options with ECharts' server-side SVG renderer.
    files: ['src/main/core/export/**'],
    rules: {
      'no-restricted-imports': layer(coreMessage, [['electron', ...uiWithoutEcharts], 'no Electron or UI libraries (ECharts only for server-side SVG)'], coreGroups[1]),
    },
  },
  {
    // Inside the core, the building blocks sit below what composes them: experiments, jobs, services and
    // the workbench use datasets, engine, metrics, store…, never the other way round.
    files: lowerCore.map((folder) => `src/main/core/${folder}/**`),
    rules: {
      'no-restricted-imports': layer(coreMessage, ...coreGroups, [upperCore, 'a lower core folder (datasets, engine, metrics, math, store, fs, events, system) does not import experiments, jobs, services or the workbench; move shared code down']),
    },
  },
  {
    // math and fs are the floor: plain numerics and file primitives that every other folder may use.
    files: ['src/main/core/math/**', 'src/main/core/fs/**'],
    rules: {
      'no-restricted-imports': layer(
        coreMessage,
        ...coreGroups,
        [upperCore, 'a lower core folder (datasets, engine, metrics, math, store, fs, events, system) does not import experiments, jobs, services or the workbench; move shared code down'],
        [siblingPaths(lowerCore.filter((folder) => folder !== 'math' && folder !== 'fs')), 'math and fs are the bottom of the core and import no other core folder'],
      ),
    },
  },
  {
    files: ['src/main/serve/**', 'src/main/cli/**'],
    rules: {
      'no-restricted-imports': layer(
        'serve and the CLI are Node shells over the core',
        [['electron', ...ui], 'no Electron or UI libraries'],
        [['**/electron/**', '**/renderer/**', '**/preload/**'], 'use the core through its API'],
      ),
    },
  },
  {
    files: ['src/main/electron/**', 'src/main/index.ts'],
    rules: {
      'no-restricted-imports': layer(
        'the Electron main process is a thin shell',
        [ui, 'no UI libraries in main'],
        [['**/renderer/**', '**/preload/**', '**/serve/**', '**/cli/**'], 'main talks to the core only'],
      ),
    },
  },
  {
    files: ['src/preload/**'],
    rules: {
      'no-restricted-imports': layer(
        'the preload exposes only the typed contract',
        [[...node, ...ui, ...nativeOrServer], 'a sandboxed preload uses only electron and @shared'],
        [['**/main/**', '**/renderer/**'], 'no app code in the preload'],
      ),
    },
  },
  {
    files: ['src/renderer/**'],
    rules: {
      'no-restricted-imports': layer(
        'the renderer is a web page',
        [[...node, 'electron', ...nativeOrServer], 'it reaches the core only through the API client'],
        [['**/main/**', '**/preload/**'], 'import the contract from @shared instead'],
      ),
    },
  },
);
