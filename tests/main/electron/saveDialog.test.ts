// The Electron save dialog for figure-pack exports under a mocked electron module: only our own page may open
// it, the name must be a plain file name, the dialog's answer (path or cancel) comes back as path | null.
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const showSaveDialog = vi.fn();
const fromWebContents = vi.fn();
vi.mock('electron', async () => {
  const { electronMock } = await import('./electronMock');
  const BrowserWindow = electronMock.BrowserWindow as unknown as { fromWebContents?: unknown };
  BrowserWindow.fromWebContents = fromWebContents;
  return { ...electronMock, app: Object.assign(electronMock.app, { getPath: vi.fn((name: string) => `/home/u/${name}`) }), dialog: { ...electronMock.dialog, showSaveDialog } };
});
import { FakeWebContents, fakeSession, handlers } from './electronMock';

const appUrl = pathToFileURL(resolve(__dirname, '../../../src/main/renderer/index.html')).href;
const frame = (url: string, parent: unknown = null) => ({ url, parent, isDestroyed: () => false });

describe('save dialog', async () => {
  const { parseSaveRequest, registerSaveDialog } = await import('../../../src/main/electron/saveDialog');
  const { createMainWindow } = await import('../../../src/main/electron/window');

  beforeEach(() => {
    showSaveDialog.mockReset();
    fromWebContents.mockReset();
  });

  it('accepts only a plain file name', () => {
    expect(parseSaveRequest({ defaultName: 'ICML pack.zip' })).toBe('ICML pack.zip');
    for (const bad of [null, 'x.zip', [], {}, { defaultName: '' }, { defaultName: '../x.zip' }, { defaultName: '/etc/x.zip' }, { defaultName: 'a\\b.zip' }, { defaultName: 'x'.repeat(201) }, { defaultName: 7 }, { defaultName: '..' }]) {
      expect(parseSaveRequest(bad), JSON.stringify(bad)).toBeNull();
    }
  });

  it('opens the native dialog for our page and returns the chosen path, or null when cancelled or refused', async () => {
    const off = registerSaveDialog();
    const handle = handlers.get('ouroboros:save-dialog')!;
    expect(handle).toBeTypeOf('function');
    const win = createMainWindow() as unknown as { webContents: FakeWebContents };
    fromWebContents.mockReturnValue(win);
    showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: '/home/u/papers/pack.zip' });
    expect(await handle({ sender: win.webContents, senderFrame: frame(appUrl) }, { defaultName: 'pack.zip' })).toBe('/home/u/papers/pack.zip');
    expect(showSaveDialog).toHaveBeenCalledWith(win, {
      defaultPath: '/home/u/documents/pack.zip',
      filters: [{ name: 'ZIP file', extensions: ['zip'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    expect(await handle({ sender: win.webContents, senderFrame: frame(appUrl) }, { defaultName: 'pack.zip' })).toBeNull();

    // Refused without a dialog: another page, an iframe, a foreign webContents, a path instead of a name.
    const calls = showSaveDialog.mock.calls.length;
    expect(await handle({ sender: win.webContents, senderFrame: frame('https://evil.example') }, { defaultName: 'pack.zip' })).toBeNull();
    expect(await handle({ sender: win.webContents, senderFrame: frame(appUrl, {}) }, { defaultName: 'pack.zip' })).toBeNull();
    expect(await handle({ sender: new FakeWebContents(fakeSession), senderFrame: frame(appUrl) }, { defaultName: 'pack.zip' })).toBeNull();
    expect(await handle({ sender: win.webContents, senderFrame: frame(appUrl) }, { defaultName: '../../.bashrc' })).toBeNull();
    expect(showSaveDialog.mock.calls.length).toBe(calls);

    off();
    expect(handlers.has('ouroboros:save-dialog')).toBe(false);
  });
});
