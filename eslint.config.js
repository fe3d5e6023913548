// @ts-check
import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

/**
 * The layers, enforced: shared/ is pure (no Node, no Electron, no DOM, no React),
 * renderer/ reaches the app only through window.timbang (no Node, no Electron, no
 * main-process code), and electron/ never reaches into the renderer.
 */
const nodeBuiltins = builtinModules.flatMap((name) => [name, `node:${name}`]);

const noNode = { paths: nodeBuiltins.map((name) => ({ name, message: 'Node APIs belong in electron/.' })) };
const layer = (name, message) => ({ regex: `^(\\.\\./)+(\\.\\./)*${name}(/|$)|^\\./${name}/`, message });

const DOM_GLOBALS = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'fetch', 'location', 'HTMLElement'];
const NODE_GLOBALS = ['process', 'Buffer', 'require', '__dirname', '__filename', 'global', 'setImmediate'];
const restrictedGlobals = (names, message) => names.map((name) => ({ name, message }));

export default tseslint.config(
  {
    ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'bench/results/**', 'coverage/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2024, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          ...noNode,
          paths: [
            ...noNode.paths,
            { name: 'electron', message: 'shared/ is pure: no Electron.' },
            { name: 'better-sqlite3', message: 'shared/ is pure: the database lives in electron/.' },
            { name: 'react', message: 'shared/ is pure: no React.' },
            { name: 'react-dom', message: 'shared/ is pure: no React.' },
          ],
          patterns: [
            layer('electron', 'shared/ must not import from electron/.'),
            layer('renderer', 'shared/ must not import from renderer/.'),
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...restrictedGlobals(DOM_GLOBALS, 'shared/ is pure: no DOM.'),
        ...restrictedGlobals(NODE_GLOBALS, 'shared/ is pure: no Node.'),
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          ...noNode,
          paths: [
            ...noNode.paths,
            { name: 'electron', message: 'The renderer talks to the app only through window.timbang.' },
            { name: 'better-sqlite3', message: 'The renderer never opens the database.' },
          ],
          patterns: [layer('electron', 'The renderer must not import from electron/; use window.timbang.')],
        },
      ],
      'no-restricted-globals': ['error', ...restrictedGlobals(NODE_GLOBALS, 'The renderer has no Node.')],
    },
  },
  {
    // electron/ is everything that runs in Node: core/ (plain Node), cli/, web/, and desktop/,
    // the only folder that may load Electron. Product code never loads the build scripts.
    files: ['electron/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Only electron/desktop/ imports Electron; the core, CLI and web mode run on plain Node.' }],
          patterns: [
            layer('renderer', 'Main-process code must not import renderer code.'),
            layer('scripts', 'Product code never imports the build scripts (scripts/ loads Vite and esbuild).'),
          ],
        },
      ],
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'electron/core/ is plain Node: Electron belongs in electron/desktop/.' }],
          patterns: [
            layer('renderer', 'Main-process code must not import renderer code.'),
            layer('scripts', 'Product code never imports the build scripts (scripts/ loads Vite and esbuild).'),
            layer('cli', 'electron/core/ must not import the CLI.'),
            layer('web', 'electron/core/ must not import web mode.'),
            layer('desktop', 'electron/core/ must not import the desktop shell.'),
            layer('hub', 'electron/core/ must not import the hub: the hub is built on core, not the other way round.'),
          ],
        },
      ],
    },
  },
  {
    files: ['electron/desktop/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            layer('renderer', 'Main-process code must not import renderer code.'),
            layer('scripts', 'Product code never imports the build scripts (scripts/ loads Vite and esbuild).'),
          ],
        },
      ],
    },
  },
  {
    files: ['electron/desktop/preload/**/*.ts'],
    rules: {
      // The sandboxed preload may load only 'electron' and what it bundles.
      'no-restricted-imports': ['error', { ...noNode, patterns: [layer('renderer', 'No renderer code in the preload.')] }],
    },
  },
  {
    // No import cycles anywhere in the product: each module's dependencies point one way.
    files: ['electron/**/*.ts', 'shared/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [importX.createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts', '*.ts', '*.js', 'bin/**/*.cjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['bin/**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
