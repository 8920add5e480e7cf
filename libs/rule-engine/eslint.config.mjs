import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // The tests and the benchmark run the SQL back ends against real databases, so they may import
    // the drivers (pg, mysql2, better-sqlite3); src/** stays under the base config's bans.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
          depConstraints: [
            {
              sourceTag: 'type:domain',
              onlyDependOnLibsWithTags: ['type:types'],
              bannedExternalImports: ['@nestjs/*', '@angular/*', 'typeorm', 'bull', 'rxjs', 'express'],
            },
          ],
        },
      ],
    },
  },
];
