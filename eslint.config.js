import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Electron may only be imported where docs/architecture.md §3 allows it; the architecture test checks the rest of the table. */
const electronAllowed = ['electron/main/index.ts', 'electron/main/platform/**', 'electron/preload/**', 'tests/fakes/**', 'tests/platform/**'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'tests/fixtures/**', 'db/migrations/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only electron/main/platform, electron/main/index.ts and the preload may import electron (docs/architecture.md §3).' }] }],
    },
  },
  { files: electronAllowed, rules: { 'no-restricted-imports': 'off' } },
  // Test helpers hand back IPC results whose shape each test asserts; typing them adds nothing.
  { files: ['tests/**', 'scripts/bench/**'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  {
    files: ['scripts/**/*.mjs', 'bin/**/*.mjs', '*.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
