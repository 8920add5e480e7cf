import { defineConfig } from 'vitest/config';

// The web app's build scripts (bundle budget), in Node; the app's own specs run through
// @angular/build:unit-test instead. Named so the @nx/vitest plugin does not infer a second project.
export default defineConfig({
  root: import.meta.dirname,
  cacheDir: '../../../node_modules/.vite/apps/web-scripts',
  test: {
    name: 'web-scripts',
    watch: false,
    environment: 'node',
    include: ['**/*.spec.mjs'],
    reporters: process.env['DQW_REPORT_DIR']
      ? ['default', ['json', { outputFile: `${process.env['DQW_REPORT_DIR']}/web-bundle.json` }]]
      : ['default'],
  },
});
