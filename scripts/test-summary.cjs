// Reads the two runners' JSON reports into one total and a list of what was skipped and why, so the closing
// line of `npm test` counts both suites and no skip goes unexplained.
'use strict';
const { existsSync, readFileSync } = require('node:fs');
const { relative } = require('node:path');

const SKIP_TAG = /\[skipped: ([^\]]+)\]/;

/** Vitest's JSON report → counts and skipped tests with a reason (the "[skipped: …]" tag of a title, or the file). */
function readVitest(file, root) {
  if (!existsSync(file)) return null;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const skips = [];
  for (const suite of report.testResults ?? []) {
    for (const test of suite.assertionResults ?? []) {
      if (!['pending', 'skipped', 'todo'].includes(test.status)) continue;
      const titles = [...(test.ancestorTitles ?? []), test.title];
      const tagged = titles.map((t) => SKIP_TAG.exec(t)).find(Boolean);
      skips.push({ where: relative(root, suite.name), reason: tagged ? tagged[1] : null });
    }
  }
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + (report.numFailedTestSuites && !report.numFailedTests ? report.numFailedTestSuites : 0),
    skipped: report.numPendingTests + (report.numTodoTests ?? 0),
    skips,
  };
}

/** Playwright's JSON report → counts and skipped tests with the reason given to `test.skip(cond, reason)`. */
function readPlaywright(file) {
  if (!existsSync(file)) return null;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const skips = [];
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status !== 'skipped') continue;
        const note = (test.annotations ?? []).find((a) => a.type === 'skip' && a.description);
        skips.push({ where: spec.file, reason: note ? note.description : null });
      }
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const suite of report.suites ?? []) walk(suite);
  const { stats } = report;
  return { passed: stats.expected + (stats.flaky ?? 0), failed: stats.unexpected, skipped: stats.skipped, skips };
}

/** Lines "  N  file — reason", one per distinct (file, reason). */
function skipLines(skips) {
  const groups = new Map();
  for (const { where, reason } of skips) {
    const key = `${where} — ${reason ?? 'skipped by the test itself (see its output)'}`;
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  return [...groups].map(([key, count]) => `  ${String(count).padStart(3)}  ${key}`);
}

module.exports = { readVitest, readPlaywright, skipLines };
