import { defineConfig } from 'vitest/config';
import { nxViteTsPaths } from '@nx/vite/plugins/nx-tsconfig-paths.plugin';
import swc from 'unplugin-swc';

// SWC instead of esbuild: Nest and TypeORM need emitDecoratorMetadata, which esbuild can't emit.
export default defineConfig(() => ({
  root: import.meta.dirname,
  cacheDir: '../../node_modules/.vite/apps/api',
  plugins: [
    nxViteTsPaths(),
    swc.vite({
      module: { type: 'es6' },
      jsc: {
        target: 'es2022',
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      },
    }),
  ],
  test: {
    name: 'api',
    watch: false,
    passWithNoTests: true,
    globals: true,
    environment: 'node',
    include: ['{src,test}/**/*.{spec,int-spec,e2e-spec}.ts'],
    // Probes PostgreSQL once; on CI a missing service fails the run instead of skipping.
    globalSetup: ['test/support/global-setup.ts'],
    // Integration tests share real databases; files run one at a time to keep them independent.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // .ci/run sets DQW_REPORT_DIR to collect one JSON report per project for its pass/fail summary.
    reporters: process.env['DQW_REPORT_DIR']
      ? ['default', ['json', { outputFile: `${process.env['DQW_REPORT_DIR']}/api.json` }]]
      : ['default'],
  },
}));
