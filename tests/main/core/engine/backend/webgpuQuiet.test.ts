// Users' terminals stay free of Dawn's adapter-enumeration output: `ouroboros doctor` (which walks the
// ladder, webgpu included) and a Gaussian run (js-float64, no tfjs) through the built CLI print nothing of
// Dawn or the Vulkan drivers on stderr; doctor shows Dawn's words inside the webgpu reason instead. Run with
// the machine's own Vulkan setup (the test's lavapipe selection removed), where Debian 12's Mesa 22.3
// lavapipe makes Dawn print "While initializing adapter (backend=BackendType::Vulkan)".
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../../../helpers/tempWorkbench';

const cli = resolve(__dirname, '../../../../../out/main/cli.js');
const dawnNoise = /BackendType|PhysicalDeviceVk|XDG_RUNTIME_DIR|shaderUniform|dawn/i;

/** The environment a user's shell has: no test-only Vulkan driver selection. */
function userEnv(workspace: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, OUROBOROS_WORKSPACE: workspace };
  for (const name of ['VK_ICD_FILENAMES', 'LD_LIBRARY_PATH', 'OUROBOROS_BACKEND']) delete env[name];
  return env;
}

describe.skipIf(!existsSync(cli))(`CLI stderr stays free of Dawn's messages${existsSync(cli) ? '' : ' [skipped: out/main/cli.js missing, npm run build]'}`, () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it("doctor: stderr has none of Dawn's messages (they go into the webgpu reason)", () => {
    const out = spawnSync(process.execPath, [cli, 'doctor', '--workspace', join(dir.path, 'ws')], { env: userEnv(join(dir.path, 'ws')), encoding: 'utf8', timeout: 120_000 });
    expect(out.status, out.stderr).toBe(0);
    expect(out.stderr).not.toMatch(dawnNoise);
    expect(out.stdout).toMatch(/compute backend/);
  });

  it('a Gaussian run records js-float64 and prints only its progress on stderr', () => {
    const config = join(dir.path, 'g.json');
    writeFileSync(config, JSON.stringify({ kind: 'gaussian-loop', name: 'quiet', params: { dimension: 2, loop: 'fresh-data', sampleSizing: 'total-and-fraction', totalSamples: 40, realFraction: 0.5, generations: 2, lambda: 1, seeds: 2 } }));
    const ws = join(dir.path, 'ws');
    const out = spawnSync(process.execPath, [cli, 'run', config, '--json', '--workspace', ws], { env: userEnv(ws), encoding: 'utf8', timeout: 120_000 });
    expect(out.status, out.stderr).toBe(0);
    expect(out.stderr).not.toMatch(dawnNoise);
    for (const line of out.stderr.split('\n').filter(Boolean)) expect(line).toMatch(/^quiet: \d+%/);
    expect(JSON.stringify(JSON.parse(out.stdout))).toMatch(/"backend":"js-float64"/);
  });
});
