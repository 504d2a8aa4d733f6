// The weak-to-strong comparison view end to end in the browser (serve mode, real job processes): a small run
// created through the generated form (grouped weak./strong./trainer. settings and the protocol's split
// diagram), its page with weak | student | ceiling, PGR, curves, the *corrected* gallery and a probability
// comparison; a second method on the same pair side by side; a bootstrap run with its chain and an undefined
// PGR with the warning.
// Sizes are the config's small end with a step cap, so each run trains in well under a minute on 2 cores.
// A tiny real sweep (2 weak × 1 strong × 2 methods, one seed) made through the form draws the sweep figure and
// the median-PGR table, checked against the run's summary. A CBAM ResNet run's click-through shows attention maps.
// Screenshots land in test-results/screenshots/w2s-*.png (1440×900 and tall full pages) to be looked at.
//
// data-testids used (renderer/src/components/run-detail/weakToStrong/*, new-experiment/WeakToStrongSplitPreview):
//   w2s-split-preview / split-diagram[data-planned] / split-a / split-b / split-val · w2s-results ·
//   w2s-trainings / w2s-phase[data-state] · w2s-comparison[data-seed] · w2s-column-<role> ·
//   w2s-accuracy-<role> · w2s-band-<role> · w2s-confusion-<role> · w2s-reliability-<role> · w2s-pgr[data-defined] ·
//   w2s-pgr-value / w2s-pgr-interval / w2s-pgr-warning · w2s-rates · w2s-confusion-change · w2s-curves ·
//   w2s-galleries[data-gallery][data-count] / w2s-gallery-<key> / w2s-gallery-class · w2s-probabilities /
//   w2s-probabilities-<role> · w2s-chain / w2s-chain-link · w2s-compare-panel / w2s-compare-select / w2s-compare-side · w2s-sweep[data-cells] /
//   w2s-sweep-figure / w2s-sweep-table / w2s-sweep-row · w2s-attention (inside w2s-probabilities-<role>).
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fullPageShot } from './pageLayout';
import { startServe, type ServeProcess } from './serveProcess';

const root = join(__dirname, '../..');
const shots = join(root, 'test-results/screenshots');

/** Logistic supervisor on 100 items, MLP student/ceiling on 600, 100 steps each (weakLength 0 = the trainer's): ~15 s on an idle 2-core box. */
const small = {
  dataset: 'builtin-shapes10', splitSizing: 'counts', halfACount: 100, halfBCount: 600, validationFraction: 0.1,
  'weak.architecture': 'logistic', weakLength: 0, 'strong.architecture': 'mlp', 'strong.hiddenUnits': 64,
  'trainer.lengthUnit': 'steps', 'trainer.length': 100, 'trainer.batchSize': 25, 'trainer.learningRate': 0.003,
  evaluateEvery: 10, seeds: 2, bootstrapResamples: 200,
};

async function api<T>(request: APIRequestContext, origin: string, method: string, input: unknown): Promise<T> {
  const response = await request.post(`${origin}/api/${method}`, { data: input });
  const body = (await response.json()) as { value?: T; error?: unknown };
  if (!response.ok()) throw new Error(`${method} failed: ${JSON.stringify(body)}`);
  return body.value as T;
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

async function setField(page: Page, key: string, value: string): Promise<void> {
  const input = page.getByTestId(`field-${key}`);
  if ((await input.evaluate((el) => el.tagName)) === 'SELECT') await input.selectOption(value);
  else await input.fill(value);
}

test.describe('weak-to-strong in the browser (serve mode)', () => {
  test.describe.configure({ mode: 'serial' }); // the side-by-side test compares with the first test's run
  let workspace: string;
  let serve: ServeProcess;
  let firstRun = '';

  test.beforeAll(async () => {
    workspace = mkdtempSync(join(tmpdir(), 'ouroboros-e2e-w2s-'));
    serve = await startServe(workspace);
  });
  test.afterAll(async () => {
    await serve?.stop();
    rmSync(workspace, { recursive: true, force: true });
  });

  test('a small run through the form: three columns, PGR, curves, the corrected gallery and a probability comparison', async ({ page }) => {
    test.setTimeout(420_000);
    await page.goto(serve.url);
    await page.getByTestId('nav-new').click();
    await page.getByTestId('kind-select').selectOption('weak-to-strong');
    for (const prefix of ['weak', 'strong', 'trainer']) await expect(page.getByTestId(`field-group-${prefix}`)).toBeVisible();
    await expect(page.getByTestId('field-group-weak').locator('summary')).toContainText('Weak model (the supervisor)');
    const preview = page.getByTestId('w2s-split-preview');
    await expect(preview.getByTestId('split-diagram')).toHaveAttribute('data-planned', 'true');
    await expect(preview.getByTestId('split-a')).toContainText('5,000'); // default: half of Shapes-10's 10,000 train items

    await page.getByTestId('run-name').fill('e2e w2s naive');
    await setField(page, 'splitSizing', 'counts');
    await setField(page, 'halfACount', '100');
    await setField(page, 'halfBCount', '600');
    await expect(preview.getByTestId('split-a')).toContainText('100');
    await expect(preview.getByTestId('split-b')).toContainText('540');
    await expect(preview.getByTestId('split-val')).toContainText('60');
    for (const prefix of ['strong', 'trainer']) await page.getByTestId(`field-group-${prefix}`).locator('summary').click();
    for (const [key, value] of Object.entries(small)) {
      if (['dataset', 'splitSizing', 'halfACount', 'halfBCount', 'validationFraction', 'weak.architecture'].includes(key)) continue;
      await setField(page, key, String(value));
    }
    await expect(page.getByTestId('start-run')).toBeEnabled();
    await fullPageShot(page, join(shots, 'w2s-form.png'));
    await page.getByTestId('start-run').click();

    const header = page.getByTestId('run-header');
    await expect(header).toBeVisible();
    firstRun = (await header.getAttribute('data-run-id')) ?? '';
    expect(firstRun).not.toBe('');
    await expect(page.getByTestId('w2s-results')).toBeVisible();
    // While it trains: the three trainings, one of them running with its steps (unless the run already ended).
    const trainings = page.getByTestId('w2s-trainings');
    const runningPhase = page.locator('[data-testid="w2s-phase"][data-state="running"]');
    await expect.poll(async () => (await runningPhase.count()) > 0 || !(await trainings.isVisible()), { timeout: 120_000 }).toBe(true);
    if (await runningPhase.count()) {
      await expect(page.getByTestId('w2s-phase')).toHaveCount(3); // weak, ceiling, student
      await expect(runningPhase).toContainText('steps');
      await page.screenshot({ path: join(shots, 'w2s-running.png') });
    }
    await waitDone(page, serve.origin, firstRun, 360_000);

    const comparison = page.getByTestId('w2s-comparison');
    await expect(comparison).toHaveAttribute('data-seed', '2');
    for (const role of ['weak', 'student', 'ceiling']) {
      await expect(page.getByTestId(`w2s-column-${role}`)).toBeVisible();
      await expect(page.getByTestId(`w2s-accuracy-${role}`)).toHaveText(/^\d+\.\d %$/);
      await expect(page.getByTestId(`w2s-band-${role}`)).toContainText('10–90 %');
      await expect(page.getByTestId(`w2s-confusion-${role}`).locator('canvas').first()).toBeVisible();
      await expect(page.getByTestId(`w2s-reliability-${role}`).locator('canvas').first()).toBeVisible();
    }
    const pgr = page.getByTestId('w2s-pgr');
    await expect(pgr).toHaveAttribute('data-defined', 'true');
    await expect(pgr.getByTestId('w2s-pgr-value')).toHaveText(/^-?\d+\.\d\d$/);
    await expect(pgr.getByTestId('w2s-pgr-interval')).toContainText(/\d+ % interval/);
    await expect(page.getByTestId('w2s-rates')).toBeVisible();
    await expect(page.getByTestId('w2s-confusion-change')).toBeVisible();
    await expect(page.getByTestId('w2s-curves')).toHaveAttribute('data-points', '10'); // evaluations at steps 10, 20, …, 100
    await expect(page.getByTestId('split-diagram')).toHaveAttribute('data-planned', 'false');
    await comparison.evaluate((el) => el.closest('.panel')?.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: join(shots, 'w2s-comparison.png') });
    await expect(page.getByTestId('w2s-seed-summary')).toContainText('PGR');
    await fullPageShot(page, join(shots, 'w2s-comparison-full.png'));

    // The corrected gallery: supervisor wrong, student right; a click compares the three models' probabilities.
    const galleries = page.getByTestId('w2s-galleries');
    await galleries.getByTestId('w2s-gallery-corrected').click();
    await expect(galleries).toHaveAttribute('data-gallery', 'corrected');
    const count = Number(await galleries.getAttribute('data-count'));
    expect(count).toBeGreaterThan(0);
    const grid = galleries.getByTestId('image-grid');
    await expect(grid).toHaveAttribute('data-total', String(count));
    await expect(grid).not.toHaveAttribute('data-rendered-count', '0');
    await grid.click({ position: { x: 26, y: 26 } });
    const probabilities = page.getByTestId('w2s-probabilities');
    await expect(probabilities).toBeVisible();
    for (const role of ['weak', 'student', 'ceiling']) await expect(probabilities.getByTestId(`w2s-probabilities-${role}`).locator('canvas').first()).toBeVisible();
    await expect(probabilities.getByTestId('w2s-probabilities-weak')).toContainText('wrong');
    await expect(probabilities.getByTestId('w2s-probabilities-student')).toContainText('right');
    await galleries.scrollIntoViewIfNeeded();
    await galleries.screenshot({ path: join(shots, 'w2s-gallery-corrected.png') });
    // The class filter narrows the gallery to one true class.
    await galleries.getByTestId('w2s-gallery-disagreements').click();
    const all = Number(await galleries.getAttribute('data-count'));
    await galleries.getByTestId('w2s-gallery-class').selectOption('0');
    await expect.poll(async () => Number(await galleries.getAttribute('data-count'))).toBeLessThan(all);
  });

  test('two methods on the same pair side by side; a bootstrap chain and an undefined PGR with its warning', async ({ page }) => {
    test.setTimeout(420_000);
    expect(firstRun, 'the first test created a run').not.toBe('');
    await page.goto(serve.url);
    const second = await api<{ id: string }>(page.request, serve.origin, 'runs.create', { config: { kind: 'weak-to-strong', name: 'e2e w2s aux-conf', params: { ...small, method: 'aux-conf' } } });
    // Bootstrapping logistic → MLP → MLP for 3 steps each: the 3-step ceiling is far below the weak model
    // (0.12 vs 0.41 with these seeds; the runner is deterministic), so PGR is undefined, with the warning.
    const flat = await api<{ id: string }>(page.request, serve.origin, 'runs.create', {
      config: { kind: 'weak-to-strong', name: 'e2e w2s bootstrap, 3 steps', params: { ...small, method: 'bootstrap', bootstrapChain: 'mlp', seeds: 1, 'trainer.length': 3, evaluateEvery: 1, bootstrapResamples: 0 } },
    });
    await waitDone(page, serve.origin, second.id, 360_000);
    await waitDone(page, serve.origin, flat.id, 120_000);

    await page.goto(`${serve.url}#/runs/${firstRun}`);
    const panel = page.getByTestId('w2s-compare-panel');
    await expect(panel).toBeVisible();
    await panel.getByTestId('w2s-compare-select').selectOption(second.id);
    const sides = panel.getByTestId('w2s-compare-side');
    await expect(sides).toHaveCount(2);
    await expect(sides.nth(1)).toHaveAttribute('data-run-id', second.id);
    await expect(sides.nth(1)).toContainText('Auxiliary confidence');
    for (const i of [0, 1]) {
      for (const role of ['weak', 'student', 'ceiling']) await expect(sides.nth(i).getByTestId(`w2s-column-${role}`)).toBeVisible();
      await expect(sides.nth(i).getByTestId('w2s-pgr')).toBeVisible();
    }
    await panel.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: join(shots, 'w2s-compare-runs.png') });
    await fullPageShot(page, join(shots, 'w2s-compare-runs-full.png'));

    await page.goto(`${serve.url}#/runs/${flat.id}`);
    const pgr = page.getByTestId('w2s-pgr');
    await expect(pgr).toHaveAttribute('data-defined', 'false');
    await expect(pgr.getByTestId('w2s-pgr-value')).toHaveText('undefined');
    await expect(pgr.getByTestId('w2s-pgr-warning')).toContainText('minimum gap');
    await pgr.screenshot({ path: join(shots, 'w2s-pgr-undefined.png') });
    // The chain weak → MLP → student, each link with its accuracy.
    const chain = page.getByTestId('w2s-chain');
    await expect(chain.getByTestId('w2s-chain-link')).toHaveCount(3);
    await expect(chain.getByTestId('w2s-chain-link').first()).toContainText('logistic');
    await chain.screenshot({ path: join(shots, 'w2s-bootstrap-chain.png') });
    await fullPageShot(page, join(shots, 'w2s-bootstrap-full.png'));
  });

  test('a tiny real sweep through the form (2 weak × 1 strong × 2 methods, 1 seed): its figure and median-PGR table', async ({ page }) => {
    test.setTimeout(240_000);
    await page.goto(serve.url);
    await page.getByTestId('nav-new').click();
    await page.getByTestId('kind-select').selectOption('weak-to-strong');
    await page.getByTestId('run-name').fill('e2e w2s sweep');
    await setField(page, 'mode', 'sweep');
    const sweepForm = { sweepWeak: 'logistic, mlp:16', sweepStrong: 'mlp:64', sweepMethods: 'naive, aux-conf', seeds: '1' };
    for (const [key, value] of Object.entries(sweepForm)) await setField(page, key, value);
    await setField(page, 'splitSizing', 'counts');
    for (const key of ['halfACount', 'halfBCount', 'weakLength', 'evaluateEvery', 'bootstrapResamples']) await setField(page, key, String(small[key as keyof typeof small]));
    await page.getByTestId('field-group-trainer').locator('summary').click();
    for (const key of ['trainer.lengthUnit', 'trainer.batchSize', 'trainer.learningRate']) await setField(page, key, String(small[key as keyof typeof small]));
    await setField(page, 'trainer.length', '60'); // 60 steps per training: 2 weak + 1 ceiling + 4 students, ~20 s
    await expect(page.getByTestId('start-run')).toBeEnabled();
    await page.getByTestId('start-run').click();
    const header = page.getByTestId('run-header');
    await expect(header).toBeVisible();
    const runId = (await header.getAttribute('data-run-id')) ?? '';
    expect(runId).not.toBe('');
    await waitDone(page, serve.origin, runId, 180_000);

    // The runner's own numbers: 4 cells, each weak model and the ceiling trained once and reused.
    const run = await api<{ summary: { cells: number; trainings: Record<string, number>; methodPgr: Array<{ method: string; median: number | null; seeds: number; undefinedCells: number; cells: number }> } }>(page.request, serve.origin, 'runs.get', { runId });
    expect(run.summary.cells).toBe(4);
    expect(run.summary.trainings).toEqual({ weak: 2, ceiling: 1, link: 0, student: 4 });
    expect(run.summary.methodPgr.map((m) => m.method)).toEqual(['naive', 'aux-conf']);

    const panel = page.getByTestId('w2s-sweep');
    await expect(panel).toHaveAttribute('data-cells', '4');
    await expect(panel).toContainText('2 weak × 1 strong × 2 methods');
    await expect(panel.getByTestId('w2s-sweep-figure').locator('canvas').first()).toBeVisible();
    // A sweep has no three-column comparison: no 'no seed finished yet' placeholder, no compare-runs panel.
    await expect(page.getByTestId('w2s-waiting')).toHaveCount(0);
    await expect(page.getByTestId('w2s-compare-panel')).toHaveCount(0);
    const rows = panel.getByTestId('w2s-sweep-row');
    await expect(rows).toHaveCount(2);
    for (const [i, m] of run.summary.methodPgr.entries()) {
      await expect(rows.nth(i)).toContainText(m.method);
      await expect(rows.nth(i).locator('td').nth(1)).toHaveText(m.median === null ? '–' : m.median.toFixed(2));
      await expect(rows.nth(i).locator('td').nth(2)).toHaveText(m.seeds === 1 ? 'one seed' : '–'); // '–' when no cell of the method defines a PGR
      await expect(rows.nth(i).locator('td').nth(3)).toHaveText(`${m.undefinedCells} / ${m.cells}`);
    }
    await panel.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: join(shots, 'w2s-sweep.png') });
    await fullPageShot(page, join(shots, 'w2s-sweep-full.png'));
  });
  test('a CBAM ResNet student and ceiling: the click-through shows each one’s spatial attention over the item', async ({ page }) => {
    test.setTimeout(300_000);
    await page.goto(serve.url);
    // 20 steps of a width-4, 2-stage CBAM ResNet (one attention layer per stage), one seed.
    const run = await api<{ id: string }>(page.request, serve.origin, 'runs.create', {
      config: { kind: 'weak-to-strong', name: 'e2e w2s CBAM attention', params: { ...small, 'strong.architecture': 'resnet', 'strong.attention': 'cbam', 'strong.width': 4, 'strong.stages': 2, 'strong.blocksPerStage': 1, seeds: 1, 'trainer.length': 20, evaluateEvery: 20, bootstrapResamples: 0 } },
    });
    await waitDone(page, serve.origin, run.id, 240_000);
    await page.goto(`${serve.url}#/runs/${run.id}`);
    const galleries = page.getByTestId('w2s-galleries');
    await galleries.getByTestId('w2s-gallery-disagreements').click();
    const grid = galleries.getByTestId('image-grid');
    await expect(grid).not.toHaveAttribute('data-rendered-count', '0');
    await grid.click({ position: { x: 26, y: 26 } }); // the first disagreement: always among the covered gallery items
    const probabilities = page.getByTestId('w2s-probabilities');
    await expect(probabilities).toBeVisible();
    for (const role of ['student', 'ceiling']) {
      await expect(probabilities.getByTestId(`w2s-probabilities-${role}`).getByTestId('w2s-attention').locator('figure')).toHaveCount(2);
    }
    await expect(probabilities.getByTestId('w2s-probabilities-weak').getByTestId('w2s-attention')).toHaveCount(0); // logistic: no attention
    await probabilities.scrollIntoViewIfNeeded();
    await probabilities.screenshot({ path: join(shots, 'w2s-attention-click.png') });
  });
});
