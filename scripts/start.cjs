// `npm start`: launches the desktop app. Says plainly what to do when the Electron binary was never downloaded;
// otherwise makes sure better-sqlite3 has an Electron build and out/ is current, then runs Electron on the app.
// Arguments after `--` go to the app: `npm start -- --workspace=/data/ouroboros`. `start.cjs --dev` runs
// `electron-vite dev` instead (renderer hot reload) with the same binary check and SQLite build.
'use strict';

const { spawn } = require('node:child_process');
const path = require('node:path');
const { bindingEnvVar, ensureElectronBinding, findElectronBinary, repoRoot } = require('./native-abi.cjs');
const { ensureBuild } = require('./ensure-build.cjs');

/** The one paragraph `npm start` prints when there is no Electron binary. */
function missingElectronMessage(found) {
  const version = found.version ? `Electron ${found.version}` : 'Electron';
  return [
    `Ouroboros Workbench: the desktop app needs the ${version} binary, and it is not installed here (${found.reason}).`,
    'npm install normally downloads it, but that download was skipped or failed (offline, GitHub blocked,',
    'ELECTRON_SKIP_BINARY_DOWNLOAD set, or an unreachable mirror). To get it, run `npx install-electron` with network',
    'access, or re-run `npm install` with network (set ELECTRON_MIRROR=<mirror URL> first if GitHub is blocked;',
    'ELECTRON_OVERRIDE_DIST_PATH=<folder> uses an Electron you already have). Meanwhile, `npm run serve` opens the',
    'same workbench UI in your browser, with the same workspace and runs.',
  ].join(' ');
}

/** The environment Electron runs with: our Electron build of better-sqlite3, and no variable that would turn it into Node or a dev-server client. */
function electronEnv(baseEnv, sqliteBinding) {
  const env = { ...baseEnv, [bindingEnvVar]: sqliteBinding };
  delete env.ELECTRON_RUN_AS_NODE;
  delete env.ELECTRON_RENDERER_URL;
  return env;
}

/** Runs `command` with inherited stdio until it exits; resolves to its exit code (signals forwarded, death by signal = 1). */
function runToExit(command, args, env, { cwd = repoRoot, name = path.basename(command) } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', env, cwd, windowsHide: false });
    const forward = (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    };
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    for (const signal of signals) process.on(signal, forward);
    child.once('error', (error) => {
      for (const signal of signals) process.off(signal, forward);
      reject(error);
    });
    child.once('close', (code, signal) => {
      for (const signal of signals) process.off(signal, forward);
      if (code === null) process.stderr.write(`[ouroboros] ${name} exited with signal ${signal}\n`);
      resolve(code ?? 1);
    });
  });
}

/** Runs Electron on the app folder (package.json `main` → out/main/index.js) with the user's arguments. */
function launchElectron(binary, args, env, { appDir = repoRoot } = {}) {
  return runToExit(binary, [appDir, ...args], env, { name: 'Electron' });
}

/** `electron-vite dev`: builds main/preload, serves the renderer with hot reload, and starts our Electron binary. */
function launchDev(binary, args, env) {
  const cli = path.join(path.dirname(require.resolve('electron-vite/package.json', { paths: [repoRoot] })), 'bin', 'electron-vite.js');
  const devEnv = { ...env, ELECTRON_EXEC_PATH: binary, ELECTRON_CLI_ARGS: JSON.stringify(args) };
  return runToExit(process.execPath, [cli, 'dev'], devEnv, { name: 'electron-vite dev' });
}

async function main(args) {
  const electron = findElectronBinary();
  if (!electron.found) {
    process.stderr.write(`${missingElectronMessage(electron)}\n`);
    return 1;
  }
  const sqliteBinding = await ensureElectronBinding();
  const env = electronEnv(process.env, sqliteBinding);
  if (args[0] === '--dev') return launchDev(electron.path, args.slice(1), env);
  ensureBuild();
  return launchElectron(electron.path, args, env);
}

module.exports = { missingElectronMessage, electronEnv, launchElectron, main };

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      process.stderr.write(`[ouroboros] npm start failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
