// A sweep end to end, as a user builds it: real serve process, real browser, real job processes. Two fields
// of the New experiment form become axes (2 × 2: one by the axis picker, one by the field's own toggle), the sweep runs locally, and its page shows the points,
// the aggregate line chart and the heatmap; a run of the sweep names its sweep in the run list.
import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fullPageShot } from './pageLayout';
import { startServe, type ServeProcess } from './serveProcess';

const shots = join(__dirname, '../../test-results/screenshots');

test.describe('sweeps in the browser (serve mode)', () => {
  let workspace: string;
  let serve: ServeProcess;

  test.beforeAll(async () => {
    workspace = mkdtempSync(join(tmpdir(), 'ouroboros-e2e-sweep-'));
    serve = await startServe(workspace);
  });
  test.afterAll(async () => {
    await serve?.stop();
    rmSync(workspace, { recursive: true, force: true });
  });

  test('build a 2 × 2 sweep in the form, run it locally, see the aggregate chart', async ({ page }) => {
    await page.goto(serve.url);
    await page.getByTestId('nav-new').click();
    await page.getByTestId('kind-select').selectOption('gaussian-loop');
    await page.getByTestId('run-name').fill('e2e sweep');
    await page.getByTestId('field-dimension').fill('4');
    await page.getByTestId('field-generations').fill('10');
    await page.getByTestId('field-seeds').fill('6');

    // A bad axis value is named before anything runs.
    await page.getByTestId('axis-field').selectOption('lambda');
    await page.getByTestId('axis-add').click();
    await page.getByTestId('axis-values-lambda').fill('1, 1.5');
    await expect(page.getByTestId('axis-lambda')).toContainText('“1.5”: Must be from 0 to 1');
    await expect(page.getByTestId('start-run')).toBeDisabled();
    await page.getByTestId('axis-values-lambda').fill('1, 0.7');

    // The field's own toggle: the axis starts from the field's current value.
    await page.getByTestId('axis-toggle-loop').click();
    await expect(page.getByTestId('axis-toggle-loop')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('axis-values-loop')).toHaveValue('fully-synthetic');
    await page.getByTestId('axis-values-loop').fill('fully-synthetic, fresh-data');
    await expect(page.getByTestId('axis-toggle-lambda')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('start-run')).toHaveText('Start sweep');
    await page.getByTestId('show-json').click();
    const json = JSON.parse((await page.getByTestId('config-json').textContent()) ?? '{}');
    expect(json).toMatchObject({ kind: 'sweep', name: 'e2e sweep', axes: { lambda: [1, 0.7], loop: ['fully-synthetic', 'fresh-data'] }, base: { kind: 'gaussian-loop' } });
    expect(json.base.params).not.toHaveProperty('lambda');
    await page.getByTestId('start-run').click();

    await expect(page.getByTestId('sweep-name')).toHaveText('e2e sweep');
    const points = page.getByTestId('sweep-point');
    await expect(points).toHaveCount(4);
    await expect(page.locator('[data-testid="sweep-point"][data-status="completed"]')).toHaveCount(4, { timeout: 90_000 });
    await expect(points.nth(3)).toContainText('lambda=0.7, loop=fresh-data');
    await expect(page.getByTestId('sweep-status')).toHaveText('completed');

    const chart = page.getByTestId('sweep-line-chart');
    await expect(chart.locator('canvas').first()).toBeVisible();
    await expect(page.getByTestId('sweep-metric')).toHaveValue(/\.mean$/);
    await expect(page.getByTestId('sweep-heatmap').locator('canvas').first()).toBeVisible();
    await page.getByTestId('sweep-metric').selectOption('frechet.mean');
    await page.getByTestId('sweep-x-axis').selectOption('lambda');
    await page.getByTestId('sweep-line-axis').selectOption('loop');
    await fullPageShot(page, join(shots, 'sweep-page.png'));

    // A chosen generation's values instead of the last.
    const before = await points.nth(0).locator('td').nth(4).textContent();
    await page.getByTestId('sweep-step').fill('2');
    await page.getByTestId('sweep-step').dispatchEvent('change');
    await expect(points.nth(0).locator('td').nth(4)).not.toHaveText(before ?? '');

    // Each point is an ordinary run that names its sweep in the run list.
    await page.getByTestId('nav-runs').click();
    const row = page.getByTestId('run-row').filter({ hasText: 'e2e sweep [lambda=0.7, loop=fresh-data]' });
    await expect(row.getByTestId('run-sweep')).toHaveText('sweep e2e sweep #3');
    await row.getByTestId('run-sweep').click();
    await expect(page.getByTestId('sweep-detail')).toBeVisible();
    await expect(page.getByTestId('sweep-delete')).toBeEnabled();
  });
});
