import nx from '@nx/eslint-plugin';

/** Packages the pure libraries must never import (DESIGN §2, STYLE "Boundaries"). */
const bannedInLibs = [
  '@nestjs/*',
  '@angular/*',
  'typeorm',
  'bull',
  'pg',
  'mysql2',
  'better-sqlite3',
  'rxjs',
  'express',
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc', '**/vitest.config.*.timestamp*', 'data/**', 'tmp/**'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:types'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:types'] },
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:types'],
              bannedExternalImports: bannedInLibs,
            },
            {
              sourceTag: 'type:types',
              onlyDependOnLibsWithTags: [],
              bannedExternalImports: ['*'],
            },
            {
              sourceTag: 'scope:web',
              onlyDependOnLibsWithTags: ['scope:shared'],
              bannedExternalImports: ['@nestjs/*', 'typeorm', 'class-validator', 'class-transformer', 'bull'],
            },
            {
              sourceTag: 'scope:api',
              onlyDependOnLibsWithTags: ['scope:shared'],
              bannedExternalImports: ['@angular/*'],
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.name='eval']", message: 'eval is forbidden.' },
        { selector: "NewExpression[callee.name='Function']", message: 'new Function is forbidden.' },
        {
          selector: "CallExpression[callee.object.name=/^(it|describe|test)$/][callee.property.name='only']",
          message: 'Do not commit focused tests.',
        },
      ],
    },
  },
];
