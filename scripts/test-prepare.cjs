// `npm test` prepares what its suites need, the same way on a laptop, a lab workstation and CI: a Chromium
// for the UI tests, Debian's Fashion-MNIST for the real-data tests, numpy/scipy for the reference scripts,
// a software Vulkan driver (Mesa's lavapipe, see test-vulkan.cjs) for the webgpu tests, a one-node Slurm cluster
// (test-slurm.cjs) for the Slurm executor's tests.
// What is present is used; what is absent is installed where a way works (Playwright's own download, or
// Debian's packages when we are root on Debian), with one line saying so; what cannot be had is returned
// as a skip reason for the summary, never as a failure. Every effect goes through `deps`, so the decision
// table is tested with the installers stubbed (tests/scripts/testPrepare.test.ts).
'use strict';
const { prepareSoftwareVulkan, realVulkanDeps, wantsLoader } = require('./test-vulkan.cjs');
const { prepareSlurm } = require('./test-slurm.cjs');

const FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';
const DEBIAN_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
/** The figure-pack tests check exported PDFs with poppler and compile a LaTeX paper with pdflatex. */
const FIGURE_TOOLS = ['/usr/bin/pdflatex', '/usr/bin/pdffonts', '/usr/bin/pdftotext', '/usr/bin/pdftoppm'];
const REFERENCE_PYTHON = '/usr/bin/python3';

/**
 * @typedef {{ status: number | null }} RunResult
 * @typedef {object} PrepareDeps
 * @property {Record<string, string | undefined>} env
 * @property {(path: string) => boolean} exists
 * @property {(command: string, args: string[], options?: { timeoutMs?: number, quiet?: boolean, cwd?: string }) => RunResult} run
 *   runs a command without its stdout (stderr shown unless `quiet`)
 * @property {() => boolean} isRoot
 * @property {() => boolean} isDebian
 * @property {() => string | null} playwrightChromium   path where Playwright's own Chromium lives (or would)
 * @property {() => boolean} canReachPlaywrightHost     whether Playwright's browser download can work here
 * @property {(line: string) => void} log
 */

/**
 * A found Chromium: $CHROMIUM_PATH, Debian's, then Playwright's own cache.
 * @param {PrepareDeps} deps
 * @returns {{ path: string } | { problem: string | null }}
 */
function findChromium(deps) {
  const fromEnv = deps.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (deps.exists(fromEnv)) return { path: fromEnv };
    deps.log(`npm test: CHROMIUM_PATH=${fromEnv} does not exist; looking elsewhere`);
  }
  for (const candidate of DEBIAN_CHROMIUM) if (deps.exists(candidate)) return { path: candidate };
  const cached = deps.playwrightChromium();
  if (cached && deps.exists(cached)) return { path: cached };
  return { problem: null };
}

/** Whether installing is allowed at all: `OUROBOROS_TEST_NO_INSTALL=1` opts out (air-gapped or shared boxes). */
function installsAllowed(deps) {
  return !['1', 'true', 'yes'].includes(String(deps.env.OUROBOROS_TEST_NO_INSTALL ?? '').toLowerCase());
}

/**
 * One apt session for all Debian packages: `apt-get update` once, then every package in one install; when
 * that fails, each package alone, so one unavailable package does not cost the others.
 * @param {PrepareDeps} deps
 * @param {string[]} packages
 * @returns {Set<string>} the packages now installed
 */
function aptInstall(deps, packages) {
  const installed = new Set();
  if (packages.length === 0) return installed;
  deps.log(`npm test: installing Debian packages ${packages.join(', ')} (apt-get; once per machine)`);
  const env = ['-o', 'Dpkg::Use-Pty=0'];
  if (deps.run('apt-get', ['update', '-qq'], { timeoutMs: 300_000 }).status !== 0) return installed;
  const args = (names) => ['install', '-y', '-qq', '--no-install-recommends', ...env, ...names];
  if (deps.run('apt-get', args(packages), { timeoutMs: 900_000 }).status === 0) {
    for (const name of packages) installed.add(name);
    return installed;
  }
  for (const name of packages) if (deps.run('apt-get', args([name]), { timeoutMs: 900_000 }).status === 0) installed.add(name);
  return installed;
}

const NO_CHROMIUM = [
  'UI end-to-end tests skipped: no Chromium was found ($CHROMIUM_PATH, /usr/bin/chromium, Playwright\'s',
  'browser cache) and none could be installed here. Install one and run `npm test` again: on Debian or',
  'Ubuntu `sudo apt-get install chromium`; anywhere with internet access `npx playwright install chromium`;',
  'or point CHROMIUM_PATH at any Chromium or Chrome binary.',
].join('\n');

/**
 * Finds or obtains everything the suites need.
 * @param {PrepareDeps} deps
 * @returns {{ chromium: { path: string } | { skipped: string },
 *             fashionMnist: { path: string } | { skipped: string },
 *             numpy: { python: string } | { skipped: string },
 *             figureTools: { ok: true } | { skipped: string },
 *             softwareVulkan: { icd: string, libDir: string | null } | { skipped: string },
 *             slurm: { started: boolean } | { skipped: string } }}
 */
function prepareTestEnvironment(deps) {
  const allowInstall = installsAllowed(deps);
  const viaApt = allowInstall && deps.isRoot() && deps.isDebian();
  const numpyPresent = () => deps.run(REFERENCE_PYTHON, ['-c', 'import numpy, scipy'], { timeoutMs: 60_000, quiet: true }).status === 0;

  // Chromium: Playwright's own download first where it works (no root needed), else Debian's package.
  let chromium = findChromium(deps);
  const aptWanted = [];
  if (!('path' in chromium) && allowInstall && deps.canReachPlaywrightHost()) {
    deps.log('npm test: no Chromium found; downloading Playwright\'s (npx playwright install chromium)');
    deps.run('npx', ['playwright', 'install', 'chromium'], { timeoutMs: 900_000 });
    chromium = findChromium(deps);
  }
  if (!('path' in chromium) && viaApt) aptWanted.push('chromium');
  const fashionPresent = deps.exists(FASHION_MNIST_DIR);
  if (!fashionPresent && viaApt) aptWanted.push('dataset-fashion-mnist');
  let numpy = numpyPresent();
  if (!numpy && viaApt) aptWanted.push('python3-numpy', 'python3-scipy');
  const figureToolsPresent = () => FIGURE_TOOLS.every((path) => deps.exists(path));
  if (!figureToolsPresent() && viaApt) aptWanted.push('poppler-utils', 'texlive-latex-recommended');
  if (wantsLoader(deps) && viaApt) aptWanted.push('libvulkan1');

  const installed = aptInstall(deps, aptWanted);
  if (installed.has('chromium')) chromium = findChromium(deps);
  if (aptWanted.includes('python3-numpy')) numpy = numpyPresent();

  const why = (what, pkg) => {
    if (!allowInstall) return `${what} is absent and OUROBOROS_TEST_NO_INSTALL is set (install ${pkg})`;
    if (viaApt) return `${what} is absent and apt-get could not install ${pkg}`;
    return `${what} is absent (install Debian's ${pkg}; npm test installs it itself when run as root on Debian)`;
  };
  const result = {
    chromium: 'path' in chromium ? { path: chromium.path } : { skipped: 'no Chromium (see the paragraph above)' },
    fashionMnist: deps.exists(FASHION_MNIST_DIR) ? { path: FASHION_MNIST_DIR } : { skipped: why(FASHION_MNIST_DIR, 'dataset-fashion-mnist') },
    numpy: numpy ? { python: REFERENCE_PYTHON } : { skipped: why(`numpy/scipy for ${REFERENCE_PYTHON}`, 'python3-numpy python3-scipy') },
    figureTools: figureToolsPresent() ? { ok: true } : { skipped: why('pdflatex and poppler (pdffonts, pdftotext, pdftoppm)', 'poppler-utils texlive-latex-recommended') },
    softwareVulkan: prepareSoftwareVulkan(deps, allowInstall),
    slurm: prepareSlurm(deps, allowInstall),
  };
  if ('skipped' in result.chromium) deps.log(`\n${NO_CHROMIUM}\n`);
  return result;
}

/** The real effects: the file system, child processes, this machine's identity and a DNS probe. */
function realDeps() {
  const { existsSync, readFileSync } = require('node:fs');
  const { spawnSync } = require('node:child_process');
  return {
    env: process.env,
    exists: existsSync,
    run: (command, args, options = {}) =>
      spawnSync(command, args, { cwd: options.cwd, stdio: ['ignore', 'ignore', options.quiet ? 'ignore' : 'inherit'], timeout: options.timeoutMs, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }),
    isRoot: () => typeof process.getuid === 'function' && process.getuid() === 0,
    isDebian: () => existsSync('/etc/debian_version') && existsSync('/usr/bin/apt-get'),
    playwrightChromium: () => {
      try {
        return require('playwright-core').chromium.executablePath();
      } catch {
        return null;
      }
    },
    canReachPlaywrightHost: () => {
      // A child process so the probe can be synchronous: resolve and connect with a 5 s cap.
      const host = process.env.PLAYWRIGHT_DOWNLOAD_HOST ? new URL(process.env.PLAYWRIGHT_DOWNLOAD_HOST).hostname : 'cdn.playwright.dev';
      const probe = `require('node:net').connect({ host: ${JSON.stringify(host)}, port: 443, timeout: 5000 })
        .on('connect', () => process.exit(0)).on('timeout', () => process.exit(1)).on('error', () => process.exit(1));`;
      return spawnSync(process.execPath, ['-e', probe], { timeout: 8000, stdio: 'ignore' }).status === 0;
    },
    log: (line) => console.log(line),
    readFile: readFileSync,
    ...realVulkanDeps(),
  };
}

module.exports = { prepareTestEnvironment, findChromium, realDeps, FASHION_MNIST_DIR, FIGURE_TOOLS, NO_CHROMIUM };
