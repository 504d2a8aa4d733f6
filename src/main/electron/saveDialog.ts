// Electron's native save dialog for the renderer (a figure pack's ZIP): a plain file name in, an absolute path or
// null out, only for our own page. The renderer then asks the core to write there; nothing else crosses.
import { basename, join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain } from 'electron';
import { ipcChannels } from '@shared/contract/client';
import { isTrustedSender } from './ipcRouter';

/** The file name the dialog starts with: a plain name (no folders), at most 200 characters, else null. */
export function parseSaveRequest(request: unknown): string | null {
  if (typeof request !== 'object' || request === null || Array.isArray(request)) return null;
  const name = (request as { defaultName?: unknown }).defaultName;
  if (typeof name !== 'string' || name.length === 0 || name.length > 200) return null;
  if (name !== basename(name) || name.includes('\\') || name.includes('\0') || name === '.' || name === '..') return null;
  return name;
}

/** Registers the save-dialog handler; returns a function removing it. */
export function registerSaveDialog(): () => void {
  ipcMain.handle(ipcChannels.saveDialog, async (event, request: unknown): Promise<string | null> => {
    if (!isTrustedSender(event)) {
      console.warn(`[ouroboros] refused a save dialog for ${event.senderFrame?.url ?? 'a frame that is gone'}`);
      return null;
    }
    const name = parseSaveRequest(request);
    if (!name) return null;
    const extension = /\.([a-z0-9]{1,8})$/i.exec(name)?.[1];
    const options = {
      defaultPath: join(app.getPath('documents'), name),
      filters: extension ? [{ name: `${extension.toUpperCase()} file`, extensions: [extension] }] : [],
      properties: ['createDirectory', 'showOverwriteConfirmation'] as Array<'createDirectory' | 'showOverwriteConfirmation'>,
    };
    const owner = BrowserWindow.fromWebContents(event.sender);
    const result = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  });
  return () => ipcMain.removeHandler(ipcChannels.saveDialog);
}
