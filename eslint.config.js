// @ts-check
import js from '@eslint/js';
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
    files: ['electron/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [layer('renderer', 'Main-process code must not import renderer code.')] },
      ],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      // The sandboxed preload may load only 'electron' and what it bundles.
      'no-restricted-imports': ['error', { ...noNode, patterns: [layer('renderer', 'No renderer code in the preload.')] }],
    },
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
