// The software Vulkan driver `npm test` runs the webgpu suite on: Mesa's lavapipe, new enough for Dawn
// (Debian 12's Mesa 22.3 is refused: "shaderUniform*ArrayDynamicIndexing required"; Mesa 25 from
// bookworm-backports works). Its .deb files are downloaded with a private apt configuration (the system's
// sources and lists are not touched), unpacked into a private folder with `dpkg-deb -x` and selected with
// VK_ICD_FILENAMES + LD_LIBRARY_PATH, so the system's Mesa stays as it is. Effects go through `deps`
// (tests/scripts/testPrepare.test.ts stubs them).
'use strict';
const { join } = require('node:path');

/** The system's Vulkan loader (Debian's libvulkan1), which dawn.node opens. */
const VULKAN_LOADER = ['/usr/lib/x86_64-linux-gnu/libvulkan.so.1', '/usr/lib/aarch64-linux-gnu/libvulkan.so.1'];
/** Packages of a lavapipe Dawn accepts, per Debian release, from `<codename>-backports` where needed. */
const LAVAPIPE_PACKAGES = {
  bookworm: ['mesa-vulkan-drivers/bookworm-backports', 'libdrm2/bookworm-backports', 'libdrm-amdgpu1/bookworm-backports'],
};

/** Paths inside the private folder `dir` for the multiarch `triplet` (e.g. x86_64-linux-gnu). */
function vulkanPaths(dir, triplet) {
  const libDir = join(dir, 'root', 'usr', 'lib', triplet);
  return { icd: join(dir, 'lvp_icd.json'), libDir, driver: join(libDir, 'libvulkan_lvp.so') };
}

/**
 * Finds or obtains the software driver. Call after the apt session (which installs libvulkan1 when
 * `wantsLoader` said so).
 * @param {object} deps test-prepare's deps plus `vulkanDir`, `debianCodename()`, `debianMirror()`, `triplet`,
 *   `writeFile(path, text)`, `mkdirp(path)`
 * @param {boolean} allowInstall
 * @returns {{ icd: string, libDir: string | null } | { skipped: string }}
 */
function prepareSoftwareVulkan(deps, allowInstall) {
  const fromEnv = deps.env.VK_ICD_FILENAMES;
  if (fromEnv && deps.exists(fromEnv)) return { icd: fromEnv, libDir: null }; // the user's own choice
  if (!VULKAN_LOADER.some((p) => deps.exists(p))) return { skipped: 'no Vulkan loader (install libvulkan1; npm test installs it itself when run as root on Debian)' };
  const paths = vulkanPaths(deps.vulkanDir, deps.triplet);
  if (deps.exists(paths.icd) && deps.exists(paths.driver)) return { icd: paths.icd, libDir: paths.libDir };
  if (!allowInstall) return { skipped: 'no software Vulkan driver Dawn accepts and OUROBOROS_TEST_NO_INSTALL is set (Mesa ≥ 23 lavapipe; see README "Compute backends")' };
  if (!deps.isDebian()) return { skipped: 'no software Vulkan driver Dawn accepts (npm test fetches Mesa 25 lavapipe on Debian only; set VK_ICD_FILENAMES to a lavapipe ICD from Mesa ≥ 23)' };
  const codename = deps.debianCodename();
  const packages = LAVAPIPE_PACKAGES[codename] ?? ['mesa-vulkan-drivers'];
  const dir = deps.vulkanDir;
  deps.log(`npm test: fetching Mesa's lavapipe (${packages.join(', ')}) into ${dir} for the webgpu tests (private apt lists; the system's Mesa is not changed)`);
  for (const sub of ['lists/partial', 'archives/partial', 'debs', 'root']) deps.mkdirp(join(dir, sub));
  const mirror = deps.debianMirror();
  const suites = [codename, ...(LAVAPIPE_PACKAGES[codename] ? [`${codename}-backports`] : [])];
  deps.writeFile(join(dir, 'sources.list'), suites.map((s) => `deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] ${mirror} ${s} main\n`).join(''));
  const aptOptions = [
    '-o', `Dir::Etc::SourceList=${join(dir, 'sources.list')}`, '-o', 'Dir::Etc::SourceParts=/nonexistent',
    '-o', `Dir::State::Lists=${join(dir, 'lists')}`, '-o', `Dir::Cache::Archives=${join(dir, 'archives')}`,
    '-o', 'Dir::Cache::pkgcache=', '-o', 'Dir::Cache::srcpkgcache=', '-o', 'APT::Sandbox::User=root',
  ];
  const failed = (what) => ({ skipped: `could not fetch Mesa's lavapipe (${what}); the webgpu tests need a software Vulkan driver from Mesa ≥ 23` });
  if (deps.run('apt-get', [...aptOptions, 'update', '-qq'], { timeoutMs: 300_000 }).status !== 0) return failed(`apt-get update of ${suites.join(', ')} from ${mirror} failed`);
  if (deps.run('apt-get', [...aptOptions, 'download', ...packages], { timeoutMs: 600_000, cwd: join(dir, 'debs') }).status !== 0) return failed(`apt-get download ${packages.join(' ')} failed`);
  if (deps.run('sh', ['-c', 'for f in debs/*.deb; do dpkg-deb -x "$f" root || exit 1; done'], { timeoutMs: 120_000, cwd: dir }).status !== 0) return failed('dpkg-deb -x failed');
  if (!deps.exists(paths.driver)) return failed(`${paths.driver} is not in the packages`);
  deps.writeFile(paths.icd, JSON.stringify({ file_format_version: '1.0.0', ICD: { library_path: paths.driver, api_version: '1.3.0' } }, null, 2) + '\n');
  return { icd: paths.icd, libDir: paths.libDir };
}

/** Whether the apt session should install the Vulkan loader. */
function wantsLoader(deps) {
  return !VULKAN_LOADER.some((p) => deps.exists(p));
}

/** Real values for the deps this file adds: the cache folder, Debian's codename and configured mirror. */
function realVulkanDeps() {
  const { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } = require('node:fs');
  const { homedir } = require('node:os');
  const read = (path) => (existsSync(path) ? readFileSync(path, 'utf8') : '');
  return {
    vulkanDir: join(homedir(), '.cache', 'ouroboros-test', 'lavapipe'),
    triplet: process.arch === 'arm64' ? 'aarch64-linux-gnu' : 'x86_64-linux-gnu',
    debianCodename: () => /^VERSION_CODENAME=(\S+)/m.exec(read('/etc/os-release'))?.[1] ?? 'bookworm',
    debianMirror: () => {
      const dir = '/etc/apt/sources.list.d';
      const texts = [read('/etc/apt/sources.list'), ...(existsSync(dir) ? readdirSync(dir).map((f) => read(join(dir, f))) : [])];
      const found = texts.join('\n').replace(/^\s*#.*$/gm, '').match(/https?:\/\/\S+\/debian(?=[\s/]|$)/g) ?? [];
      return found.find((u) => !/security/.test(u)) ?? 'http://deb.debian.org/debian';
    },
    writeFile: (path, text) => writeFileSync(path, text),
    mkdirp: (path) => mkdirSync(path, { recursive: true }),
  };
}

module.exports = { prepareSoftwareVulkan, wantsLoader, realVulkanDeps, vulkanPaths, VULKAN_LOADER, LAVAPIPE_PACKAGES };
