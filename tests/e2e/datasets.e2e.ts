// The dataset browser end to end, as a user does it: real serve process, real browser, real import
// processes. Built-ins listed; Fashion-MNIST's test split imported through the path field with live
// progress, and uploaded from the browser (files and a folder); the grid, class filter, image detail and
// histogram; a hostile file's error; rename and delete.
// Screenshots land in test-results/screenshots/ to be looked at.
import { expect, test } from '@playwright/test';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fullPageShot } from './pageLayout';
import { startServe, type ServeProcess } from './serveProcess';

const root = join(__dirname, '../..');
const shots = join(root, 'test-results/screenshots');
const fashion = '/usr/share/datasets/fashion-mnist';

test.describe('datasets in the browser (serve mode)', () => {
  let workspace: string;
  let sources: string;
  let serve: ServeProcess;

  test.beforeAll(async () => {
    workspace = mkdtempSync(join(tmpdir(), 'ouroboros-e2e-ds-'));
    sources = mkdtempSync(join(tmpdir(), 'ouroboros-e2e-src-'));
    mkdirSync(shots, { recursive: true });
    serve = await startServe(workspace);
  });
  test.afterAll(async () => {
    await serve?.stop();
    rmSync(workspace, { recursive: true, force: true });
    rmSync(sources, { recursive: true, force: true });
  });

  test('built-ins are listed and browsable', async ({ page }) => {
    await page.goto(serve.url);
    await page.getByTestId('nav-datasets').click();
    const builtins = page.locator('[data-testid="dataset-row"][data-builtin="true"]');
    await expect(builtins).toHaveCount(5, { timeout: 30_000 });
    await page.locator('[data-dataset-id="builtin-shapes10"]').click();
    const grid = page.getByTestId('image-grid');
    await expect(grid).toHaveAttribute('data-total', '10000');
    await expect.poll(async () => Number(await grid.getAttribute('data-rendered-count'))).toBeGreaterThan(50);
    await expect(page.getByTestId('dataset-rename')).toBeDisabled();
    await expect(page.getByTestId('dataset-delete')).toBeDisabled();
    // Scroll to the far end of 10 000 images: only the visible rows are drawn, and quickly.
    await page.locator('.image-grid-scroller').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect.poll(async () => Number(await grid.getAttribute('data-rendered-count'))).toBeGreaterThan(10);
    const drawMs = Number(await grid.getAttribute('data-draw-ms'));
    expect(drawMs).toBeLessThan(100);
    await fullPageShot(page, join(shots, 'datasets-shapes10.png'));
  });

  test('imports Fashion-MNIST test files through the path field and browses them', async ({ page }) => {
    test.skip(!existsSync(fashion), `${fashion} is absent (Debian package dataset-fashion-mnist)`);
    const dir = join(sources, 'fashion-t10k');
    mkdirSync(dir);
    for (const file of ['t10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz']) copyFileSync(join(fashion, file), join(dir, file));
    await page.goto(serve.url);
    await page.getByTestId('nav-datasets').click();
    await page.getByTestId('import-path').fill(dir);
    await page.getByTestId('import-name').fill('Fashion test');
    await page.getByTestId('import-start').click();
    const progress = page.getByTestId('import-progress').first();
    await expect(progress).toBeVisible();
    await expect(progress).toHaveAttribute('data-status', 'completed', { timeout: 60_000 });
    await fullPageShot(page, join(shots, 'datasets-import-done.png'));

    const row = page.getByTestId('dataset-row').filter({ hasText: 'Fashion test' });
    await expect(row).toHaveAttribute('data-builtin', 'false');
    await expect(row).toContainText('10,000');
    await row.click();
    await expect(page.getByTestId('dataset-title')).toHaveText('Fashion test');
    const grid = page.getByTestId('image-grid');
    await expect(grid).toHaveAttribute('data-total', '10000');
    await expect.poll(async () => Number(await grid.getAttribute('data-rendered-count'))).toBeGreaterThan(50);
    await expect(page.getByTestId('class-histogram').locator('canvas').first()).toBeVisible();
    await expect(page.getByTestId('dataset-stats')).toContainText('mean');

    await page.getByTestId('class-filter').selectOption({ label: '9 · Ankle boot' });
    await expect(grid).toHaveAttribute('data-total', '1000');
    await expect(page.getByTestId('grid-count')).toContainText('1,000 of 10,000');
    await expect.poll(async () => Number(await grid.getAttribute('data-rendered-count'))).toBeGreaterThan(20);
    await grid.click({ position: { x: 28 + 56 * 2, y: 28 } }); // third image of the first row
    const detail = page.getByTestId('image-detail');
    await expect(detail).toBeVisible();
    await expect(page.getByTestId('image-detail-label')).toContainText('Ankle boot');
    await expect(page.getByTestId('image-detail-stats')).toContainText(/min \d+ · max \d+ · mean [\d.]+/);
    await fullPageShot(page, join(shots, 'datasets-fashion-browser.png'));

    // A second import of the same content says it is already there.
    await page.getByTestId('import-path').fill(dir);
    await page.getByTestId('import-start').click();
    await expect(page.locator('[data-testid="import-job"][data-status="duplicate"]')).toContainText('already imported as "Fashion test"', { timeout: 60_000 });

    // Rename, then delete with confirmation.
    await page.getByTestId('dataset-rename').click();
    await page.getByTestId('dataset-rename-input').fill('Fashion t10k');
    await page.getByTestId('dataset-rename-save').click();
    await expect(page.getByTestId('dataset-title')).toHaveText('Fashion t10k');
    await page.getByTestId('dataset-delete').click();
    await page.getByTestId('dataset-delete-confirm').click();
    await expect(page.getByTestId('dataset-row').filter({ hasText: 'Fashion t10k' })).toHaveCount(0);
  });

  test('uploads Fashion-MNIST test files from the browser (files, then a folder) and imports them', async ({ page }) => {
    test.skip(!existsSync(fashion), `${fashion} is absent (Debian package dataset-fashion-mnist)`);
    const dir = join(sources, 'fashion-upload');
    mkdirSync(dir);
    const files = ['t10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz'].map((file) => {
      copyFileSync(join(fashion, file), join(dir, file));
      return join(dir, file);
    });
    await page.goto(serve.url);
    await page.getByTestId('nav-datasets').click();
    await expect(page.getByTestId('import-drop')).toHaveCount(0); // the Electron drop zone is not offered here
    await page.getByTestId('import-name').fill('Fashion upload');
    await page.getByTestId('upload-files').setInputFiles(files);
    const job = page.locator('[data-testid="import-job"]').filter({ hasText: 'Fashion upload' });
    await expect(job).toHaveAttribute('data-status', 'completed', { timeout: 60_000 });
    const row = page.getByTestId('dataset-row').filter({ hasText: 'Fashion upload' });
    await expect(row).toContainText('10,000');
    await row.click();
    await expect(page.getByTestId('image-grid')).toHaveAttribute('data-total', '10000');
    await fullPageShot(page, join(shots, 'datasets-upload-done.png'));
    // The upload folder is gone once the import settled.
    await expect.poll(() => readdirSync(join(workspace, 'uploads')).length).toBe(0);

    // The same files again through the folder picker: uploaded under their folder, found already imported.
    await page.getByTestId('upload-folder').setInputFiles(dir);
    const again = page.locator('[data-testid="import-job"][data-status="duplicate"]').filter({ hasText: 'fashion-upload' });
    await expect(again).toContainText('already imported as "Fashion upload"', { timeout: 60_000 });
    await expect.poll(() => readdirSync(join(workspace, 'uploads')).length).toBe(0);
  });

  test('a hostile file shows the importer error naming the file; cancel stops a running import', async ({ page }) => {
    const bad = join(sources, 'truncated-images-idx3-ubyte');
    const header = Buffer.alloc(16);
    header.writeUInt32BE(0x803, 0);
    header.writeUInt32BE(1000, 4);
    header.writeUInt32BE(28, 8);
    header.writeUInt32BE(28, 12);
    writeFileSync(bad, Buffer.concat([header, Buffer.alloc(784 * 10)]));
    await page.goto(serve.url);
    await page.getByTestId('nav-datasets').click();
    await page.getByTestId('import-path').fill(bad);
    await page.getByTestId('import-start').click();
    const failed = page.locator('[data-testid="import-job"][data-status="failed"]');
    await expect(failed).toBeVisible({ timeout: 60_000 });
    await expect(failed.getByTestId('import-message')).toContainText('truncated-images-idx3-ubyte');
    await fullPageShot(page, join(shots, 'datasets-import-error.png'));

    // A large raw IDX pair imports slowly enough to cancel from the progress bar.
    const big = join(sources, 'big');
    mkdirSync(big);
    const n = 150_000;
    const images = Buffer.alloc(16 + n * 784, 5);
    images.writeUInt32BE(0x803, 0);
    images.writeUInt32BE(n, 4);
    images.writeUInt32BE(28, 8);
    images.writeUInt32BE(28, 12);
    writeFileSync(join(big, 'big-images-idx3-ubyte'), images);
    const labels = Buffer.alloc(8 + n, 0);
    labels.writeUInt32BE(0x801, 0);
    labels.writeUInt32BE(n, 4);
    writeFileSync(join(big, 'big-labels-idx1-ubyte'), labels);
    await page.getByTestId('import-path').fill(big);
    await page.getByTestId('import-start').click();
    const running = page.locator('[data-testid="import-job"][data-status="running"]');
    await running.getByTestId('import-cancel').click({ timeout: 30_000 });
    await expect(page.locator('[data-testid="import-job"][data-status="cancelled"]')).toBeVisible();
    await expect(page.getByTestId('dataset-row').filter({ hasText: 'big' })).toHaveCount(0);
  });
});
