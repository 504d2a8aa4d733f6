// The neural experiments end to end in the browser (serve mode, real job processes): the new-experiment form
// for a neural loop (dataset select, grouped sub-configs, generation 1 from a completed train-model run), the generation inspector of a tiny neural loop
// (metric charts, grids slider and rows, class heatmap, side-by-side compare, nearest real images, link to a
// generation's synthetic dataset) and tiny train-model runs: a classifier, an image GAN, a conditional GAN
// (one class per grid column) and a 2-D point GAN. Screenshots land in
// test-results/screenshots/neural-*.png to be looked at.
//
// data-testids used (renderer/src/components/run-detail/neural/*, new-experiment/*):
//   field-dataset (dataset select) · field-initialModel / initial-model-issue (generation 1 from a trained run) · field-group-<prefix> (collapsible sub-config group: gan, pointGan,
//   objective, classifier, trainer) · neural-loop-results · train-model-results[data-task] ·
//   metric-chart-<key>[data-has-data] · generation-grids[data-mode] · grids-mode-slider / grids-mode-rows ·
//   grids-slider / grids-play / grids-label · grids-generation · grids-fid · sample-grid[data-step] ·
//   image-grid (canvas) · generation-rows / generation-row[data-generation] · rows-limit ·
//   class-heatmap-panel[data-generations] / class-heatmap · compare-panel / compare-select /
//   compare-side[data-run-id][data-generation] / compare-slider / compare-fid · nearest-panel /
//   nearest-query / nearest-neighbour / nearest-close · generations-table / generation-table-row /
//   generation-dataset-link · generation-initial-model · grid-class-header · grid-timeline / grid-timeline-slider / grid-timeline-step / grid-timeline-fid ·
//   confusion-panel / confusion-chart / confusion-accuracy / confusion-step · attention-panel / attention-row.
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectSidebarPinned, fullPageShot } from './pageLayout';
import { startServe, type ServeProcess } from './serveProcess';

const root = join(__dirname, '../..');
const shots = join(root, 'test-results/screenshots');

const tinyLoop = {
  dataset: 'builtin-shapes10', generations: 2, realSamples: 64, syntheticSamples: 64,
  'trainer.lengthUnit': 'steps', 'trainer.length': 3, 'trainer.batchSize': 16, 'gan.width': 4, gridSize: 16, evalSamples: 50,
};

async function api<T>(request: APIRequestContext, origin: string, method: string, input: unknown): Promise<T> {
  const response = await request.post(`${origin}/api/${method}`, { data: input });
  const body = (await response.json()) as { value?: T; error?: unknown };
  if (!response.ok()) throw new Error(`${method} failed: ${JSON.stringify(body)}`);
  return body.value as T;
}

async function createRun(page: Page, origin: string, config: unknown): Promise<string> {
  const run = await api<{ id: string }>(page.request, origin, 'runs.create', { config });
  return run.id;
}

async function waitDone(page: Page, origin: string, runId: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await api<{ status: string; error: unknown }>(page.request, origin, 'runs.get', { runId });
    if (run.status === 'completed') return;
    if (!['queued', 'running'].includes(run.status)) throw new Error(`run ${runId} ended ${run.status}: ${JSON.stringify(run.error)}`);
    if (Date.now() > deadline) throw new Error(`run ${runId} still ${run.status} after ${timeoutMs} ms`);
    await page.waitForTimeout(1000);
  }
}

test.describe('neural experiments in the browser (serve mode)', () => {
  let workspace: string;
  let serve: ServeProcess;

  test.beforeAll(async () => {
    workspace = mkdtempSync(join(tmpdir(), 'ouroboros-e2e-neural-'));
    serve = await startServe(workspace);
  });
  test.afterAll(async () => {
    await serve?.stop();
    rmSync(workspace, { recursive: true, force: true });
  });

  test('the neural-loop form offers the datasets and groups the sub-configs', async ({ page }) => {
    await page.goto(serve.url);
    await page.getByTestId('nav-new').click();
    await page.getByTestId('kind-select').selectOption('neural-loop');
    const select = page.getByTestId('field-dataset');
    await expect(select).toBeVisible();
    await expect(select).toHaveValue('builtin-shapes10');
    await expect(select.locator('option:checked')).toContainText('Shapes-10 — 12,000 items, 28×28×1');
    await expect(select.locator('option')).not.toHaveCount(0);
    for (const prefix of ['gan', 'pointGan', 'objective', 'trainer']) await expect(page.getByTestId(`field-group-${prefix}`)).toBeVisible();
    await expect(page.getByTestId('field-trainer.length')).toBeHidden();
    await page.getByTestId('field-group-trainer').locator('summary').click();
    await expect(page.getByTestId('field-trainer.length')).toBeVisible();
    await page.getByTestId('field-trainer.length').fill('0');
    await expect(page.getByTestId('field-error-trainer.length')).toBeVisible();
    await page.getByTestId('field-trainer.length').fill('3');
    await fullPageShot(page, join(shots, 'neural-form.png'));
  });

  test('the neural-loop form offers the completed train-model runs that fit as generation 1', async ({ page }) => {
    test.setTimeout(300_000);
    await page.goto(serve.url);
    const tiny = {
      task: 'gan', dataset: 'builtin-shapes10', trainSubset: 64, 'gan.width': 4, 'trainer.lengthUnit': 'steps', 'trainer.length': 2, 'trainer.batchSize': 16,
      evaluateEvery: 2, gridSize: 4, evalSamples: 0,
    };
    const fits = await createRun(page, serve.origin, { kind: 'train-model', name: 'e2e generation-1 GAN', params: tiny });
    const wide = await createRun(page, serve.origin, { kind: 'train-model', name: 'e2e wide GAN', params: { ...tiny, 'gan.width': 8 } });
    await waitDone(page, serve.origin, fits, 240_000);
    await waitDone(page, serve.origin, wide, 240_000);
    await page.getByTestId('nav-new').click();
    await page.getByTestId('kind-select').selectOption('neural-loop');
    const select = page.getByTestId('field-initialModel');
    await expect(select).toHaveValue('');
    const option = (runId: string) => select.locator(`option[value="${runId}"]`);
    await expect(option(fits)).toBeDisabled(); // the form's default width is 32
    await page.getByTestId('field-group-gan').locator('summary').click();
    await page.getByTestId('field-gan.width').fill('4');
    await expect(option(fits)).toBeEnabled();
    await expect(option(wide)).toBeDisabled();
    await expect(option(wide)).toHaveAttribute('title', /^gan\.width: this loop has 4 but run ".*" \(initialModel\) was trained with 8/);
    await select.selectOption(fits);
    await expect(page.getByTestId('initial-model-issue')).toBeHidden();
    await page.getByTestId('field-gan.width').fill('8');
    await expect(page.getByTestId('initial-model-issue')).toContainText('gan.width: this loop has 8');
    await page.getByTestId('field-gan.width').fill('4');
    await expect(page.getByTestId('initial-model-issue')).toBeHidden();
    await fullPageShot(page, join(shots, 'neural-form-initial-model.png'));

    // A loop from it: the generations table says where generation 1 came from.
    const loop = await createRun(page, serve.origin, {
      kind: 'neural-loop', name: 'e2e loop from a trained GAN', params: { ...tinyLoop, generations: 1, initialModel: fits },
    });
    await waitDone(page, serve.origin, loop, 240_000);
    await page.goto(`${serve.url}#/runs/${loop}`);
    await expect(page.getByTestId('generation-initial-model')).toContainText(`loaded from run ${fits} (step 2), not trained here`);
  });

  test('generation inspector: grids, heatmap, compare, nearest real images, synthetic dataset', async ({ page }) => {
    test.setTimeout(600_000);
    await page.goto(serve.url);
    const a = await createRun(page, serve.origin, { kind: 'neural-loop', name: 'e2e loop λ=1', params: { ...tinyLoop } });
    const b = await createRun(page, serve.origin, { kind: 'neural-loop', name: 'e2e loop λ=0.7', params: { ...tinyLoop, lambda: 0.7, loop: 'fresh-data' } });
    await page.goto(`${serve.url}#/runs/${a}`);
    await expect(page.getByTestId('neural-loop-results')).toBeVisible();
    // Live: the first generation's grid appears while the run is still going.
    await expect(page.getByTestId('generation-grids').getByTestId('sample-grid')).toBeVisible({ timeout: 420_000 });
    await fullPageShot(page, join(shots, 'neural-loop-live.png'));
    await waitDone(page, serve.origin, a, 420_000);
    await waitDone(page, serve.origin, b, 240_000);

    await expect(page.getByTestId('metric-chart-fid')).toHaveAttribute('data-has-data', 'true');
    const grids = page.getByTestId('generation-grids');
    await expect(grids.getByTestId('grids-label')).toContainText('Generation 2 / 2');
    await expect(grids.getByTestId('sample-grid')).toHaveAttribute('data-step', '2');
    await expect(grids.getByTestId('image-grid')).not.toHaveAttribute('data-rendered-count', '0');
    await grids.getByTestId('grids-slider').fill('0');
    await expect(grids.getByTestId('sample-grid')).toHaveAttribute('data-step', '1');
    await expect(page.getByTestId('class-heatmap-panel')).toHaveAttribute('data-generations', '2');
    await expect(page.getByTestId('class-heatmap')).toBeVisible();
    await fullPageShot(page, join(shots, 'neural-loop-inspector.png'));
    await expectSidebarPinned(page, { mustScroll: true }); // the long inspector scrolls under a sidebar pinned at the top

    // A sample → its nearest real training images.
    await grids.getByTestId('image-grid').click({ position: { x: 22, y: 22 } });
    const nearest = page.getByTestId('nearest-panel');
    await expect(nearest).toBeVisible();
    await expect(nearest.getByTestId('nearest-neighbour').first()).toBeVisible();
    await expect(nearest.getByTestId('nearest-query')).toBeVisible();
    await nearest.screenshot({ path: join(shots, 'neural-nearest-real.png') });

    // Rows: one row per generation.
    await grids.getByTestId('grids-mode-rows').click();
    await expect(grids.getByTestId('generation-row')).toHaveCount(2);
    await grids.screenshot({ path: join(shots, 'neural-grid-rows.png') });

    // Side by side with the other loop, one slider.
    const compare = page.getByTestId('compare-panel');
    await compare.getByTestId('compare-select').selectOption(b);
    await expect(compare.getByTestId('compare-side')).toHaveCount(2);
    await expect(compare.locator(`[data-testid="compare-side"][data-run-id="${b}"] [data-testid="sample-grid"]`)).toBeVisible();
    await compare.getByTestId('compare-slider').fill('0');
    await expect(compare.getByTestId('compare-side').first()).toHaveAttribute('data-generation', '1');
    await expect(compare.getByTestId('compare-side').nth(1)).toHaveAttribute('data-generation', '1');
    await compare.screenshot({ path: join(shots, 'neural-compare.png') });

    // The generation's synthetic dataset opens in the Datasets view.
    const link = page.getByTestId('generation-dataset-link').first();
    await expect(link).toBeVisible();
    await link.click();
    await expect(page).toHaveURL(/#\/datasets\/.+/);
    // Generated datasets carry a badge back to their run, and can be hidden from the list.
    const generatedRows = page.locator('[data-testid="dataset-row"]', { has: page.getByTestId('dataset-source-run') });
    await expect(generatedRows.first()).toBeVisible();
    const generatedCount = await generatedRows.count();
    await page.getByTestId('show-generated-datasets').uncheck();
    await expect(generatedRows).toHaveCount(0);
    await page.getByTestId('show-generated-datasets').check();
    await expect(generatedRows).toHaveCount(generatedCount);
    await fullPageShot(page, join(shots, 'neural-synthetic-dataset.png'));
  });

  test('train-model: classifier confusion matrix and attention maps, GAN grid timeline, point GAN scatter', async ({ page }) => {
    test.setTimeout(600_000);
    await page.goto(serve.url);
    const classifier = await createRun(page, serve.origin, {
      kind: 'train-model', name: 'e2e classifier',
      params: {
        task: 'classifier', dataset: 'builtin-shapes10', trainSubset: 256, 'classifier.architecture': 'resnet', 'classifier.attention': 'cbam',
        'classifier.width': 4, 'classifier.stages': 1, 'classifier.blocksPerStage': 1, 'trainer.lengthUnit': 'steps', 'trainer.length': 6,
        'trainer.batchSize': 16, 'trainer.learningRate': 0.001, evaluateEvery: 3,
      },
    });
    const gan = await createRun(page, serve.origin, {
      kind: 'train-model', name: 'e2e gan',
      params: { task: 'gan', dataset: 'builtin-shapes10', trainSubset: 256, 'gan.width': 4, 'trainer.lengthUnit': 'steps', 'trainer.length': 6, 'trainer.batchSize': 16, evaluateEvery: 3, gridSize: 16, evalSamples: 50 },
    });
    const points = await createRun(page, serve.origin, {
      kind: 'train-model', name: 'e2e point gan',
      params: { task: 'gan', dataset: 'builtin-ring8', 'trainer.lengthUnit': 'steps', 'trainer.length': 6, 'trainer.batchSize': 16, evaluateEvery: 3, gridSize: 128, evalSamples: 50 },
    });
    const conditional = await createRun(page, serve.origin, {
      kind: 'train-model', name: 'e2e conditional gan',
      params: { task: 'gan', conditional: true, dataset: 'builtin-shapes10', trainSubset: 256, 'gan.width': 4, 'trainer.lengthUnit': 'steps', 'trainer.length': 3, 'trainer.batchSize': 16, evaluateEvery: 3, gridSize: 40, evalSamples: 50 },
    });
    await waitDone(page, serve.origin, classifier, 300_000);
    await page.goto(`${serve.url}#/runs/${classifier}`);
    await expect(page.getByTestId('train-model-results')).toHaveAttribute('data-task', 'classifier');
    await expect(page.getByTestId('metric-chart-loss')).toHaveAttribute('data-has-data', 'true');
    await expect(page.getByTestId('confusion-chart')).toBeVisible();
    await expect(page.getByTestId('confusion-accuracy')).toContainText('accuracy');
    await expect(page.getByTestId('attention-row').first()).toBeVisible();
    await fullPageShot(page, join(shots, 'neural-train-classifier.png'));

    await waitDone(page, serve.origin, gan, 300_000);
    await page.goto(`${serve.url}#/runs/${gan}`);
    await expect(page.getByTestId('train-model-results')).toHaveAttribute('data-task', 'gan');
    const timeline = page.getByTestId('grid-timeline');
    await expect(timeline.getByTestId('sample-grid')).toBeVisible();
    await timeline.getByTestId('grid-timeline-slider').fill('0');
    await expect(timeline.getByTestId('grid-timeline-step')).toHaveText('3');
    await timeline.getByTestId('image-grid').click({ position: { x: 66, y: 22 } });
    await expect(timeline.getByTestId('nearest-panel')).toContainText('sample 1 of step 3');
    await expect(timeline.getByTestId('nearest-neighbour').first()).toBeVisible();
    await fullPageShot(page, join(shots, 'neural-train-gan.png'));

    await waitDone(page, serve.origin, points, 300_000);
    await page.goto(`${serve.url}#/runs/${points}`);
    await expect(page.getByTestId('grid-timeline').getByTestId('sample-points')).toBeVisible();
    await page.getByTestId('grid-timeline').screenshot({ path: join(shots, 'neural-train-point-gan.png') });

    await waitDone(page, serve.origin, conditional, 300_000);
    await page.goto(`${serve.url}#/runs/${conditional}`);
    await expect(page.getByTestId('grid-timeline').getByTestId('grid-class-header')).toContainText('triangle');
    await page.getByTestId('grid-timeline').screenshot({ path: join(shots, 'neural-train-conditional-gan.png') });
  });
});
