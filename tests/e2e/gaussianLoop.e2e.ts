// The Gaussian self-consuming loop end to end, as a user does it: real serve process, real browser,
// real SQLite file and job processes. Screenshots land in test-results/screenshots/ to be looked at.
import { expect, test, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fullPageShot } from './pageLayout';
import { startServe, type ServeProcess } from './serveProcess';

const root = join(__dirname, '../..');
const shots = join(root, 'test-results/screenshots');

async function fillField(page: Page, key: string, value: string): Promise<void> {
  const field = page.getByTestId(`field-${key}`);
  const tag = await field.evaluate((el) => el.tagName.toLowerCase());
  if (tag === 'select') await field.selectOption(value);
  else await field.fill(value);
}

async function createRun(page: Page, name: string, params: Record<string, string>, kind = 'gaussian-loop'): Promise<void> {
  await page.getByTestId('nav-new').click();
  await page.getByTestId('kind-select').selectOption(kind);
  await page.getByTestId('run-name').fill(name);
  for (const [key, value] of Object.entries(params)) await fillField(page, key, value);
  await page.getByTestId('start-run').click();
}

function runRow(page: Page, name: string) {
  return page.getByTestId('run-row').filter({ hasText: name });
}

test.describe('Gaussian loop in the browser (serve mode)', () => {
  let workspace: string;
  let serve: ServeProcess;

  test.beforeAll(async () => {
    workspace = mkdtempSync(join(tmpdir(), 'ouroboros-e2e-'));
    serve = await startServe(workspace);
  });
  test.afterAll(async () => {
    await serve?.stop();
    rmSync(workspace, { recursive: true, force: true });
  });

  test('a page opened without the token is refused', async ({ page }) => {
    const response = await page.goto(serve.origin + '/');
    expect(response?.status()).toBe(401);
  });

  test('create, run, see the charts and scrub the generations; config as JSON', async ({ page }) => {
    await page.goto(serve.url);
    await createRun(page, 'e2e fully synthetic', { dimension: '4', generations: '12', seeds: '8', lambda: '0.9' });
    const row = runRow(page, 'e2e fully synthetic');
    await expect(row).toHaveAttribute('data-status', 'completed', { timeout: 60_000 });
    await row.click();
    for (const metric of ['frechet', 'meanError', 'traceRatio', 'logDetDiff']) {
      await expect(page.getByTestId(`metric-chart-${metric}`)).toBeVisible();
    }
    await expect(page.getByTestId('metric-chart-frechet').locator('canvas, svg').first()).toBeVisible();
    const slider = page.getByTestId('generation-slider');
    await expect(slider).toBeVisible();
    await slider.fill('3');
    await expect(page.getByTestId('generation-label')).toContainText('3');
    await slider.fill('12');
    await expect(page.getByTestId('generation-label')).toContainText('12');
    await expect(page.getByTestId('scatter-chart')).toBeVisible();
    await fullPageShot(page, join(shots, 'gaussian-run-detail.png'));
    await page.getByText('Config as JSON').click();
    const text = (await page.getByTestId('run-config-json').textContent()) ?? '';
    const config = JSON.parse(text);
    expect(config).toMatchObject({ kind: 'gaussian-loop', name: 'e2e fully synthetic', params: { dimension: 4, generations: 12, seeds: 8, lambda: 0.9 } });

    // "Copy config → run it with the CLI" gives exactly the UI run's numbers (runs are seeded).
    const runId = await row.getAttribute('data-run-id');
    const ui = await page.request.post(`${serve.origin}/api/runs.metrics`, { data: { runId, keys: ['frechet.mean'] } });
    const uiFrechet = ((await ui.json()) as { value: Array<{ values: number[] }> }).value[0].values;
    const configFile = join(workspace, 'from-ui.json');
    writeFileSync(configFile, text);
    const cli = spawnSync(process.execPath, [join(root, 'bin/ouroboros.js'), 'run', configFile, '--json', '--workspace', join(workspace, 'cli')], { encoding: 'utf8' });
    expect(cli.status, cli.stderr).toBe(0);
    const result = JSON.parse(cli.stdout) as { run: { status: string }; metrics: Array<{ key: string; values: number[] }> };
    expect(result.run.status).toBe('completed');
    expect(result.metrics.find((m) => m.key === 'frechet.mean')!.values).toEqual(uiFrechet);
  });

  test('an invalid field is reported and no run is created', async ({ page }) => {
    await page.goto(serve.url);
    await page.getByTestId('nav-runs').click();
    const before = await page.getByTestId('run-row').count();
    await page.getByTestId('nav-new').click();
    await page.getByTestId('kind-select').selectOption('gaussian-loop');
    await page.getByTestId('run-name').fill('e2e invalid');
    await fillField(page, 'lambda', '1.7');
    await expect(page.getByTestId('field-error-lambda')).toBeVisible();
    await expect(page.getByTestId('start-run')).toBeDisabled();
    await fullPageShot(page, join(shots, 'gaussian-form-invalid.png'));
    await page.getByTestId('nav-runs').click();
    await expect(page.getByTestId('run-row')).toHaveCount(before);
  });

  test('cancel a long run, then find every run again after a reload', async ({ page }) => {
    await page.goto(serve.url);
    await createRun(page, 'e2e long run', { dimension: '120', generations: '5000', seeds: '50' });
    const row = runRow(page, 'e2e long run');
    await expect(row).toHaveAttribute('data-status', 'running', { timeout: 30_000 });
    await expect(row.getByTestId('run-progress')).toBeVisible();
    await expect(row.getByTestId('run-eta')).toContainText(/ETA/, { timeout: 30_000 });
    await fullPageShot(page, join(shots, 'gaussian-running.png'));
    await row.getByTestId('run-cancel').click();
    await expect(row).toHaveAttribute('data-status', 'cancelled', { timeout: 30_000 });
    await page.reload();
    await page.getByTestId('nav-runs').click();
    await expect(runRow(page, 'e2e long run')).toHaveAttribute('data-status', 'cancelled');
    await expect(runRow(page, 'e2e fully synthetic')).toHaveAttribute('data-status', 'completed');
  });

  test('a serve process killed mid-run leaves the run interrupted; resume finishes it', async ({ page }) => {
    await page.goto(serve.url);
    await createRun(page, 'e2e resumable', { dimension: '60', generations: '400', seeds: '40' });
    const row = runRow(page, 'e2e resumable');
    await expect(row).toHaveAttribute('data-status', 'running', { timeout: 30_000 });
    await expect(row.getByTestId('run-eta')).toContainText(/ETA/, { timeout: 30_000 });
    await serve.stop('SIGKILL');
    serve = await startServe(workspace);
    await page.goto(serve.url);
    await page.getByTestId('nav-runs').click();
    const again = runRow(page, 'e2e resumable');
    await expect(again).toHaveAttribute('data-status', 'interrupted');
    await expect(runRow(page, 'e2e fully synthetic')).toHaveAttribute('data-status', 'completed');
    await again.getByTestId('run-resume').click();
    await expect(again).toHaveAttribute('data-status', 'completed', { timeout: 120_000 });
  });

  test('the phase map draws a heatmap', async ({ page }) => {
    await page.goto(serve.url);
    await createRun(page, 'e2e phase map', { dimension: '2', realSamplesGrid: '10, 40', syntheticSamplesGrid: '0, 40', generations: '10', limitWindow: '4', seeds: '6' }, 'gaussian-phase-map');
    const row = runRow(page, 'e2e phase map');
    await expect(row).toHaveAttribute('data-status', 'completed', { timeout: 90_000 });
    await row.click();
    await expect(page.getByTestId('phase-map-chart')).toBeVisible();
    await fullPageShot(page, join(shots, 'gaussian-phase-map.png'));
  });
});
