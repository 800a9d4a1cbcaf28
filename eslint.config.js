// Lint rules shared by every package. Architecture rules live in .dependency-cruiser.cjs.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/coverage/**', '**/node_modules/**', 'drizzle/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
      'no-console': 'error',
    },
  },
  {
    // CFG-1: configuration is read once by the config adapter and injected; nothing else reads the environment.
    files: ['packages/**/src/**/*.ts', 'apps/**/src/**/*.ts'],
    // The composition roots are the only readers of the environment; they hand it to loadConfig.
    ignores: ['**/*.test.ts', 'apps/*/src/config/**', 'apps/cli/src/main.ts', 'apps/load/src/main.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read settings through the config adapter (CFG-1).' },
      ],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
  {
    // Scripts, benchmarks and tests talk to the terminal on purpose.
    files: ['scripts/**', '**/bench/**', '**/*.test.ts', '**/test/**'],
    rules: { 'no-console': 'off' },
  },
);
