import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // Fixture pages are the test's material, written as plain page scripts.
  { ignores: ['node_modules/', '.output/', '.wxt/', 'coverage/', 'bench/out/', 'tests/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Render data as text (JSX or textContent).' },
        { property: 'outerHTML', message: 'Render data as text (JSX or textContent).' },
        { property: 'insertAdjacentHTML', message: 'Render data as text (JSX or textContent).' },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);
