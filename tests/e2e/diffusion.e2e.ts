// Diffusion end to end in the browser (serve mode, real job processes): the neural-loop form shows the UNet and
// diffusion groups instead of the GAN's when "Diffusion" is chosen, the train-model form offers the guidance
// sweep, and a tiny conditional DDPM train-model run shows its fixed-noise grid timeline and, after training,
// the guidance sweep (one grid per w side by side, the metrics table and chart). Screenshots land in
// /tmp/diffusion-e2e-shots/ to be looked at.
//
// data-testids used: kind-select · field-model / field-task · field-group-<prefix> (gan, unet, diffusion,
// guidanceSweep) · train-model-results · metric-chart-loss[data-has-data] · grid-timeline / grid-timeline-slider /
// grid-timeline-step · sample-grid · image-grid · guidance-sweep-panel / guidance-sweep-grid[data-value] /
// guidance-sweep-table / guidance-sweep-chart · add-to-pack / add-to-pack-done · pack-figure[data-kind] ·
// figure-layout · figure-preview · preview-image.
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fullPageShot } from './pageLayout';
import { startServe, type ServeProcess } from './serveProcess';

const shots = '/tmp/diffusion-e2e-shots';

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

test.describe('diffusion in the browser (serve mode)', () => {
  let workspace: string;
  let serve: ServeProcess;

  test.beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    workspace = mkdtempSync(join(tmpdir(), 'ouroboros-e2e-diffusion-'));
    serve = await startServe(workspace);
  });
  test.afterAll(async () => {
    await serve?.stop();
    rmSync(workspace, { recursive: true, force: true });
  });

  test('the neural-loop form swaps the GAN groups for the UNet and diffusion groups', async ({ page }) => {
    await page.goto(serve.url);
    await page.getByTestId('nav-new').click();
    await page.getByTestId('kind-select').selectOption('neural-loop');
    await expect(page.getByTestId('field-group-gan')).toBeVisible();
    await expect(page.getByTestId('field-group-unet')).toHaveCount(0);
    await page.getByTestId('field-model').selectOption('diffusion');
    for (const prefix of ['unet', 'diffusion', 'trainer']) await expect(page.getByTestId(`field-group-${prefix}`)).toBeVisible();
    for (const prefix of ['gan', 'pointGan', 'objective']) await expect(page.getByTestId(`field-group-${prefix}`)).toHaveCount(0);
    await expect(page.getByTestId('field-group-diffusion')).not.toContainText('Guidance weight'); // λ decides it
    await fullPageShot(page, join(shots, 'diffusion-loop-form.png'));

    await page.getByTestId('kind-select').selectOption('train-model');
    await page.getByTestId('field-task').selectOption('diffusion');
    const sweep = page.getByTestId('field-group-guidanceSweep');
    await expect(sweep).toBeVisible();
    await sweep.locator('summary').click();
    await expect(page.getByTestId('field-guidanceSweep.values')).toHaveValue('0, 0.5, 2, 4');
    await page.getByTestId('field-guidanceSweep.values').fill('0, -1');
    await expect(page.getByTestId('field-error-guidanceSweep.values')).toContainText('“-1” is not a number from 0 to 50');
    await page.getByTestId('field-guidanceSweep.values').fill('0, 0.5, 2');
    await expect(page.getByTestId('field-error-guidanceSweep.values')).toHaveCount(0);
  });

  test('a tiny diffusion run shows its grid timeline and the guidance sweep', async ({ page }) => {
    test.setTimeout(600_000);
    await page.goto(serve.url);
    const run = await api<{ id: string }>(page, serve.origin, 'runs.create', {
      config: {
        kind: 'train-model', name: 'e2e diffusion',
        params: {
          task: 'diffusion', dataset: 'builtin-shapes10', conditional: true, trainSubset: 256,
          'unet.width': 8, 'unet.channelMultipliers': [1, 2], 'unet.groups': 4, 'unet.attention': false,
          'diffusion.steps': 50, 'diffusion.samplingSteps': 5, 'diffusion.guidance': 'classifier-free', 'diffusion.guidanceWeight': 2,
          'trainer.lengthUnit': 'steps', 'trainer.length': 6, 'trainer.batchSize': 16, 'trainer.learningRate': 0.002, 'trainer.beta1': 0.9,
          evaluateEvery: 3, gridSize: 20, evalSamples: 50,
          'guidanceSweep.samples': 30, 'guidanceSweep.gridSize': 20,
        },
      },
    });
    await page.goto(`${serve.url}#/runs/${run.id}`);
    await expect(page.getByTestId('train-model-results')).toBeVisible();
    await waitDone(page, serve.origin, run.id, 540_000);

    await expect(page.getByTestId('metric-chart-loss')).toHaveAttribute('data-has-data', 'true');
    const timeline = page.getByTestId('grid-timeline');
    await expect(timeline.getByTestId('sample-grid')).toHaveAttribute('data-step', '6');
    await timeline.getByTestId('grid-timeline-slider').fill('0');
    await expect(timeline.getByTestId('grid-timeline-step')).toHaveText('3');
    await expect(timeline.getByTestId('grid-class-header')).toContainText('triangle');

    const sweep = page.getByTestId('guidance-sweep-panel');
    await expect(sweep.getByTestId('guidance-sweep-grid')).toHaveCount(4);
    await expect(sweep.getByTestId('guidance-sweep-grid').nth(2)).toHaveAttribute('data-value', '2');
    await expect(sweep.getByTestId('guidance-sweep-grid').nth(2)).toContainText('w = 2 · λ = 0.333');
    for (const grid of await sweep.getByTestId('image-grid').all()) await expect(grid).not.toHaveAttribute('data-rendered-count', '0');
    await expect(sweep.getByTestId('guidance-sweep-table').locator('tbody tr')).toHaveCount(4);
    await expect(sweep.getByTestId('guidance-sweep-chart')).toBeVisible();
    await fullPageShot(page, join(shots, 'diffusion-run.png'));
    await sweep.screenshot({ path: join(shots, 'diffusion-guidance-sweep.png') });
    await timeline.screenshot({ path: join(shots, 'diffusion-grid-timeline.png') });

    // *Add to figure pack* takes the sweep's grids and its chart; the pack page previews the grids.
    await sweep.getByTestId('add-to-pack').click();
    await expect(sweep.getByTestId('add-to-pack-done')).toBeVisible();
    await page.goto(`${serve.url}#/pack`);
    const items = page.getByTestId('pack-figure');
    await expect(items).toHaveCount(2);
    expect(await items.evaluateAll((els) => els.map((el) => el.getAttribute('data-kind')))).toEqual(['guidance-sweep', 'guidance-sweep-metrics']);
    await expect(page.getByTestId('figure-layout')).toHaveValue('stacked');
    await expect(page.getByTestId('figure-preview')).toHaveAttribute('data-loading', 'false');
    await expect(page.getByTestId('preview-error')).toHaveCount(0);
    await expect(page.getByTestId('preview-image')).toBeVisible();
  });
});
