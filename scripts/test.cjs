// `npm test`: the whole suite as CI runs it — prepare what the suites need (a Chromium, Debian's Fashion-MNIST,
// numpy/scipy, a software Vulkan driver, a one-node Slurm cluster: found, else installed where a way works, else skipped with the reason), build, unit/integration
// (vitest, incl. the Electron e2e suite that skips without a binary), then the UI end-to-end tests in Chromium
// (Playwright) — and one closing line `N passed, N failed, N skipped` summed over both runners, with every
// skip and its reason listed just above it.
'use strict';
const { spawnSync } = require('node:child_process');
const { mkdirSync, rmSync } = require('node:fs');
const { join } = require('node:path');
const { prepareTestEnvironment, realDeps } = require('./test-prepare.cjs');
const { stopSlurm } = require('./test-slurm.cjs');
const { readVitest, readPlaywright, skipLines } = require('./test-summary.cjs');

const root = join(__dirname, '..');
const results = join(root, 'test-results');
rmSync(join(results, 'vitest.json'), { force: true });
rmSync(join(results, 'playwright.json'), { force: true });
mkdirSync(results, { recursive: true });

const only = process.argv[2]; // optional: "unit" or "e2e"
const prepared = prepareTestEnvironment(realDeps());
const testEnv = {};
if ('path' in prepared.chromium) testEnv.CHROMIUM_PATH = prepared.chromium.path;
if ('skipped' in prepared.fashionMnist) testEnv.OUROBOROS_TEST_FASHION_MNIST_SKIPPED = prepared.fashionMnist.skipped;
if ('skipped' in prepared.numpy) testEnv.OUROBOROS_TEST_NUMPY_SKIPPED = prepared.numpy.skipped;
if ('skipped' in prepared.figureTools) testEnv.OUROBOROS_TEST_FIGURE_TOOLS_SKIPPED = prepared.figureTools.skipped;
if ('icd' in prepared.softwareVulkan) {
  // The webgpu suite's adapter: lavapipe from a private folder (the system's Mesa is left as it is).
  testEnv.VK_ICD_FILENAMES = prepared.softwareVulkan.icd;
  if (prepared.softwareVulkan.libDir) testEnv.LD_LIBRARY_PATH = [prepared.softwareVulkan.libDir, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':');
} else testEnv.OUROBOROS_TEST_VULKAN_SKIPPED = prepared.softwareVulkan.skipped;
if ('skipped' in prepared.slurm) testEnv.OUROBOROS_TEST_SLURM_SKIPPED = prepared.slurm.skipped;

require('./native-abi.cjs').ensureNodeAbi();
require('./ensure-build.cjs').ensureBuild();

const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (command, args) => spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...testEnv } }).status;

const totals = { passed: 0, failed: 0, skipped: 0 };
const skips = [];
let crashed = false;
const add = (report) => {
  totals.passed += report.passed;
  totals.failed += report.failed;
  totals.skipped += report.skipped;
  skips.push(...report.skips);
};

if (only !== 'e2e') {
  const status = run(bin('vitest'), ['run']);
  const report = readVitest(join(results, 'vitest.json'), root);
  if (report) add(report);
  else if (status !== 0) crashed = true;
}

if (only !== 'unit') {
  if ('path' in prepared.chromium) {
    const status = run(bin('playwright'), ['test']);
    const report = readPlaywright(join(results, 'playwright.json'));
    if (report) add(report);
    else if (status !== 0) crashed = true;
  } else {
    // No browser: the UI suite is counted as skipped (never failed), with the reason.
    const listed = spawnSync(bin('playwright'), ['test', '--list'], { cwd: root, encoding: 'utf8' });
    const count = Number(/Total: (\d+) tests?/.exec(listed.stdout ?? '')?.[1] ?? 0);
    totals.skipped += count;
    for (let i = 0; i < count; i++) skips.push({ where: 'tests/e2e (Playwright)', reason: prepared.chromium.skipped });
  }
}

// A Slurm cluster we started is stopped now (one that was already running is left alone).
stopSlurm(realDeps(), prepared.slurm);
if (crashed) totals.failed += 1; // a runner that died without a report counts as a failure, never a pass
if (skips.length > 0) console.log(`\nSkipped, with the reason:\n${skipLines(skips).join('\n')}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);
