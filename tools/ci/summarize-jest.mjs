// Prints "N passed, N failed" from Jest's --json output. When Jest never ran
// (lint, type check or build failed first), that step counts as one failure.
import { existsSync, readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'reports/jest-results.json';
if (!existsSync(file)) {
  console.log('0 passed, 1 failed (the tests did not run: lint, type check or build failed)');
  process.exit(0);
}
const results = JSON.parse(readFileSync(file, 'utf8'));
// A suite that fails to load has no test results but must still count as failed.
const brokenSuites = results.testResults.filter((s) => s.status === 'failed' && s.assertionResults.length === 0).length;
console.log(`${results.numPassedTests} passed, ${results.numFailedTests + brokenSuites} failed`);
