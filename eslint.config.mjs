// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/**
 * The layers and what each may import (docs/ARCHITECTURE.md):
 * - shared/ imports nothing of cloudfunctions/, miniprogram/ or local/;
 * - miniprogram/ imports only shared/ (as @shared/…), itself and packages;
 * - cloudfunctions/core/ imports no feature, no access module and no deployed function;
 * - a feature (cloudfunctions/<feature>/) imports core, the access module and other features' ports
 *   (<feature>/<feature>.port.ts) only;
 * - cloudfunctions/access/ imports core and the organisation tree's port.
 */
const features = ['checkin', 'org', 'wish', 'points', 'whistle', 'messages'];

/** From a feature file (one folder deep), another feature is reachable only through its port. */
function featureBoundary(self) {
  return {
    files: [`cloudfunctions/${self}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...features
              .filter((f) => f !== self)
              .map((f) => ({
                group: [`../${f}/*`, `!../${f}/${f}.port`],
                message: `A feature uses another feature only through its port (${f}/${f}.port.ts).`,
              })),
            { group: ['../deployed/*', '../deployed'], message: 'Features do not import the deployed functions.' },
            {
              group: ['**/local/*', '**/scripts/*', '**/tests/*'],
              message: 'Deployed code does not import the local server, scripts or tests.',
            },
          ],
        },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-artifacts/**', '.data/**', 'coverage/**', 'miniprogram/assets/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable', require: 'readonly', __dirname: 'readonly', process: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['miniprogram/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/cloudfunctions/**', '**/local/**', '**/scripts/**', '**/tests/**', '**/shared/src/**'],
              message: 'The mini-program imports only @shared/… and itself.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/cloudfunctions/**',
                '**/miniprogram/**',
                '**/local/**',
                '**/scripts/**',
                '**/tests/**',
                '@shared/*',
              ],
              message: 'shared/ depends on zod and dayjs only, and imports itself by relative paths.',
            },
            { group: ['node:*'], message: 'shared/ runs in the mini-program too: no Node modules.' },
          ],
        },
      ],
    },
  },
  {
    files: ['cloudfunctions/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...features.map((f) => `../../${f}/*`), '../../access/*', '../../deployed/*', '../../deployed'],
              message: 'core imports no feature, no access module and no deployed function.',
            },
            {
              group: ['**/local/*', '**/scripts/*', '**/tests/*'],
              message: 'Deployed code does not import the local server, scripts or tests.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['cloudfunctions/access/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                ...features.filter((f) => f !== 'org').map((f) => `../${f}/*`),
                '../org/*',
                '!../org/org.port',
                '../deployed/*',
              ],
              message: 'The access module reads the organisation tree through its port only.',
            },
          ],
        },
      ],
    },
  },
  ...features.map(featureBoundary),
);
