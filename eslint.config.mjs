// ESLint flat config: typescript-eslint with type information, so that
// floating promises are errors (deliberate fire-and-forget is marked `void`).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', '.vscode-test/', 'test/e2e/artifacts/', '.bench/', '.fuzz/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // node:test's describe/it return promises that the runner itself awaits.
      '@typescript-eslint/no-floating-promises': ['error', { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] }] }],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': 'off',
    },
  },
  // The layers: core ← aws ← features ← extension; the CLI uses the core and aws (its MCP server lists IVS
  // resources). No import runs back up.
  {
    // The core stays free of VS Code and of the SDK, so node --test tests it and the CLI uses it.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/core must not depend on vscode.' }],
        patterns: [{ group: ['**/aws/**', '**/aws', '**/features/**', '**/features', '**/cli/**', '**/extension', '@aws-sdk/*', '@smithy/*'], message: 'src/core imports nothing from aws, features, cli or the SDK.' }],
      }],
    },
  },
  {
    files: ['src/aws/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/aws must not depend on vscode: the extension adapts it.' }],
        patterns: [{ group: ['**/features/**', '**/features', '**/cli/**', '**/extension'], message: 'src/aws imports only the core.' }],
      }],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'The CLI runs without VS Code.' }],
        patterns: [{ group: ['**/features/**', '**/features', '**/extension'], message: 'The CLI imports the core and aws, never the VS Code layer.' }],
      }],
    },
  },
  {
    files: ['src/features/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/extension', '**/cli/**'], message: 'Features never import the wiring or the CLI.' }] }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly' },
    },
  },
);
