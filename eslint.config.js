// ESLint flat config. Besides code quality it enforces the layer rules of docs/architecture.md:
// a layer that imports what the table forbids fails the lint step (and so CI).
import js from '@eslint/js';
import globals from 'globals';
import pluginVue from 'eslint-plugin-vue';
import tseslint from 'typescript-eslint';
import vueParser from 'vue-eslint-parser';
import eslintConfigPrettier from 'eslint-config-prettier/flat';

const NODE_BUILTINS = [
  'node:*',
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'https',
  'net',
  'tls',
  'stream',
  'url',
  'util',
  'zlib',
  'worker_threads',
];

/** `patterns` for no-restricted-imports: each group is a forbidden layer with a message. */
const forbid = (...groups) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: groups.map(([group, message]) => ({ group, message })),
    },
  ],
});

const layer = {
  contract: [
    [
      '**/core/**',
      '**/main/**',
      '**/preload/**',
      '**/renderer/**',
      '**/host/**',
      '**/simulators/**',
      '../core*',
      '../main*',
      '../host*',
    ],
    'contract imports only zod (docs/architecture.md)',
  ],
  core: [
    ['**/main/**', '**/preload/**', '**/renderer/**', '**/host/**', '**/simulators/**'],
    'core never imports main, preload, renderer, host or simulators (docs/architecture.md)',
  ],
  electron: [['electron', 'electron/*'], 'only src/main and src/preload may import electron'],
  vue: [['vue', 'pinia', 'vue-i18n', 'vee-validate'], 'vue belongs to the renderer'],
  node: [NODE_BUILTINS, 'no Node built-ins in this layer (docs/architecture.md)'],
  renderer: [['**/renderer/**'], 'nothing imports the renderer'],
  ourCode: [
    ['**/core/**', '**/main/**', '**/host/**', '**/preload/**', '**/renderer/**', '../core/**', '../../core/**'],
    'this layer imports only the contract',
  ],
  notSimulators: [
    ['**/core/**', '../core/**', '../../core/**'],
    'simulators are the outside world: they never import core',
  ],
};

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      '.kiosk-data/**',
      'resources/**/*.json',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'error',
    },
  },
  {
    files: ['**/*.vue'],
    languageOptions: {
      parser: vueParser,
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'], sourceType: 'module' },
      globals: { ...globals.browser },
    },
    rules: {
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/multi-word-component-names': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
    },
  },
  // formatting is Prettier's (npm run format); no lint rule argues with it
  eslintConfigPrettier,
  // ---- layer rules (docs/architecture.md) ----
  { files: ['src/contract/**/*.ts'], rules: forbid(layer.contract, layer.electron, layer.vue, layer.node) },
  { files: ['src/core/**/*.ts'], rules: forbid(layer.core, layer.electron, layer.vue) },
  {
    files: ['src/main/**/*.ts'],
    rules: forbid(
      [
        ['**/renderer/**', '**/host/**', '**/simulators/**'],
        'main never imports renderer, host or simulators (a demo loads out/simulators at run time: main/embedded-simulators.ts)',
      ],
      layer.vue,
    ),
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: forbid(
      [
        ['**/core/**', '**/renderer/**', '**/host/**', '**/main/**', '**/simulators/**'],
        'the preload imports only the contract and electron',
      ],
      layer.node,
      layer.vue,
    ),
  },
  {
    files: ['src/renderer/**/*.ts', 'src/renderer/**/*.vue'],
    languageOptions: { globals: { ...globals.browser } },
    rules: forbid(layer.ourCode, layer.electron, layer.node, [
      ['**/simulators/**'],
      'the renderer imports only the contract',
    ]),
  },
  {
    // what both shells serve: the static file server and the security policy (main and host import it)
    files: ['src/serving/**/*.ts'],
    rules: forbid(
      [
        ['**/core/**', '**/main/**', '**/host/**', '**/preload/**', '**/renderer/**', '**/simulators/**', '../core*'],
        'serving imports only Node: both shells import it, it imports no layer of ours',
      ],
      layer.electron,
      layer.vue,
    ),
  },
  {
    files: ['src/host/**/*.ts'],
    rules: forbid(
      [['**/main/**', '**/renderer/**', '**/preload/**'], 'host never imports main, renderer or preload'],
      layer.electron,
      layer.vue,
    ),
  },
  {
    files: ['src/host/client.ts', 'src/host/bridge-protocol.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: forbid(layer.ourCode, layer.electron, layer.node, layer.vue),
  },
  {
    files: ['src/simulators/**/*.ts'],
    rules: forbid(layer.notSimulators, layer.electron, layer.vue, [
      ['**/renderer/**', '**/main/**', '**/host/**'],
      'simulators stand alone',
    ]),
  },
  // ---- tests, scripts, benchmarks may print ----
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.{js,mjs,ts}', 'src/**/cli.ts', 'src/**/*-cli.ts'],
    rules: { 'no-console': 'off' },
  },
);
