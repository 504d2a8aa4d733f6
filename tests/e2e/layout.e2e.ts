// The app shell on every view at a tall and a short window: the sidebar stays at the top and spans the
// page while long pages (a Gaussian run, a phase map, an open dataset, the form) scroll under it, by wheel
// and by keyboard.
// Screenshots land in test-results/screenshots/layout-<view>-<width>x<height>.png to be looked at.
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectSidebarPinned, fullPageShot } from './pageLayout';
import { startServe, type ServeProcess } from './serveProcess';

const shots = join(__dirname, '../../test-results/screenshots');

async function api<T>(page: Page, origin: string, method: string, input: unknown): Promise<T> {
  const response = await page.request.post(`${origin}/api/${method}`, { data: input });
  const body = (await response.json()) as { value?: T; error?: unknown };
  if (!response.ok()) throw new Error(`${method} failed: ${JSON.stringify(body)}`);
  return body.value as T;
}

test.describe('app shell layout (serve mode)', () => {
  let workspace: string;
  let serve: ServeProcess;

  test.beforeAll(async () => {
    workspace = mkdtempSync(join(tmpdir(), 'ouroboros-e2e-layout-'));
    mkdirSync(shots, { recursive: true });
    serve = await startServe(workspace);
  });
  test.afterAll(async () => {
    await serve?.stop();
    rmSync(workspace, { recursive: true, force: true });
  });

  test('the sidebar stays at the top of every view, tall and short windows', async ({ page }) => {
    test.setTimeout(240_000);
    await page.goto(serve.url);
    const gauss = await api<{ id: string }>(page, serve.origin, 'runs.create', {
      config: { kind: 'gaussian-loop', name: 'layout gaussian', params: { dimension: 4, generations: 12, seeds: 8 } },
    });
    const phase = await api<{ id: string }>(page, serve.origin, 'runs.create', {
      config: { kind: 'gaussian-phase-map', name: 'layout phase map', params: { dimension: 2, realSamplesGrid: [10, 40], syntheticSamplesGrid: [0, 40], generations: 10, limitWindow: 4, seeds: 6 } },
    });
    for (const id of [gauss.id, phase.id]) {
      await expect.poll(async () => (await api<{ status: string }>(page, serve.origin, 'runs.get', { runId: id })).status, { timeout: 60_000 }).toBe('completed');
    }
    // [name, hash, a page longer than the short window, what shows it has rendered]
    const views: Array<[string, string, boolean, string]> = [
      ['runs', '#/runs', false, 'nav-runs'],
      ['new', '#/new', true, 'kind-select'],
      ['datasets', '#/datasets', false, 'dataset-row'],
      ['dataset-open', '#/datasets/builtin-shapes10', true, 'image-grid'],
      ['system', '#/system', false, 'nav-system'],
      ['run-gaussian', `#/runs/${gauss.id}`, true, 'run-header'],
      ['run-phase-map', `#/runs/${phase.id}`, true, 'phase-map-chart'],
    ];
    for (const size of [{ width: 1440, height: 2400 }, { width: 1280, height: 600 }]) {
      await page.setViewportSize(size);
      for (const [name, hash, long, ready] of views) {
        await page.goto(`${serve.origin}/${hash}`);
        await expect(page.getByTestId(ready).first()).toBeVisible();
        await page.waitForTimeout(500); // charts and grids draw after their data arrives
        const tall = size.height > 1000;
        if (long && !tall) {
          // The main area holds the focus, so the keyboard scrolls it without a click first.
          await page.keyboard.press('PageDown');
          await expect.poll(() => page.locator('main.main').evaluate((main) => main.scrollTop), { message: `${name}: PageDown scrolls` }).toBeGreaterThan(100);
          await page.locator('main.main').evaluate((main) => (main.scrollTop = 0));
        }
        await fullPageShot(page, join(shots, `layout-${name}-${size.width}x${size.height}.png`));
        await expectSidebarPinned(page, { mustScroll: long && !tall });
        if (!tall) await page.screenshot({ path: join(shots, `layout-${name}-${size.width}x${size.height}-scrolled.png`) });
      }
    }
  });
});
