import { defineConfig } from 'vitest/config';

// Browser tests: the real built API (which serves the built SPA) driven by Debian's Chromium through
// playwright-core. One file at a time: each starts its own API process and browser.
export default defineConfig(() => ({
  root: import.meta.dirname,
  cacheDir: '../../node_modules/.vite/apps/web-e2e',
  test: {
    name: 'web-e2e',
    watch: false,
    globals: true,
    environment: 'node',
    include: ['src/**/*.e2e.ts'],
    fileParallelism: false,
    testTimeout: 120_000, // a step with sign-in and two axe runs takes ~40 s on a busy 2-core runner
    hookTimeout: 120_000,
    // .ci/run sets DQW_REPORT_DIR to collect one JSON report per project for its pass/fail summary.
    reporters: process.env['DQW_REPORT_DIR']
      ? ['default', ['json', { outputFile: `${process.env['DQW_REPORT_DIR']}/web-e2e.json` }]]
      : ['default'],
  },
}));
