import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/dist-lib/**', '.docs-examples-*/**', 'node_modules/**', 'integrations/nocobase/node_modules/**', 'integrations/nocobase/storage/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly', performance: 'readonly', structuredClone: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', fetch: 'readonly' } },
    rules: {
      // Packages meet only through each other's curated entry points.
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@crm-policy/*/src/*', '@crm-policy/*/dist/*', '**/packages/*/src/**'], message: 'Import a package through its entry point, e.g. @crm-policy/engine.' }] },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    // The domain knows nothing of HTTP: it throws DomainError, which the error middleware maps.
    files: ['packages/server/src/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@crm-policy/*/src/*', '@crm-policy/*/dist/*', '**/packages/*/src/**'], message: 'Import a package through its entry point, e.g. @crm-policy/engine.' },
            { regex: '^(\\.\\./)+http/', message: 'The domain does not import the HTTP layer: throw DomainError (src/domain/domainError.ts); FieldProblem and the validator are in src/validation/.' },
          ],
        },
      ],
    },
  },
  {
    // NocoBase loads a plugin with require(): its entry file is CommonJS.
    files: ['integrations/nocobase/server.js', 'integrations/nocobase/client.js'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
