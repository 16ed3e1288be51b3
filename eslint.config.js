import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';
import channelbase from './scripts/eslint/context-boundaries.js';

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', '.channelbase/', 'bench/results/', '.bundles/'] },
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='only'][callee.object.name=/^(it|test|describe)$/]", message: 'No focused tests.' },
        { selector: "CallExpression[callee.property.name='skip'][callee.object.name=/^(it|test|describe)$/]", message: 'No skipped tests.' },
      ],
    },
  },
  {
    // The walls between bounded contexts: another context only through its public module (docs/architecture.md).
    files: ['functions/**/*.ts', 'packages/core/src/**/*.ts'],
    plugins: { channelbase },
    rules: { 'channelbase/context-boundaries': 'error' },
  },
  {
    files: ['packages/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@aws-sdk/*', 'aws-lambda', '@channelbase/platform*'], message: 'The domain imports no AWS or platform code.' }] },
      ],
    },
  },
);
