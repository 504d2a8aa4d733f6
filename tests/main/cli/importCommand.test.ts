// `ouroboros import` and `ouroboros datasets` as a user runs them (the real CLI process, the built worker):
// Fashion-MNIST from Debian's package (60 000 / 10 000, balanced, known pixels), a re-import detected as a
// duplicate, a hostile file failing with exit 1 and its message, and bad flags refused with exit 2.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { builtWorker, tempDir } from '../../helpers/tempWorkbench';
import { openDataset } from '../../../src/main/core/datasets';

const root = resolve(__dirname, '../../..');
const fashion = '/usr/share/datasets/fashion-mnist';
const fashionSkip = existsSync(fashion)
  ? ''
  : ` [skipped: ${process.env.OUROBOROS_TEST_FASHION_MNIST_SKIPPED ?? `${fashion} is absent (Debian package dataset-fashion-mnist)`}]`;

function cli(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(root, 'bin/ouroboros.js'), ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe.skipIf(!existsSync(builtWorker))('ouroboros import / datasets (real CLI process)', () => {
  let dir: ReturnType<typeof tempDir>;
  let workspace: string;
  beforeAll(() => {
    dir = tempDir();
    workspace = join(dir.path, 'ws');
  });
  afterAll(() => dir.remove());

  it.skipIf(!existsSync(fashion))(`imports Fashion-MNIST: 60 000 / 10 000, balanced, with progress; a re-import is a duplicate${fashionSkip}`, async () => {
    const first = cli(['import', fashion, '--workspace', workspace, '--json']);
    expect(first.stderr).not.toMatch(/failed/);
    expect(first.code).toBe(0);
    const out = JSON.parse(first.stdout) as { import: { status: string; datasetId: string }; dataset: { trainCount: number; testCount: number; classes: string[]; dims: number[] } };
    expect(out.import.status).toBe('completed');
    expect(out.dataset).toMatchObject({ trainCount: 60_000, testCount: 10_000, dims: [28, 28, 1] });
    expect(out.dataset.classes[9]).toBe('Ankle boot');

    const reader = await openDataset(join(workspace, 'datasets', out.import.datasetId));
    try {
      expect(reader.meta.splits.train.classCounts).toEqual(Array(10).fill(6000));
      expect(reader.meta.splits.test.classCounts).toEqual(Array(10).fill(1000));
      const firstItem = await reader.readBatch('train', 0, 1);
      expect(firstItem.labels[0]).toBe(9); // the first Fashion-MNIST training image is an ankle boot
      expect(firstItem.images[0]).toBe(0); // corner pixels are background
    } finally {
      await reader.close();
    }

    const again = cli(['import', fashion, '--workspace', workspace, '--name', 'again']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('already imported as "fashion-mnist"');
    expect(again.stderr).toMatch(/import again: .*items\/s/);

    const list = cli(['datasets', '--workspace', workspace]);
    expect(list.stdout).toContain('fashion-mnist');
    expect(list.stdout).toContain('built-in');
    const show = cli(['datasets', 'show', out.import.datasetId, '--workspace', workspace]);
    expect(show.stdout).toMatch(/Ankle boot\s+6000\s+1000/);
    const registered = JSON.parse(cli(['datasets', 'list', '--json', '--workspace', workspace]).stdout) as Array<{ id: string }>;
    expect(readdirSync(join(workspace, 'datasets')).sort()).toEqual(registered.map((d) => d.id).sort());
  }, 120_000);

  it('fails a hostile file with exit 1 and a message naming it; refuses bad flags with exit 2', () => {
    const bad = join(dir.path, 'bad-images-idx3-ubyte');
    writeFileSync(bad, Buffer.from([0, 0, 9, 3, 0, 0, 0, 1, 0, 0, 0, 28, 0, 0, 0, 28]));
    const failed = cli(['import', bad, '--workspace', workspace]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('bad-images-idx3-ubyte');
    const flags = cli(['import', bad, '--size', '28by28', '--workspace', workspace]);
    expect(flags.code).toBe(2);
    expect(flags.stderr).toContain('--size must be HxW');
    const fraction = cli(['import', bad, '--test-fraction', '2', '--workspace', workspace]);
    expect(fraction.code).toBe(2);
    expect(fraction.stderr).toContain('testFraction');
  });
});
