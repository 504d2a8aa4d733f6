// The app shell is the window: a fixed sidebar and a main area that scrolls by itself (styles/app.css). So a
// Playwright `fullPage` screenshot would only show the window; `fullPageShot` grows the window to the main
// area's content first. `expectSidebarPinned` is the check for the sidebar sitting at the top of the page.
import { expect, type Page } from '@playwright/test';

/** Screenshot of the whole main area, however long: the viewport is grown to fit it, then restored. */
export async function fullPageShot(page: Page, path: string): Promise<void> {
  const viewport = page.viewportSize() ?? { width: 1440, height: 900 };
  const content = await page.locator('main.main').evaluate((main) => main.scrollHeight);
  const height = Math.min(Math.max(viewport.height, content), 16_000);
  if (height > viewport.height) {
    await page.setViewportSize({ width: viewport.width, height });
    await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))'); // laid out and painted
  }
  try {
    await page.screenshot({ path, fullPage: true });
  } finally {
    if (height > viewport.height) await page.setViewportSize(viewport);
  }
}

/**
 * Scrolls the page as a user does (the mouse wheel over the main area, to the end) and checks that the
 * sidebar stays where a user and a full-page capture expect it: its first link near the top of the window
 * and of the document, and the sidebar spanning the document from top to bottom. A sticky sidebar in a
 * scrolling document fails the second part (it sits at the scroll offset); one sized to 100vh on a longer
 * document fails the third. The scroll is checked to have happened, so the check cannot pass vacuously.
 */
export async function expectSidebarPinned(page: Page, options: { mustScroll: boolean }): Promise<void> {
  const main = page.locator('main.main');
  const box = await main.boundingBox();
  if (!box) throw new Error('pageLayout: main.main is not visible');
  await page.mouse.move(box.x + 6, box.y + box.height / 2); // in the view's left padding: over no chart or inner scroller
  const topOfContent = () => main.evaluate((el) => el.firstElementChild?.getBoundingClientRect().top ?? 0);
  const before = await topOfContent();
  for (let i = 0; i < 20; i++) await page.mouse.wheel(0, 2000);
  if (options.mustScroll) await expect.poll(async () => before - (await topOfContent()), { message: 'the long page scrolled under the wheel' }).toBeGreaterThan(100);
  const rect = (selector: string) => page.locator(selector).first().evaluate((el) => ({ top: el.getBoundingClientRect().top, bottom: el.getBoundingClientRect().bottom }));
  const nav = await rect('[data-testid="nav-runs"]');
  const sidebar = await rect('nav.sidebar');
  const doc = await page.locator('html').evaluate((html) => ({ scrollTop: html.scrollTop, scrollHeight: html.scrollHeight }));
  const layout = {
    navTop: nav.top,
    navDocTop: nav.top + doc.scrollTop,
    sidebarDocTop: sidebar.top + doc.scrollTop,
    sidebarDocBottom: sidebar.bottom + doc.scrollTop,
    docHeight: doc.scrollHeight,
  };
  expect(layout.navTop, 'first sidebar link near the top of the window').toBeLessThan(100);
  expect(layout.navTop).toBeGreaterThanOrEqual(0);
  expect(layout.navDocTop, 'first sidebar link near the top of the document').toBeLessThan(100);
  expect(layout.sidebarDocTop).toBeLessThanOrEqual(1);
  expect(layout.sidebarDocBottom, 'sidebar spans the whole document').toBeGreaterThanOrEqual(layout.docHeight - 1);
}
