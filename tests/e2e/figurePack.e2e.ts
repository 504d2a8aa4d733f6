// Figure packs in the app, end to end (serve mode, Chromium): *Add to figure pack* on panels of three run pages,
// the Figure pack page (order, options, venue preset with the preview redrawn at its new true size), *Save pack
// spec* (parsed by the schema the CLI uses), *Export* downloaded and unzipped (every file's sha256 = the
// manifest's), and the pack reopened after a reload. Screenshots land in test-results/screenshots/.
import { expect, test, type Page } from '@playwright/test';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { packSpecSchema } from '../../src/shared/figures/packSpec';
import { fullPageShot } from './pageLayout';
import { startServe, type ServeProcess } from './serveProcess';

const root = join(__dirname, '../..');
const shots = join(root, 'test-results/screenshots');
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

interface Runs { loopA: string; loopB: string; phase: string; neural: string; classifier: string }

async function addFrom(page: Page, panel: string): Promise<void> {
  const scope = page.getByTestId(panel);
  const button = scope.getByTestId('add-to-pack').first();
  await expect(button).toBeEnabled();
  await button.click();
  await expect(scope.getByTestId('add-to-pack-done').first()).toBeVisible();
}

test.describe('figure packs in the browser (serve mode)', () => {
  let workspace: string;
  let serve: ServeProcess;
  let runs: Runs;

  test.beforeAll(async () => {
    workspace = mkdtempSync(join(tmpdir(), 'ouroboros-e2e-pack-'));
    const made = spawnSync(join(root, 'node_modules/.bin/tsx'), ['--tsconfig', 'tsconfig.node.json', 'tests/e2e/figurePackWorkspace.ts', workspace], { cwd: root, encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`fixture workspace failed: ${made.stderr}`);
    runs = JSON.parse(made.stdout) as Runs;
    serve = await startServe(workspace);
  });
  test.afterAll(async () => {
    await serve?.stop();
    rmSync(workspace, { recursive: true, force: true });
  });

  test('add panels, set options and the venue, preview at true size, save the spec, export and check the ZIP', async ({ page }) => {
    await page.goto(serve.url);
    await expect(page.getByTestId('nav-pack')).toBeVisible();
    await expect(page.getByTestId('nav-pack-count')).toHaveCount(0);

    // A Gaussian loop with the other one ticked: the Fréchet curve with both runs overlaid, and the scatter.
    await page.goto(`${serve.url}#/runs/${runs.loopA}`);
    await page.getByTestId('run-row').filter({ hasText: 'fresh data' }).getByTestId('run-select').check();
    await expect(page.getByTestId('overlay-info')).toContainText('2 runs');
    await addFrom(page, 'metric-chart-frechet');
    await expect(page.getByTestId('nav-pack-count')).toHaveText('1');
    await page.getByTestId('metric-chart-frechet').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, 'figure-pack-add-action.png') });
    await page.locator('.scatter-panel').getByTestId('add-to-pack').click();
    await expect(page.getByTestId('nav-pack-count')).toHaveText('2');

    // The phase map and a neural loop's class × generation heatmap.
    await page.goto(`${serve.url}#/runs/${runs.phase}`);
    await page.getByTestId('phase-map-chart').waitFor();
    await page.locator('.results').getByTestId('add-to-pack').click();
    await expect(page.getByTestId('nav-pack-count')).toHaveText('3');
    await page.goto(`${serve.url}#/runs/${runs.neural}`);
    await addFrom(page, 'class-heatmap-panel');
    await expect(page.getByTestId('nav-pack-count')).toHaveText('4');

    // The Figure pack page: four figures in the order added, the first previewed at ICML column width.
    await page.getByTestId('nav-pack').click();
    const items = page.getByTestId('pack-figure');
    await expect(items).toHaveCount(4);
    expect(await items.evaluateAll((els) => els.map((el) => el.getAttribute('data-kind')))).toEqual(['metrics', 'scatter', 'phase-map', 'class-heatmap']);
    const preview = page.getByTestId('figure-preview');
    await expect(preview).toHaveAttribute('data-width-pt', '234'); // 3.25 in
    await expect(page.getByTestId('preview-size')).toContainText('3.25 ×');
    const icmlBox = await page.getByTestId('preview-image').boundingBox();
    expect(icmlBox!.width).toBeCloseTo(3.25 * 96, 0); // CSS inches: 96 px

    // Venue preset → the preview is redrawn at the new width (NeurIPS: 5.5 in single column).
    await page.getByTestId('pack-venue').selectOption('neurips');
    await expect(preview).toHaveAttribute('data-width-pt', '396');
    await expect(preview).toHaveAttribute('data-loading', 'false');
    const neuripsBox = await page.getByTestId('preview-image').boundingBox();
    expect(neuripsBox!.width).toBeCloseTo(5.5 * 96, 0);
    await expect(page.getByTestId('pack-font')).toHaveValue('times');
    await page.getByTestId('pack-font').selectOption('computer-modern');

    // Per-figure options: caption, log axis, legend; a bad id is refused with the field named.
    await page.getByTestId('figure-caption').fill('Fréchet distance to the reference, two loops.');
    await page.getByTestId('figure-caption').blur();
    await page.getByTestId('figure-log').check();
    await page.getByTestId('figure-legend').selectOption('bottom');
    await expect(items.first()).toContainText('Fréchet distance to the reference');
    await page.getByTestId('figure-id').fill('Bad Id');
    await page.getByTestId('figure-id').blur();
    await expect(page.getByTestId('pack-error')).toContainText('figures.0.id');
    // Reorder: the scatter moves to the top; then remove the class heatmap.
    await items.nth(1).getByTestId('figure-up').click();
    await expect(items.first()).toHaveAttribute('data-kind', 'scatter');
    await items.nth(3).getByTestId('figure-remove').click();
    await expect(items).toHaveCount(3);
    await items.nth(1).getByRole('button').first().click();
    await expect(preview).toHaveAttribute('data-figure-id', 'frechet');
    await expect(preview).toHaveAttribute('data-loading', 'false');

    await page.screenshot({ path: join(shots, 'figure-pack-page.png') });
    await fullPageShot(page, join(shots, 'figure-pack-page-full.png'));

    // Save pack spec: the JSON the CLI takes, with what was set here.
    const [specDownload] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-pack-spec').click()]);
    const spec = packSpecSchema.parse(JSON.parse(readFileSync(await specDownload.path(), 'utf8')));
    expect(spec).toMatchObject({ venue: 'neurips', font: 'computer-modern' });
    expect(spec.figures.map((f) => f.id)).toEqual(['scatter', 'frechet', 'phase-map']);
    expect(spec.figures[1]).toMatchObject({ kind: 'metrics', runs: [runs.loopA, runs.loopB], logAxis: true, legend: 'bottom', caption: 'Fréchet distance to the reference, two loops.' });

    // Export: progress to completed, the ZIP downloaded; unzipped, every file's sha256 is the manifest's.
    const [zipDownload] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('export-pack').click()]);
    await expect(page.getByTestId('export-job').first()).toHaveAttribute('data-status', 'completed');
    expect(zipDownload.suggestedFilename()).toBe('figure-pack.zip');
    const entries = unzipSync(new Uint8Array(readFileSync(await zipDownload.path())));
    const names = Object.keys(entries).filter((n) => !n.endsWith('/'));
    const rootDir = names[0].split('/')[0];
    const manifest = JSON.parse(new TextDecoder().decode(entries[`${rootDir}/manifest.json`])) as { files: Record<string, string>; figures: Array<{ id: string }>; pack: { venue: { id: string } } };
    expect(Object.keys(manifest.files).sort()).toEqual(names.map((n) => n.slice(rootDir.length + 1)).filter((n) => n !== 'manifest.json').sort());
    for (const [path, hash] of Object.entries(manifest.files)) expect(sha256(entries[`${rootDir}/${path}`]), path).toBe(hash);
    expect(manifest.figures.map((f) => f.id)).toEqual(['scatter', 'frechet', 'phase-map']);
    expect(manifest.pack.venue.id).toBe('neurips');
    for (const id of ['scatter', 'frechet', 'phase-map']) for (const ext of ['pdf', 'svg', 'png', 'csv']) expect(names).toContain(`${rootDir}/figures/${id}/${id}.${ext}`);

    // Stored in the workspace: after a reload the pack is reopened and can be exported again.
    await page.reload();
    await expect(page.getByTestId('pack-figure')).toHaveCount(3);
    await expect(page.getByTestId('pack-select')).toContainText('Figure pack (3 figures, neurips)');
    const [again] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('export-pack').click()]);
    expect(sha256(new Uint8Array(readFileSync(await again.path())))).toBe(sha256(new Uint8Array(readFileSync(await zipDownload.path()))));
  });
});
