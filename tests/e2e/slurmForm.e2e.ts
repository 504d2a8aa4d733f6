// The New experiment form's "Run on" choice, as a user meets it: real serve process, real browser and, where
// `sbatch` answers (npm test starts a one-node Slurm), the real cluster. A bad Slurm field is named, the
// fields are saved as workspace defaults and come back, and a single run is submitted as a one-task array
// that completes on the cluster and shows its task in the run list. Without Slurm the choice is disabled
// with the core's reason.
import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fullPageShot } from './pageLayout';
import { startServe, type ServeProcess } from './serveProcess';

const shots = join(__dirname, '../../test-results/screenshots');
const sbatchWorks = spawnSync('sbatch', ['--version'], { encoding: 'utf8' }).status === 0;

test.describe('the executor choice of the New experiment form (serve mode)', () => {
  let workspace: string;
  let serve: ServeProcess;

  test.beforeAll(async () => {
    workspace = mkdtempSync(join(tmpdir(), 'ouroboros-e2e-slurm-'));
    serve = await startServe(workspace);
  });
  test.afterAll(async () => {
    await serve?.stop();
    rmSync(workspace, { recursive: true, force: true });
  });

  test(sbatchWorks ? 'submit a run to Slurm from the form, with defaults saved and restored' : 'without sbatch the Slurm choice is disabled with its reason', async ({ page }) => {
    test.setTimeout(240_000);
    await page.goto(serve.url);
    await page.getByTestId('nav-new').click();
    await page.getByTestId('kind-select').selectOption('gaussian-loop');
    await expect(page.getByTestId('executor-local')).toBeChecked();
    if (!sbatchWorks) {
      await expect(page.getByTestId('executor-slurm')).toBeDisabled();
      await expect(page.getByTestId('executor-slurm-reason')).toContainText('Slurm is unavailable: ');
      return;
    }
    await expect(page.getByTestId('executor-slurm-reason')).toHaveCount(0);
    await page.getByTestId('run-name').fill('e2e on slurm');
    await page.getByTestId('field-dimension').fill('4');
    await page.getByTestId('field-generations').fill('6');
    await page.getByTestId('executor-slurm').check();
    await expect(page.getByTestId('start-run')).toHaveText('Submit to Slurm');

    // A bad value is named under its field and blocks the submission.
    await page.getByTestId('slurm-time').fill('soon');
    await expect(page.getByTestId('slurm-error-time')).toContainText('--time must be minutes, HH:MM:SS or D-HH:MM:SS');
    await expect(page.getByTestId('start-run')).toBeDisabled();
    await page.getByTestId('slurm-time').fill('0:10:00');
    await page.getByTestId('slurm-cpusPerTask').fill('1');
    await page.getByTestId('slurm-save-defaults').click();
    await expect(page.getByTestId('slurm-saved')).toHaveText('Saved as this workspace’s Slurm defaults.');

    // The defaults come back in a fresh form.
    await page.reload();
    await page.getByTestId('nav-new').click();
    await page.getByTestId('kind-select').selectOption('gaussian-loop');
    await page.getByTestId('executor-slurm').check();
    await expect(page.getByTestId('slurm-time')).toHaveValue('0:10:00');
    await expect(page.getByTestId('slurm-cpusPerTask')).toHaveValue('1');
    await page.getByTestId('run-name').fill('e2e on slurm');
    await page.getByTestId('field-dimension').fill('4');
    await page.getByTestId('field-generations').fill('6');
    await page.getByTestId('show-json').click();
    const json = JSON.parse((await page.getByTestId('config-json').textContent()) ?? '{}');
    expect(json).toMatchObject({ kind: 'sweep', executor: 'slurm', slurm: { time: '0:10:00', cpusPerTask: 1 }, axes: {}, base: { kind: 'gaussian-loop' } });
    await fullPageShot(page, join(shots, 'new-experiment-slurm.png'));

    await page.getByTestId('start-run').click();
    await expect(page.getByTestId('sweep-name')).toHaveText('e2e on slurm');
    await expect(page.locator('[data-testid="sweep-point"][data-status="completed"]')).toHaveCount(1, { timeout: 180_000 });
    await page.getByTestId('nav-runs').click();
    const row = page.getByTestId('run-row').filter({ hasText: 'e2e on slurm' });
    await expect(row.getByTestId('run-placement')).toHaveText(/^slurm \d+_0( on \S+)?$/);
  });
});
