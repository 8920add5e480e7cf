import { defineConfig } from 'vitest/config';

// Loaded by @angular/build:unit-test (runnerConfig). The builder owns test discovery and the
// environment; this file only adds the JSON report that .ci/run sums up.
export default defineConfig({
  test: {
    reporters: process.env['DQW_REPORT_DIR']
      ? ['default', ['json', { outputFile: `${process.env['DQW_REPORT_DIR']}/web.json` }]]
      : ['default'],
  },
});
