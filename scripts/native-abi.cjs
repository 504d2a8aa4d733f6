// Keeps better-sqlite3's native addon loadable by whichever runtime needs it. Node (CLI, serve, tests) uses the
// in-place build in node_modules/better-sqlite3/build/Release; Electron gets its own copy in a cache folder,
// handed to the core through OUROBOROS_SQLITE_BINDING, so switching between `npm start` and `npm run serve`
// never rebuilds and never breaks a process that is running. Markers make every check a stat or two.
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..');
/** The environment variable that tells the core which better_sqlite3.node to load (better-sqlite3's nativeBinding). */
const bindingEnvVar = 'OUROBOROS_SQLITE_BINDING';

function defaultLog(line) {
  process.stderr.write(`[ouroboros] ${line}\n`);
}

// ---------------------------------------------------------------------------------------------- Electron

/** The executable name inside electron's dist/ for this platform (what electron's install.js writes to path.txt). */
function electronPlatformPath(platform = process.platform) {
  if (platform === 'darwin' || platform === 'mas') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

/**
 * Finds the Electron executable the way node_modules/electron/index.js does, but without its side effect:
 * since Electron 3x, `require('electron')` starts a download when the binary is missing.
 * Returns { found: true, path, version, viaModule } or { found: false, reason, version }.
 */
function findElectronBinary({ root = repoRoot, env = process.env } = {}) {
  if (env.ELECTRON_EXEC_PATH) {
    return fs.existsSync(env.ELECTRON_EXEC_PATH)
      ? { found: true, path: env.ELECTRON_EXEC_PATH, version: electronVersion(root), viaModule: false }
      : { found: false, reason: `ELECTRON_EXEC_PATH points to ${env.ELECTRON_EXEC_PATH}, which does not exist`, version: electronVersion(root) };
  }
  const moduleDir = path.join(root, 'node_modules', 'electron');
  const version = electronVersion(root);
  if (!version) return { found: false, reason: 'the electron package is not installed', version: null };
  let relative = null;
  try {
    relative = fs.readFileSync(path.join(moduleDir, 'path.txt'), 'utf8').trim();
  } catch {
    // path.txt is written only after a successful download
  }
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || electronPlatformPath());
    return fs.existsSync(candidate)
      ? { found: true, path: candidate, version, viaModule: true }
      : { found: false, reason: `no Electron executable at ${candidate} (ELECTRON_OVERRIDE_DIST_PATH)`, version };
  }
  if (!relative) return { found: false, reason: 'node_modules/electron/path.txt is missing: the binary was never downloaded', version };
  const candidate = path.join(moduleDir, 'dist', relative);
  return fs.existsSync(candidate)
    ? { found: true, path: candidate, version, viaModule: true }
    : { found: false, reason: `the Electron executable ${candidate} does not exist`, version };
}

function electronVersion(root = repoRoot) {
  try {
    return JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  } catch {
    return null;
  }
}

/** Electron's NODE_MODULE_VERSION: the package's abi_version file, else node-abi's table. */
function electronAbi(root = repoRoot) {
  try {
    const abi = fs.readFileSync(path.join(root, 'node_modules', 'electron', 'abi_version'), 'utf8').trim();
    if (/^\d+$/.test(abi)) return abi;
  } catch {
    // older packages have no abi_version file
  }
  const version = electronVersion(root);
  if (!version) return null;
  try {
    const nodeAbi = require(require.resolve('node-abi', { paths: [root] }));
    return String(nodeAbi.getAbi(version, 'electron'));
  } catch {
    return null;
  }
}

// ------------------------------------------------------------------------------------------- the addon

function sqliteDir(root = repoRoot) {
  return path.join(root, 'node_modules', 'better-sqlite3');
}

/** The in-place addon that `require('better-sqlite3')` loads by default. */
function bindingPath(root = repoRoot) {
  return path.join(sqliteDir(root), 'build', 'Release', 'better_sqlite3.node');
}

function sqliteVersion(root = repoRoot) {
  return JSON.parse(fs.readFileSync(path.join(sqliteDir(root), 'package.json'), 'utf8')).version;
}

function cacheDir(root = repoRoot) {
  return path.join(root, 'node_modules', '.cache', 'ouroboros-native');
}

/** Where the build of better-sqlite3 for one runtime + ABI is kept; the name is the whole cache key. */
function cachedBindingPath(runtime, abi, root = repoRoot) {
  return path.join(cacheDir(root), `better-sqlite3-${sqliteVersion(root)}-${runtime}-abi${abi}-${process.platform}-${process.arch}.node`);
}

/**
 * Parses Node's "compiled against a different Node.js version" error.
 * @returns {{ built: string, required: string } | null} the addon's and the runtime's NODE_MODULE_VERSION
 */
function parseModuleVersionMismatch(message) {
  const match = /NODE_MODULE_VERSION\s+(\d+)[\s\S]*?NODE_MODULE_VERSION\s+(\d+)/.exec(String(message));
  return match ? { built: match[1], required: match[2] } : null;
}

/**
 * Loads `file` in a child Node (so a crash cannot take us down) and reports its ABI.
 * @returns {{ loads: true, abi: string } | { loads: false, abi: string | null, message: string }}
 */
function probeBinding(file, { nodePath = process.execPath } = {}) {
  if (!fs.existsSync(file)) return { loads: false, abi: null, message: `${file} does not exist` };
  const result = spawnSync(nodePath, ['-e', 'require(process.argv[1]); process.stdout.write(process.versions.modules)', file], {
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    timeout: 30_000,
  });
  if (result.status === 0) return { loads: true, abi: result.stdout.trim() };
  const message = `${result.stderr || ''}${result.error ? String(result.error) : ''}`.trim() || `exit code ${result.status}`;
  const mismatch = parseModuleVersionMismatch(message);
  return { loads: false, abi: mismatch ? mismatch.built : null, message };
}

/** The marker beside a built addon: which runtime/ABI built it, and the size/mtime it had then. */
function markerPath(file) {
  return `${file}.ouroboros-abi.json`;
}

function writeMarker(file, runtime, abi) {
  const info = fs.statSync(file);
  const marker = { runtime, abi: String(abi), size: info.size, mtimeMs: info.mtimeMs, writtenAt: new Date().toISOString() };
  fs.writeFileSync(markerPath(file), `${JSON.stringify(marker, null, 2)}\n`);
  return marker;
}

/** The marker of `file` if it still describes the file on disk (same size and mtime), else null. */
function readMarker(file) {
  try {
    const marker = JSON.parse(fs.readFileSync(markerPath(file), 'utf8'));
    const info = fs.statSync(file);
    if (marker && marker.size === info.size && marker.mtimeMs === info.mtimeMs && typeof marker.abi === 'string') return marker;
  } catch {
    // no marker, unreadable, or the file is gone
  }
  return null;
}

/**
 * The ABI `file` was built for: from its marker when it is current (cheap), else by probing in a child Node
 * (and then the marker is written, so the next check is cheap again). null when it does not load at all.
 */
function bindingAbi(file, { nodeAbi = process.versions.modules } = {}) {
  const marker = readMarker(file);
  if (marker) return { abi: marker.abi, runtime: marker.runtime, source: 'marker' };
  const probe = probeBinding(file);
  if (!probe.abi) return { abi: null, runtime: null, source: 'probe', message: probe.message };
  const runtime = probe.abi === nodeAbi ? 'node' : 'electron';
  try {
    writeMarker(file, runtime, probe.abi);
  } catch {
    // read-only node_modules: fine, we probe again next time
  }
  return { abi: probe.abi, runtime, source: 'probe' };
}

/** Copies `from` to `to` through a temporary file and a rename, so a process that has `to` loaded keeps its copy. */
function replaceFile(from, to) {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  const temp = `${to}.${process.pid}.tmp`;
  fs.copyFileSync(from, temp);
  try {
    fs.renameSync(temp, to);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    if (error && (error.code === 'EPERM' || error.code === 'EBUSY')) {
      // Windows will not replace a DLL that a running process has loaded.
      throw new Error(`${to} is in use (a running workbench has it loaded); close it and try again.`);
    }
    throw error;
  }
}

function npmCommand() {
  if (process.env.npm_execpath && /\.c?js$/.test(process.env.npm_execpath)) {
    return { command: process.execPath, prefix: [process.env.npm_execpath], shell: false };
  }
  return { command: 'npm', prefix: [], shell: process.platform === 'win32' };
}

/** `npm rebuild better-sqlite3` for the Node running us; its output goes to stderr so stdout stays clean. */
function npmRebuildForNode(root) {
  const npm = npmCommand();
  const result = spawnSync(npm.command, [...npm.prefix, 'rebuild', 'better-sqlite3'], {
    cwd: root,
    stdio: ['ignore', 2, 2],
    shell: npm.shell,
    env: process.env,
  });
  if (result.status !== 0) {
    throw new Error(`npm rebuild better-sqlite3 failed (exit ${result.status ?? result.signal}); see the output above.`);
  }
}

/**
 * Makes sure the in-place better-sqlite3 addon loads under the Node running us. Cheap when it does (a marker
 * read); when it was built for Electron it restores a cached Node build or runs `npm rebuild better-sqlite3`.
 * Under Electron itself this does nothing. Returns what it did: 'ok' | 'restored' | 'rebuilt' | 'skipped'.
 */
function ensureNodeAbi({ root = repoRoot, log = defaultLog, rebuild = npmRebuildForNode } = {}) {
  if (process.versions.electron) return 'skipped';
  const nodeAbi = process.versions.modules;
  const file = bindingPath(root);
  const current = bindingAbi(file, { nodeAbi });
  if (current.abi === nodeAbi) {
    stash(file, 'node', nodeAbi, root);
    return 'ok';
  }
  const what = current.abi
    ? `is built for ${current.runtime === 'electron' ? 'Electron' : 'another runtime'} (ABI ${current.abi})`
    : 'does not load';
  const cached = cachedBindingPath('node', nodeAbi, root);
  if (fs.existsSync(cached) && probeBinding(cached).loads) {
    log(`better-sqlite3 ${what}; restoring the Node ${process.versions.node} build (ABI ${nodeAbi}) from ${path.relative(root, cached)}.`);
    replaceFile(cached, file);
    writeMarker(file, 'node', nodeAbi);
    return 'restored';
  }
  log(`better-sqlite3 ${what}; rebuilding it for Node ${process.versions.node} (ABI ${nodeAbi}) — about a minute, once.`);
  rebuild(root);
  const probe = probeBinding(file);
  if (!probe.loads) throw new Error(`better-sqlite3 still does not load after rebuilding it for Node:\n${probe.message}`);
  writeMarker(file, 'node', nodeAbi);
  stash(file, 'node', nodeAbi, root);
  return 'rebuilt';
}

/** Keeps a copy of a good build in the cache so a later switch back is a file copy, not a rebuild. */
function stash(file, runtime, abi, root) {
  const cached = cachedBindingPath(runtime, abi, root);
  if (fs.existsSync(cached)) return;
  try {
    replaceFile(file, cached);
    writeMarker(cached, runtime, abi);
  } catch {
    // a cache is an optimisation; a read-only node_modules just means no cache
  }
}

/** Removes npm/node-gyp settings that would make node-gyp build against Node's headers instead of Electron's. */
function withoutNodeHeaderOverrides(run) {
  const names = Object.keys(process.env).filter((name) =>
    /^npm_config_(nodedir|target|runtime|disturl|dist_url|arch|build_from_source)$/i.test(name),
  );
  const saved = names.map((name) => [name, process.env[name]]);
  for (const name of names) delete process.env[name];
  return Promise.resolve()
    .then(run)
    .finally(() => {
      for (const [name, value] of saved) process.env[name] = value;
    });
}

/** Builds better-sqlite3 for Electron in a scratch copy of the package with @electron/rebuild; returns the addon path. */
async function rebuildForElectron(root, version) {
  const work = path.join(cacheDir(root), `work-electron-${process.pid}`);
  const copy = path.join(work, 'better-sqlite3');
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  fs.cpSync(sqliteDir(root), copy, {
    recursive: true,
    filter: (source) => path.relative(sqliteDir(root), source).split(path.sep)[0] !== 'build',
  });
  try {
    const { rebuild } = await import('@electron/rebuild');
    // projectRootPath = root: prebuild-install (an Electron prebuild download) is found in root/node_modules.
    await withoutNodeHeaderOverrides(() =>
      rebuild({ buildPath: copy, projectRootPath: root, electronVersion: version, onlyModules: ['better-sqlite3'], force: true }),
    );
    const built = path.join(copy, 'build', 'Release', 'better_sqlite3.node');
    if (!fs.existsSync(built)) throw new Error(`@electron/rebuild finished but ${built} is missing`);
    const staged = path.join(work, 'better_sqlite3.node');
    fs.copyFileSync(built, staged);
    return { staged, cleanup: () => fs.rmSync(work, { recursive: true, force: true }) };
  } catch (error) {
    fs.rmSync(work, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Returns the path of a better-sqlite3 addon built for the installed Electron, building it once with
 * @electron/rebuild when the cache has none. Pass it to Electron as OUROBOROS_SQLITE_BINDING. The in-place Node
 * build is left alone. `rebuild(root, version)` is injectable for tests and must resolve to { staged, cleanup }.
 */
async function ensureElectronBinding({ root = repoRoot, log = defaultLog, rebuild = rebuildForElectron } = {}) {
  const version = electronVersion(root);
  const abi = electronAbi(root);
  if (!version || !abi) throw new Error('Cannot tell which Electron is installed (node_modules/electron is missing or unreadable).');
  const cached = cachedBindingPath('electron', abi, root);
  if (readMarker(cached)) return cached;

  // Someone already ran electron-rebuild in place: keep that build rather than compiling again.
  const inPlace = bindingAbi(bindingPath(root));
  if (inPlace.abi === abi) {
    replaceFile(bindingPath(root), cached);
    writeMarker(cached, 'electron', abi);
    return cached;
  }

  log(`better-sqlite3 has no build for Electron ${version} (ABI ${abi}) yet; building one with @electron/rebuild — once, about a minute.`);
  let built;
  try {
    built = await rebuild(root, version);
  } catch (error) {
    throw new Error(
      `Could not build better-sqlite3 for Electron ${version}: ${error instanceof Error ? error.message : String(error)}. ` +
        'This needs network access once (a prebuilt binary, or Electron\'s headers plus a C++ toolchain).',
    );
  }
  const { staged, cleanup } = built;
  try {
    // Under Node an Electron build must fail with Electron's NODE_MODULE_VERSION; anything else is a wrong build
    // (for example node-gyp picked up Node's headers through npm_config_nodedir).
    const probe = probeBinding(staged);
    if (probe.loads || (probe.abi !== null && probe.abi !== abi)) {
      throw new Error(
        `The rebuilt better-sqlite3 is not an Electron ABI ${abi} build (it reports ABI ${probe.abi}${probe.loads ? ' and loads under Node' : ''}).`,
      );
    }
    if (probe.abi === null) log(`could not confirm the ABI of the Electron build under Node (${probe.message.split('\n')[0]}); using it.`);
    replaceFile(staged, cached);
    writeMarker(cached, 'electron', abi);
  } finally {
    cleanup();
  }
  return cached;
}

module.exports = {
  repoRoot,
  bindingEnvVar,
  findElectronBinary,
  electronPlatformPath,
  electronVersion,
  electronAbi,
  bindingPath,
  cachedBindingPath,
  parseModuleVersionMismatch,
  probeBinding,
  readMarker,
  writeMarker,
  bindingAbi,
  ensureNodeAbi,
  ensureElectronBinding,
};
