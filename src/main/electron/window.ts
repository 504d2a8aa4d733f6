// The desktop window and the rules every page of ours lives under: sandboxed renderer without Node, a strict
// CSP, navigation / new windows / permissions denied. It also answers "is this URL / webContents ours?" for IPC.
import { join, normalize } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, type Session, type WebContents } from 'electron';

/** The CSP sent with every response: only our own bundled code runs; artifacts come from our protocol. */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: ouroboros-artifact:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Where the renderer comes from: electron-vite's dev server (`npm run dev`) or the built index.html. */
export type RendererEntry = { kind: 'dev-server'; url: string; origin: string } | { kind: 'file'; path: string; url: string };

let cachedEntry: RendererEntry | null = null;

export function rendererEntry(): RendererEntry {
  if (cachedEntry) return cachedEntry;
  const devUrl = process.env.ELECTRON_RENDERER_URL;
  if (devUrl && !app.isPackaged) {
    const parsed = new URL(devUrl);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new Error(`ELECTRON_RENDERER_URL must be an http(s) URL, got ${devUrl}`);
    }
    cachedEntry = { kind: 'dev-server', url: devUrl, origin: parsed.origin };
  } else {
    const file = join(__dirname, '../renderer/index.html');
    cachedEntry = { kind: 'file', path: file, url: pathToFileURL(file).href };
  }
  return cachedEntry;
}

function samePath(a: string, b: string): boolean {
  const na = normalize(a);
  const nb = normalize(b);
  return process.platform === 'win32' || process.platform === 'darwin' ? na.toLowerCase() === nb.toLowerCase() : na === nb;
}

/** True when `url` is the app's own page (any route / hash of it), and nothing else. */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const entry = rendererEntry();
  if (entry.kind === 'dev-server') return parsed.origin === entry.origin;
  if (parsed.protocol !== 'file:' || (parsed.host !== '' && parsed.host !== 'localhost')) return false;
  try {
    return samePath(fileURLToPath(parsed), entry.path);
  } catch {
    return false;
  }
}

const appWebContentsIds = new Set<number>();
const appWindowSet = new Set<BrowserWindow>();
const hardenedSessions = new WeakSet<Session>();

/** True for the webContents of a window this module created (not devtools, not anything else). */
export function isAppWebContents(contents: WebContents): boolean {
  return !contents.isDestroyed() && appWebContentsIds.has(contents.id);
}

/** The open windows this module created. */
export function appWindows(): BrowserWindow[] {
  return [...appWindowSet].filter((win) => !win.isDestroyed());
}

/**
 * Session-wide rules: the CSP header on every response, and no permission granted to anyone.
 * Chromium does not run webRequest for file:// documents, so the built renderer (loadFile) must also carry the
 * same policy as a `<meta http-equiv="Content-Security-Policy">` in src/renderer/index.html; the header covers
 * the dev server and anything fetched over http(s). The Electron e2e suite checks the policy is in force.
 */
function hardenSession(ses: Session): void {
  if (hardenedSessions.has(ses)) return;
  hardenedSessions.add(ses);
  ses.webRequest.onHeadersReceived((details, callback) => {
    const headers: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
    }
    headers['Content-Security-Policy'] = [contentSecurityPolicy];
    callback({ responseHeaders: headers });
  });
  // The only permission our own page may use is writing to the clipboard ("copy config"); nothing else, and
  // nothing for any other origin.
  ses.setPermissionRequestHandler((contents, permission, callback, details) => {
    callback(permission === 'clipboard-sanitized-write' && isAppWebContents(contents) && isAppUrl(details.requestingUrl));
  });
  ses.setPermissionCheckHandler((contents, permission, _origin, details) => {
    return (
      permission === 'clipboard-sanitized-write' &&
      contents !== null &&
      isAppWebContents(contents) &&
      isAppUrl(details.requestingUrl ?? '')
    );
  });
  ses.setDevicePermissionHandler(() => false);
}

/** Per-page rules: stay on our page, open no windows, attach no webviews. */
function hardenWebContents(contents: WebContents): void {
  const denyForeign = (event: { preventDefault(): void }, url: string): void => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    console.warn(`[ouroboros] blocked navigation to ${url}`);
  };
  contents.on('will-navigate', (event) => denyForeign(event, event.url));
  contents.on('will-frame-navigate', (event) => denyForeign(event, event.url));
  contents.on('will-redirect', (event) => denyForeign(event, event.url));
  contents.setWindowOpenHandler(({ url }) => {
    console.warn(`[ouroboros] blocked window.open(${url})`);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Creates the main window and loads the renderer into it. */
export function createMainWindow(): BrowserWindow {
  const entry = rendererEntry();
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Ouroboros Workbench',
    backgroundColor: '#14161a',
    webPreferences: {
      preload: join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });
  const contentsId = win.webContents.id;
  appWindowSet.add(win);
  appWebContentsIds.add(contentsId);
  win.on('closed', () => {
    appWindowSet.delete(win);
    appWebContentsIds.delete(contentsId);
  });
  hardenSession(win.webContents.session);
  hardenWebContents(win.webContents);
  win.once('ready-to-show', () => win.show());
  win.webContents.on('render-process-gone', (_event, details) => {
    console.error(`[ouroboros] renderer process gone (${details.reason}, exit code ${details.exitCode})`);
  });

  const loading = entry.kind === 'dev-server' ? win.loadURL(entry.url) : win.loadFile(entry.path);
  loading.catch((error: unknown) => {
    console.error(`[ouroboros] could not load the renderer from ${entry.url}:`, error);
  });
  return win;
}

/** Brings the main window to the front (a second launch focuses the first instance). */
export function focusMainWindow(): void {
  const [win] = appWindows();
  if (!win) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}
