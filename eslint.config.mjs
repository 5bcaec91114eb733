// ESLint over every TypeScript source: the recommended rules of eslint and typescript-eslint,
// lines of at most 120 characters (Prettier formats; this catches what it cannot break: long
// strings and comments), and the service kept free of editor imports.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      'node_modules/**',
      '**/node_modules/**',
      '.scratch/**',
      '.bench/**',
      'test/e2e/workspace/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mjs'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      'max-len': [
        'error',
        { code: 120, tabWidth: 2, ignoreUrls: false, ignoreStrings: false, ignoreTemplateLiterals: false },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
      // A handle read by a closure before it is assigned (a subscription's stop) stays let.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // The published bin stubs: CommonJS, one require each.
    files: ['server/bin/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs', 'scripts/**', 'bench/**'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' } },
  },
  {
    // The language service is a library: no editor, no LSP.
    files: ['server/src/service/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['vscode', 'vscode-languageserver*', '../lsp/*', '../cli/*', '../live/*'],
              message: 'The service is pure: text in, plain data out.',
            },
          ],
        },
      ],
    },
  },
);
