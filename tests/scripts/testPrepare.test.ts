// The decision table of `npm test`'s preparation (scripts/test-prepare.cjs) with the installers stubbed:
// a browser present / absent and installable (Playwright's download, Debian's package) / absent and not
// installable, and the same for the test data and reference tools; plus the skip summary of the reports.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const requireCjs = createRequire(import.meta.url);

type Outcome = { path: string } | { skipped: string };
interface Deps {
  env: Record<string, string | undefined>;
  exists(path: string): boolean;
  run(command: string, args: string[], options?: { timeoutMs?: number; cwd?: string }): { status: number | null };
  isRoot(): boolean;
  isDebian(): boolean;
  playwrightChromium(): string | null;
  canReachPlaywrightHost(): boolean;
  log(line: string): void;
  vulkanDir: string;
  triplet: string;
  debianCodename(): string;
  debianMirror(): string;
  writeFile(path: string, text: string): void;
  mkdirp(path: string): void;
}
type VulkanOutcome = { icd: string; libDir: string | null } | { skipped: string };
const prepare = requireCjs('../../scripts/test-prepare.cjs') as {
  prepareTestEnvironment(deps: Deps): { chromium: Outcome; fashionMnist: Outcome; numpy: { python: string } | { skipped: string }; figureTools: { ok: true } | { skipped: string }; softwareVulkan: VulkanOutcome; slurm: { started: boolean } | { skipped: string } };
  FASHION_MNIST_DIR: string;
  FIGURE_TOOLS: string[];
};
const summary = requireCjs('../../scripts/test-summary.cjs') as {
  readVitest(file: string, root: string): { passed: number; failed: number; skipped: number; skips: Array<{ where: string; reason: string | null }> } | null;
  readPlaywright(file: string): { passed: number; failed: number; skipped: number; skips: Array<{ where: string; reason: string | null }> } | null;
  skipLines(skips: Array<{ where: string; reason: string | null }>): string[];
};

const slurm = requireCjs('../../scripts/test-slurm.cjs') as { SLURM_SCRIPT: string; SBATCH: string; SLURMCTLD: string };
const PW_CACHE = '/home/u/.cache/ms-playwright/chromium-1/chrome-linux64/chrome';
const vulkan = requireCjs('../../scripts/test-vulkan.cjs') as {
  vulkanPaths(dir: string, triplet: string): { icd: string; libDir: string; driver: string };
  VULKAN_LOADER: string[];
};
const VK_DIR = '/home/u/.cache/ouroboros-test/lavapipe';
const VK = vulkan.vulkanPaths(VK_DIR, 'x86_64-linux-gnu');
/** The Vulkan loader installed and lavapipe already unpacked: nothing to do for the webgpu suite. */
const vulkanReady = [vulkan.VULKAN_LOADER[0], VK.icd, VK.driver];

/** A machine: which files exist, who we are, which installers work; `calls` records every command run. */
function machine(options: {
  files?: string[];
  root?: boolean;
  debian?: boolean;
  reachable?: boolean;
  numpy?: boolean;
  env?: Record<string, string>;
  aptWorks?: (packages: string[]) => boolean;
  playwrightInstallWorks?: boolean;
  /** Whether the private apt session for lavapipe (update, download, unpack) works. */
  lavapipeFetchWorks?: boolean;
  codename?: string;
  /** Slurm: answering sinfo, installed but stopped, or absent (default); whether the script's steps work. */
  slurm?: 'up' | 'installed' | 'absent';
  slurmInstallWorks?: boolean;
  slurmStartWorks?: boolean;
}) {
  const files = new Set(options.files ?? []);
  let slurmUp = options.slurm === 'up';
  if (options.slurm === 'up' || options.slurm === 'installed') for (const path of [slurm.SBATCH, slurm.SLURMCTLD]) files.add(path);
  let numpy = options.numpy ?? false;
  const calls: string[] = [];
  const logs: string[] = [];
  const written: Record<string, string> = {};
  const deps: Deps = {
    env: options.env ?? {},
    exists: (path) => files.has(path),
    run: (command, args) => {
      calls.push([command, ...args].join(' '));
      if (command === '/usr/bin/python3') return { status: numpy ? 0 : 1 };
      if (command === 'sinfo') return { status: slurmUp ? 0 : 1 };
      if (command === 'bash' && args[0] === slurm.SLURM_SCRIPT) {
        if (args[1] === 'install' && (options.slurmInstallWorks ?? true)) for (const path of [slurm.SBATCH, slurm.SLURMCTLD]) files.add(path);
        if (args[1] === 'start' && (options.slurmStartWorks ?? true)) slurmUp = true;
        return { status: (args[1] === 'install' ? options.slurmInstallWorks : args[1] === 'start' ? options.slurmStartWorks : true) ?? true ? 0 : 1 };
      }
      if (command === 'npx') {
        if (options.playwrightInstallWorks ?? true) files.add(PW_CACHE);
        return { status: (options.playwrightInstallWorks ?? true) ? 0 : 1 };
      }
      if (command === 'apt-get' && args[0] === '-o') return { status: (options.lavapipeFetchWorks ?? true) ? 0 : 100 }; // private lists
      if (command === 'sh') {
        files.add(VK.driver);
        return { status: 0 };
      }
      if (command === 'apt-get' && args[0] === 'update') return { status: 0 };
      if (command === 'apt-get' && args[0] === 'install') {
        const packages = args.filter((a) => !a.startsWith('-') && a !== 'install' && !a.startsWith('Dpkg'));
        if (!(options.aptWorks ?? (() => true))(packages)) return { status: 100 };
        for (const name of packages) {
          if (name === 'chromium') files.add('/usr/bin/chromium');
          if (name === 'dataset-fashion-mnist') files.add(prepare.FASHION_MNIST_DIR);
          if (name === 'python3-numpy') numpy = true;
          if (name === 'poppler-utils') for (const tool of prepare.FIGURE_TOOLS.filter((t) => !t.endsWith('pdflatex'))) files.add(tool);
          if (name === 'texlive-latex-recommended') files.add('/usr/bin/pdflatex');
          if (name === 'libvulkan1') files.add(vulkan.VULKAN_LOADER[0]);
        }
        return { status: 0 };
      }
      return { status: 127 };
    },
    isRoot: () => options.root ?? false,
    isDebian: () => options.debian ?? false,
    playwrightChromium: () => PW_CACHE,
    canReachPlaywrightHost: () => options.reachable ?? false,
    log: (line) => logs.push(line),
    vulkanDir: VK_DIR,
    triplet: 'x86_64-linux-gnu',
    debianCodename: () => options.codename ?? 'bookworm',
    debianMirror: () => 'http://deb.debian.org/debian',
    writeFile: (path, text) => {
      written[path] = text;
      files.add(path);
    },
    mkdirp: () => undefined,
  };
  return { deps, calls, logs, written };
}

const everything = ['/usr/bin/chromium', prepare.FASHION_MNIST_DIR, ...prepare.FIGURE_TOOLS, ...vulkanReady];

describe('npm test preparation: the browser', () => {
  it('present (Debian’s): used as is, nothing installed, no network probe', () => {
    const m = machine({ files: everything, numpy: true, root: true, debian: true, reachable: true, slurm: 'up' });
    const result = prepare.prepareTestEnvironment(m.deps);
    expect(result.chromium).toEqual({ path: '/usr/bin/chromium' });
    expect(m.calls).toEqual(['/usr/bin/python3 -c import numpy, scipy', 'sinfo -h -o %t']);
    expect(m.logs).toEqual([]);
  });

  it('CHROMIUM_PATH wins when it exists; a missing one is reported and the search goes on', () => {
    const custom = machine({ files: [...everything, '/opt/chrome'], numpy: true, env: { CHROMIUM_PATH: '/opt/chrome' } });
    expect(prepare.prepareTestEnvironment(custom.deps).chromium).toEqual({ path: '/opt/chrome' });
    const stale = machine({ files: everything, numpy: true, env: { CHROMIUM_PATH: '/nope/chrome' } });
    expect(prepare.prepareTestEnvironment(stale.deps).chromium).toEqual({ path: '/usr/bin/chromium' });
    expect(stale.logs.join('\n')).toContain('CHROMIUM_PATH=/nope/chrome does not exist');
  });

  it('present in Playwright’s own cache: used', () => {
    const m = machine({ files: [PW_CACHE, prepare.FASHION_MNIST_DIR], numpy: true });
    expect(prepare.prepareTestEnvironment(m.deps).chromium).toEqual({ path: PW_CACHE });
    expect(m.calls.some((c) => c.startsWith('npx') || c.startsWith('apt-get'))).toBe(false);
  });

  it('absent, Playwright’s host reachable: `npx playwright install chromium`, one line saying so, no root needed', () => {
    const m = machine({ files: [prepare.FASHION_MNIST_DIR], numpy: true, reachable: true });
    const result = prepare.prepareTestEnvironment(m.deps);
    expect(result.chromium).toEqual({ path: PW_CACHE });
    expect(m.calls).toContain('npx playwright install chromium');
    expect(m.calls.some((c) => c.startsWith('apt-get'))).toBe(false);
    expect(m.logs.filter((l) => l.includes('playwright install'))).toHaveLength(1);
  });

  it('absent, host unreachable, root on Debian: apt-get update then install chromium', () => {
    const m = machine({ files: [prepare.FASHION_MNIST_DIR, ...prepare.FIGURE_TOOLS, ...vulkanReady], numpy: true, root: true, debian: true });
    const result = prepare.prepareTestEnvironment(m.deps);
    expect(result.chromium).toEqual({ path: '/usr/bin/chromium' });
    const apt = m.calls.filter((c) => c.startsWith('apt-get'));
    expect(apt[0]).toBe('apt-get update -qq');
    expect(apt[1]).toMatch(/^apt-get install .* chromium$/);
    expect(m.logs.join('\n')).toContain('installing Debian packages chromium');
  });

  it('absent, Playwright’s download fails, root on Debian: falls through to Debian’s package', () => {
    const m = machine({ files: [prepare.FASHION_MNIST_DIR], numpy: true, root: true, debian: true, reachable: true, playwrightInstallWorks: false });
    expect(prepare.prepareTestEnvironment(m.deps).chromium).toEqual({ path: '/usr/bin/chromium' });
    expect(m.calls).toContain('npx playwright install chromium');
    expect(m.calls.some((c) => /apt-get install .*chromium/.test(c))).toBe(true);
  });

  it('absent and not installable (not root, offline): skipped with one paragraph saying what to install, no installer run', () => {
    const m = machine({ files: [prepare.FASHION_MNIST_DIR], numpy: true, root: false, debian: true });
    const result = prepare.prepareTestEnvironment(m.deps);
    expect('skipped' in result.chromium).toBe(true);
    expect(m.calls.some((c) => c.startsWith('npx') || c.startsWith('apt-get'))).toBe(false);
    const paragraph = m.logs.join('\n');
    expect(paragraph).toContain('sudo apt-get install chromium');
    expect(paragraph).toContain('npx playwright install chromium');
    expect(paragraph).toContain('CHROMIUM_PATH');
  });

  it('absent, root on Debian but apt fails: skipped, not failed', () => {
    const m = machine({ files: [prepare.FASHION_MNIST_DIR], numpy: true, root: true, debian: true, aptWorks: () => false });
    const result = prepare.prepareTestEnvironment(m.deps);
    expect('skipped' in result.chromium).toBe(true);
  });

  it('OUROBOROS_TEST_NO_INSTALL=1: nothing is installed even as root with a reachable host', () => {
    const m = machine({ root: true, debian: true, reachable: true, env: { OUROBOROS_TEST_NO_INSTALL: '1' } });
    const result = prepare.prepareTestEnvironment(m.deps);
    expect(m.calls.filter((c) => !c.startsWith('/usr/bin/python3'))).toEqual([]);
    expect('skipped' in result.chromium && 'skipped' in result.fashionMnist && 'skipped' in result.numpy).toBe(true);
    expect((result.fashionMnist as { skipped: string }).skipped).toContain('OUROBOROS_TEST_NO_INSTALL');
  });
});

describe('npm test preparation: test data and reference tools', () => {
  it('a fresh Debian machine as root: one apt session installs chromium, the dataset, numpy/scipy, poppler, LaTeX and the Vulkan loader', () => {
    const m = machine({ root: true, debian: true });
    const result = prepare.prepareTestEnvironment(m.deps);
    expect(result).toEqual({
      chromium: { path: '/usr/bin/chromium' },
      fashionMnist: { path: prepare.FASHION_MNIST_DIR },
      numpy: { python: '/usr/bin/python3' },
      figureTools: { ok: true },
      softwareVulkan: { icd: VK.icd, libDir: VK.libDir },
      slurm: { started: true },
    });
    const apt = m.calls.filter((c) => c.startsWith('apt-get') && !c.startsWith('apt-get -o'));
    expect(apt).toHaveLength(2);
    expect(apt[1]).toMatch(/chromium dataset-fashion-mnist python3-numpy python3-scipy poppler-utils texlive-latex-recommended libvulkan1$/);
  });

  it('pdflatex and poppler present: nothing installed for them; half present (no pdflatex): installed as root on Debian', () => {
    const present = machine({ files: ['/usr/bin/chromium', prepare.FASHION_MNIST_DIR, ...prepare.FIGURE_TOOLS, ...vulkanReady], numpy: true, root: true, debian: true });
    expect(prepare.prepareTestEnvironment(present.deps).figureTools).toEqual({ ok: true });
    expect(present.calls.some((c) => c.startsWith('apt-get'))).toBe(false);
    const half = machine({ files: ['/usr/bin/chromium', prepare.FASHION_MNIST_DIR, '/usr/bin/pdffonts', ...vulkanReady], numpy: true, root: true, debian: true });
    expect(prepare.prepareTestEnvironment(half.deps).figureTools).toEqual({ ok: true });
    expect(half.calls.filter((c) => c.startsWith('apt-get install'))).toEqual([expect.stringMatching(/ poppler-utils texlive-latex-recommended$/)]);
  });

  it('when the batch install fails, each package is tried alone and what installed is used', () => {
    const m = machine({ root: true, debian: true, aptWorks: (packages) => packages.length === 1 && packages[0] !== 'dataset-fashion-mnist' });
    const result = prepare.prepareTestEnvironment(m.deps);
    expect(result.chromium).toEqual({ path: '/usr/bin/chromium' });
    expect(result.numpy).toEqual({ python: '/usr/bin/python3' });
    expect(result.fashionMnist).toEqual({ skipped: expect.stringContaining('apt-get could not install dataset-fashion-mnist') });
  });

  it('not root: the data and numpy are skipped with the package to install named', () => {
    const m = machine({ files: ['/usr/bin/chromium'], debian: true });
    const result = prepare.prepareTestEnvironment(m.deps);
    expect(result.fashionMnist).toEqual({ skipped: expect.stringContaining('dataset-fashion-mnist') });
    expect(result.numpy).toEqual({ skipped: expect.stringContaining('python3-numpy') });
    expect(result.figureTools).toEqual({ skipped: expect.stringContaining('poppler-utils texlive-latex-recommended') });
    expect(m.calls.some((c) => c.startsWith('apt-get'))).toBe(false);
  });
});

describe('npm test preparation: the software Vulkan driver for the webgpu suite', () => {
  it('loader present, lavapipe not yet fetched: private apt lists with bookworm-backports, download, unpack, an ICD file with the absolute driver path', () => {
    const m = machine({ files: [...everything.filter((f) => !vulkanReady.slice(1).includes(f))], numpy: true, root: true, debian: true });
    const result = prepare.prepareTestEnvironment(m.deps);
    expect(result.softwareVulkan).toEqual({ icd: VK.icd, libDir: VK.libDir });
    const privateApt = m.calls.filter((c) => c.startsWith('apt-get -o'));
    expect(privateApt).toHaveLength(2);
    expect(privateApt[0]).toContain(`Dir::State::Lists=${VK_DIR}/lists`);
    expect(privateApt[0]).toContain('Dir::Etc::SourceParts=/nonexistent'); // the system's sources are not read
    expect(privateApt[0]).toMatch(/ update -qq$/);
    expect(privateApt[1]).toMatch(/ download mesa-vulkan-drivers\/bookworm-backports libdrm2\/bookworm-backports libdrm-amdgpu1\/bookworm-backports$/);
    expect(m.calls.some((c) => /^apt-get install/.test(c))).toBe(false); // the system's Mesa is left alone
    expect(m.written[`${VK_DIR}/sources.list`]).toContain('http://deb.debian.org/debian bookworm-backports main');
    expect(JSON.parse(m.written[VK.icd]).ICD.library_path).toBe(VK.driver);
    expect(m.logs.join('\n')).toContain('the system\'s Mesa is not changed');
  });

  it('already fetched: used as is, nothing run; VK_ICD_FILENAMES set by the user wins', () => {
    const m = machine({ files: everything, numpy: true, root: true, debian: true });
    expect(prepare.prepareTestEnvironment(m.deps).softwareVulkan).toEqual({ icd: VK.icd, libDir: VK.libDir });
    const own = machine({ files: [...everything, '/opt/my_icd.json'], numpy: true, env: { VK_ICD_FILENAMES: '/opt/my_icd.json' } });
    expect(prepare.prepareTestEnvironment(own.deps).softwareVulkan).toEqual({ icd: '/opt/my_icd.json', libDir: null });
  });

  it('no loader and not root: skipped, naming libvulkan1; no apt session at all', () => {
    const m = machine({ files: ['/usr/bin/chromium', prepare.FASHION_MNIST_DIR, ...prepare.FIGURE_TOOLS], numpy: true, debian: true });
    expect(prepare.prepareTestEnvironment(m.deps).softwareVulkan).toEqual({ skipped: expect.stringContaining('install libvulkan1') });
    expect(m.calls.some((c) => c.startsWith('apt-get'))).toBe(false);
  });

  it('the mirror cannot be reached: skipped with what failed, never a failure', () => {
    const m = machine({ files: [...everything.filter((f) => f !== VK.icd && f !== VK.driver)], numpy: true, root: true, debian: true, lavapipeFetchWorks: false });
    expect(prepare.prepareTestEnvironment(m.deps).softwareVulkan).toEqual({ skipped: expect.stringMatching(/^could not fetch Mesa's lavapipe \(apt-get update of bookworm, bookworm-backports from http:\/\/deb\.debian\.org\/debian failed\)/) });
  });

  it('OUROBOROS_TEST_NO_INSTALL=1 or not Debian: skipped with the reason, nothing fetched', () => {
    const files = [...everything.filter((f) => f !== VK.icd && f !== VK.driver)];
    const opted = machine({ files, numpy: true, root: true, debian: true, env: { OUROBOROS_TEST_NO_INSTALL: '1' } });
    expect(prepare.prepareTestEnvironment(opted.deps).softwareVulkan).toEqual({ skipped: expect.stringContaining('OUROBOROS_TEST_NO_INSTALL') });
    const other = machine({ files, numpy: true, root: true, debian: false });
    expect(prepare.prepareTestEnvironment(other.deps).softwareVulkan).toEqual({ skipped: expect.stringContaining('set VK_ICD_FILENAMES') });
    expect([...opted.calls, ...other.calls].some((c) => c.startsWith('apt-get -o'))).toBe(false);
  });

  it('a newer Debian (trixie): its own mesa-vulkan-drivers, no backports suite', () => {
    const m = machine({ files: [...everything.filter((f) => f !== VK.icd && f !== VK.driver)], numpy: true, root: true, debian: true, codename: 'trixie' });
    expect(prepare.prepareTestEnvironment(m.deps).softwareVulkan).toEqual({ icd: VK.icd, libDir: VK.libDir });
    expect(m.calls.find((c) => c.includes(' download '))).toMatch(/ download mesa-vulkan-drivers$/);
    expect(m.written[`${VK_DIR}/sources.list`]).not.toContain('backports');
  });
});

describe('npm test summary', () => {
  it('counts both reports and lists each skip with its reason', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ouroboros-summary-'));
    try {
      const vitest = join(dir, 'vitest.json');
      writeFileSync(vitest, JSON.stringify({
        numPassedTests: 3, numFailedTests: 1, numPendingTests: 2, numTodoTests: 0, numFailedTestSuites: 0,
        testResults: [
          { name: '/repo/tests/electron/e.test.ts', assertionResults: [
            { status: 'skipped', title: 'opens', ancestorTitles: ['desktop app [skipped: no Electron binary]'] },
            { status: 'passed', title: 'x', ancestorTitles: [] },
          ] },
          { name: '/repo/tests/a.test.ts', assertionResults: [{ status: 'pending', title: 'y', ancestorTitles: [] }] },
        ],
      }));
      const playwright = join(dir, 'playwright.json');
      writeFileSync(playwright, JSON.stringify({
        stats: { expected: 4, unexpected: 0, flaky: 1, skipped: 1 },
        suites: [{ specs: [], suites: [{ specs: [{ file: 'datasets.e2e.ts', tests: [{ status: 'skipped', annotations: [{ type: 'skip', description: 'no data' }] }] }] }] }],
      }));
      const v = summary.readVitest(vitest, '/repo')!;
      const p = summary.readPlaywright(playwright)!;
      expect([v.passed, v.failed, v.skipped, p.passed, p.failed, p.skipped]).toEqual([3, 1, 2, 5, 0, 1]);
      const lines = summary.skipLines([...v.skips, ...p.skips]);
      expect(lines).toEqual([
        '    1  tests/electron/e.test.ts — no Electron binary',
        '    1  tests/a.test.ts — skipped by the test itself (see its output)',
        '    1  datasets.e2e.ts — no data',
      ]);
      expect(summary.readVitest(join(dir, 'missing.json'), '/repo')).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('npm test preparation: the one-node Slurm cluster for the Slurm executor suites', () => {
  const script = (step: string) => `bash ${slurm.SLURM_SCRIPT} ${step}`;

  it('a cluster that answers sinfo is used as it is: nothing installed, started or stopped', () => {
    const m = machine({ files: everything, numpy: true, root: true, debian: true, slurm: 'up' });
    expect(prepare.prepareTestEnvironment(m.deps).slurm).toEqual({ started: false });
    expect(m.calls.filter((c) => c.startsWith('bash'))).toEqual([]);
  });

  it('absent, root on Debian: the script installs and starts it, one line for each; npm test stops it after', () => {
    const m = machine({ files: everything, numpy: true, root: true, debian: true });
    expect(prepare.prepareTestEnvironment(m.deps).slurm).toEqual({ started: true });
    expect(m.calls.filter((c) => c.startsWith('bash'))).toEqual([script('install'), script('start')]);
    expect(m.logs.filter((l) => l.includes('Slurm'))).toHaveLength(2);
  });

  it('installed but stopped, root: started without installing', () => {
    const m = machine({ files: everything, numpy: true, root: true, debian: true, slurm: 'installed' });
    expect(prepare.prepareTestEnvironment(m.deps).slurm).toEqual({ started: true });
    expect(m.calls.filter((c) => c.startsWith('bash'))).toEqual([script('start')]);
  });

  it('absent and not root, or OUROBOROS_TEST_NO_INSTALL: skipped with the reason, nothing run', () => {
    const user = machine({ files: everything, numpy: true, debian: true });
    expect(prepare.prepareTestEnvironment(user.deps).slurm).toEqual({ skipped: expect.stringContaining('as root on Debian') });
    const opted = machine({ files: everything, numpy: true, root: true, debian: true, env: { OUROBOROS_TEST_NO_INSTALL: '1' } });
    expect(prepare.prepareTestEnvironment(opted.deps).slurm).toEqual({ skipped: expect.stringContaining('OUROBOROS_TEST_NO_INSTALL') });
    expect([...user.calls, ...opted.calls].filter((c) => c.startsWith('bash'))).toEqual([]);
  });

  it('installed but not root: skipped, saying starting it needs root', () => {
    const m = machine({ files: everything, numpy: true, debian: true, slurm: 'installed' });
    expect(prepare.prepareTestEnvironment(m.deps).slurm).toEqual({ skipped: expect.stringContaining('needs root') });
  });

  it('an install or a start that fails is a skip with the reason, never a failure', () => {
    const noInstall = machine({ files: everything, numpy: true, root: true, debian: true, slurmInstallWorks: false });
    expect(prepare.prepareTestEnvironment(noInstall.deps).slurm).toEqual({ skipped: expect.stringContaining('could not install Slurm') });
    const noStart = machine({ files: everything, numpy: true, root: true, debian: true, slurm: 'installed', slurmStartWorks: false });
    expect(prepare.prepareTestEnvironment(noStart.deps).slurm).toEqual({ skipped: expect.stringContaining('did not start') });
  });
});
