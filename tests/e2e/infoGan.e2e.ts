// InfoGAN end to end in the browser (serve mode, a real job process): the train-model form offers the InfoGAN
// group for the GAN task, and a tiny InfoGAN run on Shapes-10 shows its latent traversal (rows = categorical
// value, columns = a continuous code −2 … 2, one grid per continuous code) with the purity / I(c; class)
// table. Screenshot: test-results/screenshots/infogan-traversal.png.
//
// data-testids used: kind-select · field-task · field-group-infoGan · field-infoGan.enabled ·
// train-model-results · metric-chart-infoCategorical · infogan-panel · infogan-traversal[data-rows][data-columns]
// · infogan-grid-tab-<i> · infogan-purity / infogan-purity-<code> · infogan-purity-note · infogan-step ·
// add-to-pack / add-to-pack-done · pack-figure[data-kind] · figure-code · figure-preview · preview-image.
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServe, type ServeProcess } from './serveProcess';

const shots = join(__dirname, '../../test-results/screenshots');

async function api<T>(page: Page, origin: string, method: string, input: unknown): Promise<T> {
  const response = await page.request.post(`${origin}/api/${method}`, { data: input });
  const body = (await response.json()) as { value?: T; error?: unknown };
  if (!response.ok()) throw new Error(`${method} failed: ${JSON.stringify(body)}`);
  return body.value as T;
}

async function waitDone(page: Page, origin: string, runId: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await api<{ status: string; error: unknown }>(page, origin, 'runs.get', { runId });
    if (run.status === 'completed') return;
    if (!['queued', 'running'].includes(run.status)) throw new Error(`run ${runId} ended ${run.status}: ${JSON.stringify(run.error)}`);
    if (Date.now() > deadline) throw new Error(`run ${runId} still ${run.status} after ${timeoutMs} ms`);
    await page.waitForTimeout(1000);
  }
}

test.describe('InfoGAN in the browser (serve mode)', () => {
  let workspace: string;
  let serve: ServeProcess;

  test.beforeAll(async () => {
    workspace = mkdtempSync(join(tmpdir(), 'ouroboros-e2e-infogan-'));
    serve = await startServe(workspace);
  });
  test.afterAll(async () => {
    await serve?.stop();
    rmSync(workspace, { recursive: true, force: true });
  });

  test('the train-model form offers InfoGAN for the GAN task only', async ({ page }) => {
    await page.goto(serve.url);
    await page.getByTestId('nav-new').click();
    await page.getByTestId('kind-select').selectOption('train-model');
    await expect(page.getByTestId('field-group-infoGan')).toBeVisible();
    await expect(page.getByTestId('field-group-infoGan')).toContainText('InfoGAN');
    await page.getByTestId('field-task').selectOption('classifier');
    await expect(page.getByTestId('field-group-infoGan')).toBeHidden();
  });

  test('a tiny InfoGAN run shows the latent traversal and the code purity', async ({ page }) => {
    test.setTimeout(600_000);
    await page.goto(serve.url);
    const run = await api<{ id: string }>(page, serve.origin, 'runs.create', {
      config: {
        kind: 'train-model', name: 'e2e infogan',
        params: {
          task: 'gan', dataset: 'builtin-shapes10', trainSubset: 256, 'gan.width': 4, 'gan.latentDim': 16,
          'infoGan.enabled': true, 'infoGan.categories': 10, 'infoGan.continuousCodes': 2, 'infoGan.puritySamples': 10, 'infoGan.traversalColumns': 7,
          'trainer.lengthUnit': 'steps', 'trainer.length': 6, 'trainer.batchSize': 16, evaluateEvery: 3, gridSize: 16, evalSamples: 50,
        },
      },
    });
    await waitDone(page, serve.origin, run.id, 400_000);
    await page.goto(`${serve.url}#/runs/${run.id}`);
    await expect(page.getByTestId('train-model-results')).toBeVisible();
    await expect(page.getByTestId('metric-chart-infoCategorical')).toHaveAttribute('data-has-data', 'true');
    const panel = page.getByTestId('infogan-panel');
    const traversal = panel.getByTestId('infogan-traversal');
    await expect(traversal).toBeVisible();
    await expect(traversal).toHaveAttribute('data-rows', '10');
    await expect(traversal).toHaveAttribute('data-columns', '7');
    await expect(traversal).toContainText('-2.0');
    await expect(traversal).toContainText('c₀ = 9');
    await expect(panel.getByTestId('infogan-purity-0')).toContainText('bits');
    await expect(panel.getByTestId('infogan-purity-note')).toContainText('10 samples per code value');
    await expect(panel.getByTestId('infogan-step').locator('option')).toHaveCount(3); // latest, step 3, step 6
    await panel.getByTestId('infogan-grid-tab-1').click();
    await expect(traversal).toContainText('continuous c2');
    await panel.screenshot({ path: join(shots, 'infogan-traversal.png') });
    await panel.screenshot({ path: '/tmp/infogan/infogan-traversal-e2e.png' });

    // *Add to figure pack* takes the traversal as shown (the open tab = code 1); the pack page previews it.
    await panel.getByTestId('add-to-pack').click();
    await expect(panel.getByTestId('add-to-pack-done')).toBeVisible();
    await page.goto(`${serve.url}#/pack`);
    await expect(page.getByTestId('pack-figure')).toHaveCount(1);
    await expect(page.getByTestId('pack-figure').first()).toHaveAttribute('data-kind', 'infogan-traversal');
    await expect(page.getByTestId('figure-code')).toHaveValue('1');
    const preview = page.getByTestId('figure-preview');
    await expect(preview).toHaveAttribute('data-loading', 'false');
    await expect(page.getByTestId('preview-error')).toHaveCount(0);
    await expect(page.getByTestId('preview-image')).toBeVisible();
  });
});
