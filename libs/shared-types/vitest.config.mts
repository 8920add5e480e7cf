import { defineConfig } from 'vitest/config';
import { nxViteTsPaths } from '@nx/vite/plugins/nx-tsconfig-paths.plugin';
import { nxCopyAssetsPlugin } from '@nx/vite/plugins/nx-copy-assets.plugin';

export default defineConfig(() => ({
  root: import.meta.dirname,
  cacheDir: '../../node_modules/.vite/libs/shared-types',
  plugins: [nxViteTsPaths(), nxCopyAssetsPlugin(['*.md'])],
  test: {
    name: 'shared-types',
    watch: false,
    passWithNoTests: true,
    globals: true,
    environment: 'node',
    include: ['{src,test}/**/*.{test,spec}.{js,mjs,cjs,ts,mts,cts,jsx,tsx}'],
    // .ci/run sets DQW_REPORT_DIR to collect one JSON report per project for its pass/fail summary.
    reporters: process.env['DQW_REPORT_DIR']
      ? ['default', ['json', { outputFile: `${process.env['DQW_REPORT_DIR']}/shared-types.json` }]]
      : ['default'],
    coverage: {
      reportsDirectory: '../../coverage/libs/shared-types',
      provider: 'v8' as const,
    },
  },
}));
