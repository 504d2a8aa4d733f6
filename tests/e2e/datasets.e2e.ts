// The dataset browser end to end, as a user does it: real serve process, real browser, real import
// processes. Built-ins listed; Fashion-MNIST's test split imported through the path field with live
// progress, uploaded from the browser (files and a folder), and dropped on the page (a folder tree of PNGs in
// class subfolders and a ZIP, dragged through Chromium's own drag and drop); the grid, class filter, image
// detail and histogram; a hostile file's error; rename and delete.
// Screenshots land in test-results/screenshots/ to be looked at.
import { expect, test } from '@playwright/test';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { buildZip } from '../main/core/datasets/helpers/zipWriter';
import { startFileDrag } from './dragFiles';
import { fullPageShot } from './pageLayout';
import { startServe, type ServeProcess } from './serveProcess';

const root = join(__dirname, '../..');
const shots = join(root, 'test-results/screenshots');
const fashion = '/usr/share/datasets/fashion-mnist';

/** A gray 8×8 PNG, different for every `seed`. */
function png(seed: number): Promise<Buffer> {
  const pixels = Buffer.alloc(64);
  for (let i = 0; i < 64; i++) pixels[i] = (seed * 37 + i * (seed % 7 + 1)) % 256;
  return sharp(pixels, { raw: { width: 8, height: 8, channels: 1 } }).toColourspace('b-w').png().toBuffer();
}

/** `<class>/<nnn>.png` paths and their bytes. */
async function classPngs(classes: Record<string, number>): Promise<Array<{ path: string; data: Buffer }>> {
  const out: Array<{ path: string; data: Buffer }> = [];
  let seed = 0;
  for (const [name, count] of Object.entries(classes)) for (let i = 0; i < count; i++) out.push({ path: `${name}/${String(i).padStart(3, '0')}.png`, data: await png(++seed) });
  return out;
}

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

  test('a folder tree and a ZIP dropped anywhere on the page are uploaded and imported with the panel options', async ({ page }) => {
    // 130 circles: more than one readEntries batch (Chromium hands a folder's entries over 100 at a time).
    const tree = join(sources, 'dropped-shapes');
    for (const { path, data } of await classPngs({ circle: 130, square: 20 })) {
      mkdirSync(join(tree, path, '..'), { recursive: true });
      writeFileSync(join(tree, path), data);
    }
    const empty = join(sources, 'empty-folder');
    mkdirSync(empty);
    const zip = join(sources, 'flowers.zip');
    writeFileSync(zip, buildZip((await classPngs({ rose: 7, tulip: 5 })).map(({ path, data }) => ({ name: `flowers/${path}`, data }))));

    await page.goto(serve.url);
    await page.getByTestId('nav-datasets').click();
    const view = page.getByTestId('datasets-view');
    await expect(page.getByTestId('dataset-row').first()).toBeVisible({ timeout: 30_000 });

    // Dragged text is not a drop target; dragged files light the page up until the drag moves off it.
    const text = await startFileDrag(page, { text: 'not a file' });
    await text.hover(900, 500);
    await expect(view).toHaveAttribute('data-drop-active', 'false');
    await text.cancel();
    const away = await startFileDrag(page, { paths: [tree] });
    await away.hover(900, 500);
    await away.hover(700, 300); // across the panel's children: still lit
    await expect(view).toHaveAttribute('data-drop-active', 'true');
    await away.hover(60, 400); // onto the sidebar
    await expect(view).toHaveAttribute('data-drop-active', 'false');
    await away.cancel();
    await expect(page.getByTestId('drop-hint')).toHaveCount(0);

    // The folder, with the panel's options: a name and a size every image is resized to.
    await page.getByTestId('import-name').fill('Dropped shapes');
    await page.getByTestId('import-size').fill('16x16');
    const drag = await startFileDrag(page, { paths: [tree] });
    await drag.hover(900, 600);
    await expect(view).toHaveAttribute('data-drop-active', 'true');
    await expect(page.getByTestId('drop-hint')).toBeVisible();
    await page.screenshot({ path: join(shots, 'datasets-drop-highlight.png') });
    // 40 ms per request so the per-file progress can be seen (and photographed) on a loopback connection.
    const network = await page.context().newCDPSession(page);
    await network.send('Network.enable');
    await network.send('Network.emulateNetworkConditions', { offline: false, latency: 40, downloadThroughput: -1, uploadThroughput: -1 });
    await drag.drop();
    await expect(view).toHaveAttribute('data-drop-active', 'false');
    const progress = page.getByTestId('upload-progress');
    await expect.poll(async () => Number(await progress.getAttribute('data-files-done')), { timeout: 30_000 }).toBeGreaterThan(3);
    await expect(progress).toHaveAttribute('data-files-total', '150');
    await expect(page.getByTestId('upload-current')).toHaveText(/^dropped-shapes\/(circle|square)\/\d{3}\.png$/);
    await page.screenshot({ path: join(shots, 'datasets-drop-progress.png') });
    await network.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
    await network.detach();
    const job = page.locator('[data-testid="import-job"]').filter({ hasText: 'Dropped shapes' });
    await expect(job).toHaveAttribute('data-status', 'completed', { timeout: 60_000 });
    const row = page.getByTestId('dataset-row').filter({ hasText: 'Dropped shapes' });
    await expect(row.locator('td').nth(2)).toHaveText('150'); // every batch of the 130-file folder was read
    await expect(row.locator('td').nth(4)).toHaveText('16×16×1');
    await expect(row.locator('td').nth(5)).toHaveAttribute('title', 'circle, square'); // subfolders became the labels
    await expect(progress).toHaveCount(0);
    await expect.poll(() => readdirSync(join(workspace, 'uploads')).length).toBe(0);

    // A ZIP of class folders, with the options as they are now: the size stays 16x16, the name was reset.
    const zipDrag = await startFileDrag(page, { paths: [zip] });
    await zipDrag.hover(700, 400);
    await zipDrag.drop();
    const zipJob = page.locator('[data-testid="import-job"]').filter({ hasText: 'flowers.zip' });
    await expect(zipJob).toHaveAttribute('data-status', 'completed', { timeout: 60_000 });
    const zipRow = page.getByTestId('dataset-row').filter({ hasText: 'flowers.zip' });
    await expect(zipRow.locator('td').nth(2)).toHaveText('12');
    await expect(zipRow.locator('td').nth(4)).toHaveText('16×16×1');
    await expect(zipRow.locator('td').nth(5)).toHaveAttribute('title', 'rose, tulip');
    await fullPageShot(page, join(shots, 'datasets-drop-done.png'));
    await expect.poll(() => readdirSync(join(workspace, 'uploads')).length).toBe(0);

    // An empty folder: nothing to upload, said so, nothing imported.
    const jobsBefore = await page.getByTestId('import-job').count();
    const emptyDrag = await startFileDrag(page, { paths: [empty] });
    await emptyDrag.hover(700, 400);
    await emptyDrag.drop();
    await expect(page.locator('.import-panel .error-box')).toContainText('the drop held no files');
    await expect(page.getByTestId('import-job')).toHaveCount(jobsBefore);
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
