// Sums the per-project vitest JSON reports in a folder into the one line CI reads: "N passed, N failed".
// A suite that ran but wrote no report, or a report with failed suites, counts as failed.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, testExitCode = '0', missingServices = '0'] = process.argv.slice(2);
let passed = 0;
let failed = 0;
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()) {
  let report;
  try {
    report = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  } catch {
    console.log(`${file}: unreadable report`);
    failed += 1;
    continue;
  }
  const p = report.numPassedTests ?? 0;
  // A file that failed to load has no tests in it but counts as a failed suite.
  const f = (report.numFailedTests ?? 0) + (report.numFailedTestSuites && !report.numFailedTests ? 1 : 0);
  console.log(`${file.replace(/\.json$/, '')}: ${p} passed, ${f} failed`);
  passed += p;
  failed += f;
}
if (testExitCode !== '0' && failed === 0) {
  console.log('npm test exited non-zero without a failing test in any report: counted as one failure');
  failed += 1;
}
if (missingServices !== '0') failed += 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
