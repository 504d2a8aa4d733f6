// Thumbnail grid first paint in Chromium: the real `ouroboros serve` on a fresh workspace, the built-in
// Shapes-10 dataset (10 000 train images) opened by URL in Debian's Chromium. Measures navigation → the
// grid's first drawn frame (the `image-grid:first-draw` mark ImageGrid sets), against the same page's
// navigation → first paint of the plain Runs view as the baseline; then scroll-to-end → the redraw with
// every visible tile drawn; and the peak JS heap (CDP Performance.getMetrics) while doing so.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import type { Bench } from './benchTypes';

const root = resolve(__dirname, '..');
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const rounds = 5;

function startServe(workspace: string): Promise<{ child: ChildProcess; url: URL }> {
  const child = spawn(process.execPath, [join(root, 'out/main/cli.js'), 'serve', '--port', '0', '--workspace', workspace], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolvePromise, reject) => {
    let out = '';
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      const match = out.match(/http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+/);
      if (match) resolvePromise({ child, url: new URL(match[0]) });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`serve exited with ${code} before printing its URL:\n${out}`)));
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function heapMiB(cdp: CDPSession): Promise<number> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
  return (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 1024 / 1024;
}

/** Samples the page's JS heap every 25 ms until stopped; answers the peak in MiB. */
function sampleHeap(cdp: CDPSession): { stop(): Promise<number> } {
  let peak = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      peak = Math.max(peak, await heapMiB(cdp).catch(() => 0));
      await new Promise((r) => setTimeout(r, 25));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return Math.max(peak, await heapMiB(cdp).catch(() => 0));
    },
  };
}

// The in-page code is passed as strings: tsx's transform would wrap named functions in a `__name` helper
// that does not exist in the page.
const runsPaintedScript = `new Promise((done) => {
  const check = () => {
    if (document.querySelector('[data-testid="runs-table"], [data-testid="runs-empty"]')) requestAnimationFrame(() => done(performance.now()));
    else requestAnimationFrame(check);
  };
  check();
})`;

// (waitForFunction would evaluate its predicate with eval, which the page's CSP refuses.)
const firstDrawScript = `new Promise((done, fail) => {
  const check = () => {
    const mark = performance.getEntriesByName('image-grid:first-draw')[0];
    if (mark) return done(mark.startTime);
    if (performance.now() > 60000) return fail(new Error('the grid drew nothing within 60 s'));
    requestAnimationFrame(check);
  };
  check();
})`;

const scrollScript = `new Promise((done, fail) => {
  const grid = document.querySelector('[data-testid="image-grid"]');
  const scroller = document.querySelector('.image-grid-scroller');
  const count = () => Number(grid.getAttribute('data-rendered-count'));
  const started = performance.now();
  scroller.scrollTop = scroller.scrollHeight;
  let last = -1, lastChange = started, stable = 0;
  const tick = (now) => {
    const c = count();
    if (c !== last) { last = c; lastChange = now; stable = 0; }
    else if (c > 0 && ++stable >= 10) return done({ ms: lastChange - started, drawn: c });
    if (now - started > 30000) return fail(new Error('the grid did not settle within 30 s after scrolling'));
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})`;

/** Navigation start → first paint of the Runs view (its table or "No runs yet" in a frame), ms. */
async function runsFirstPaint(page: Page, url: string): Promise<number> {
  await page.goto(url);
  return (await page.evaluate(runsPaintedScript)) as number;
}

/** Navigation start → the grid's first drawn frame, ms. */
async function gridFirstDraw(page: Page, url: string): Promise<number> {
  await page.goto(url);
  return (await page.evaluate(firstDrawScript)) as number;
}

/** Scroll to the last row → the frame from which the drawn-tile count stays put (every visible tile drawn), ms. */
async function scrollToEndRedraw(page: Page): Promise<{ ms: number; drawn: number }> {
  return (await page.evaluate(scrollScript)) as { ms: number; drawn: number };
}

const bench: Bench = {
  title: 'Grid first paint (10 000 images, Chromium)',
  async run() {
    const workspace = mkdtempSync(join(tmpdir(), 'ouroboros-bench-grid-'));
    let browser: Browser | null = null;
    const { child, url } = await startServe(workspace);
    try {
      browser = await chromium.launch({
        executablePath,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
      });
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const token = url.searchParams.get('token')!;
      const at = (hash: string): string => `${url.origin}/?token=${token}${hash}`;
      // Warm-up: generates the built-ins (first datasets.list) and fills the HTTP cache, so every round
      // measures the same warm page load.
      const warm = await context.newPage();
      await warm.goto(at('#/datasets'));
      await warm.locator('[data-dataset-id="builtin-shapes10"]').waitFor({ timeout: 60_000 });
      await gridFirstDraw(warm, at('#/datasets/builtin-shapes10'));
      await runsFirstPaint(warm, at('#/runs'));
      await warm.close();

      const runs: number[] = [];
      const grid: number[] = [];
      const scroll: number[] = [];
      let drawn = 0;
      let peakHeap = 0;
      for (let i = 0; i < rounds; i++) {
        const runsPage = await context.newPage();
        runs.push(await runsFirstPaint(runsPage, at('#/runs')));
        await runsPage.close();

        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send('Performance.enable');
        const heap = sampleHeap(cdp);
        grid.push(await gridFirstDraw(page, at('#/datasets/builtin-shapes10')));
        const redraw = await scrollToEndRedraw(page);
        scroll.push(redraw.ms);
        drawn = redraw.drawn;
        peakHeap = Math.max(peakHeap, await heap.stop());
        await page.close();
      }
      const gridMs = median(grid);
      const runsMs = median(runs);
      return [
        {
          name: `Shapes-10 grid (10 000 images): navigation → first drawn frame (median of ${rounds}, warm cache)`,
          value: gridMs,
          unit: 'ms',
          baseline: { name: 'plain Runs view first paint', value: runsMs },
          note: `grid ${grid.map((v) => v.toFixed(0)).join('/')} ms; runs ${runs.map((v) => v.toFixed(0)).join('/')} ms`,
        },
        {
          name: `Shapes-10 grid: scroll to end → every visible tile drawn (median of ${rounds})`,
          value: median(scroll),
          unit: 'ms',
          note: `${drawn} tiles drawn at the end; ${scroll.map((v) => v.toFixed(0)).join('/')} ms`,
        },
        {
          name: 'Shapes-10 grid page: peak JS heap (CDP JSHeapUsedSize, load + scroll)',
          value: peakHeap,
          unit: 'MiB',
        },
      ];
    } finally {
      await browser?.close();
      child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 300));
      rmSync(workspace, { recursive: true, force: true });
    }
  },
};

export default bench;
