// Used before `serve`, `bench` and `start`: better-sqlite3 must load under this Node, and out/ must hold a build
// of the current sources. Both checks are cheap (a marker read, an mtime walk), so this runs on every start.
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { ensureNodeAbi, repoRoot } = require('./native-abi.cjs');

/** Everything `electron-vite build` writes that one of the shells loads. */
const buildOutputs = ['out/main/index.js', 'out/main/cli.js', 'out/main/jobWorker.js', 'out/preload/index.js', 'out/renderer/index.html'];
/** What the build reads: the sources and the build config. */
const buildInputs = ['src', 'electron.vite.config.ts'];

/**
 * Newest mtime (ms) at or below `target`, directories included (a deleted or renamed file changes its
 * directory's mtime); dot-entries and node_modules are skipped. 0 if `target` does not exist.
 */
function newestMtime(target) {
  let info;
  try {
    info = fs.statSync(target);
  } catch {
    return 0;
  }
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of fs.readdirSync(target, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry.name)));
  }
  return newest;
}

/** Says whether out/ needs a build, and why: { stale: boolean, reason: string }. */
function buildStatus({ root = repoRoot, outputs = buildOutputs, inputs = buildInputs } = {}) {
  let oldestOutput = Infinity;
  for (const output of outputs) {
    let info;
    try {
      info = fs.statSync(path.join(root, output));
    } catch {
      return { stale: true, reason: `${output} is missing` };
    }
    oldestOutput = Math.min(oldestOutput, info.mtimeMs);
  }
  const newestInput = Math.max(0, ...inputs.map((input) => newestMtime(path.join(root, input))));
  if (newestInput > oldestOutput) return { stale: true, reason: 'sources changed since the last build' };
  return { stale: false, reason: 'build is up to date' };
}

/** Runs `electron-vite build` when out/ is missing or older than the sources. Build output goes to stderr. */
function ensureBuild({ root = repoRoot, log = (line) => process.stderr.write(`[ouroboros] ${line}\n`) } = {}) {
  const status = buildStatus({ root });
  if (!status.stale) return false;
  log(`building the app (${status.reason}): electron-vite build`);
  const cli = path.join(path.dirname(require.resolve('electron-vite/package.json', { paths: [root] })), 'bin', 'electron-vite.js');
  const result = spawnSync(process.execPath, [cli, 'build'], { cwd: root, stdio: ['ignore', 2, 2] });
  if (result.status !== 0) throw new Error(`electron-vite build failed (exit ${result.status ?? result.signal}); see the output above.`);
  return true;
}

module.exports = { buildOutputs, buildInputs, newestMtime, buildStatus, ensureBuild };

if (require.main === module) {
  try {
    ensureNodeAbi();
    ensureBuild();
  } catch (error) {
    process.stderr.write(`[ouroboros] ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
