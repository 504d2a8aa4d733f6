// `npm test`: the whole suite as CI runs it — build, unit/integration (vitest, incl. the Electron e2e
// suite that skips without a binary), then the UI end-to-end tests in Chromium (Playwright) — and one
// closing line `N passed, N failed, N skipped` summed over both runners.
'use strict';
const { spawnSync } = require('node:child_process');
const { existsSync, readFileSync, rmSync, mkdirSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const results = join(root, 'test-results');
rmSync(join(results, 'vitest.json'), { force: true });
rmSync(join(results, 'playwright.json'), { force: true });
mkdirSync(results, { recursive: true });

require('./native-abi.cjs').ensureNodeAbi();
require('./ensure-build.cjs').ensureBuild();

const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (command, args, env = {}) =>
  spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status;

const only = process.argv[2]; // optional: "unit" or "e2e"
const totals = { passed: 0, failed: 0, skipped: 0 };
let crashed = false;

if (only !== 'e2e') {
  const status = run(bin('vitest'), ['run']);
  const file = join(results, 'vitest.json');
  if (existsSync(file)) {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    totals.passed += report.numPassedTests;
    totals.failed += report.numFailedTests + (report.numFailedTestSuites && !report.numFailedTests ? report.numFailedTestSuites : 0);
    totals.skipped += report.numPendingTests + (report.numTodoTests ?? 0);
  } else if (status !== 0) crashed = true;
}

if (only !== 'unit') {
  const status = run(bin('playwright'), ['test']);
  const file = join(results, 'playwright.json');
  if (existsSync(file)) {
    const { stats } = JSON.parse(readFileSync(file, 'utf8'));
    totals.passed += stats.expected + (stats.flaky ?? 0);
    totals.failed += stats.unexpected;
    totals.skipped += stats.skipped;
  } else if (status !== 0) crashed = true;
}

if (crashed) totals.failed += 1; // a runner that died without a report counts as a failure, never a pass
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);
