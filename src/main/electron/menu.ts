// The application menu: quit, the usual view controls (reload, devtools, zoom) and an About box with the
// versions a bug report needs. Edit is there because macOS copy/paste shortcuts only work through it.
import { app, dialog, Menu, type MenuItemConstructorOptions } from 'electron';

/** The lines the About box shows: app, Electron, Chromium, Node, V8, OS. */
export function versionLines(): string[] {
  return [
    `Electron ${process.versions.electron}`,
    `Chromium ${process.versions.chrome}`,
    `Node ${process.versions.node}`,
    `V8 ${process.versions.v8}`,
    `${process.platform} ${process.arch}`,
  ];
}

async function showAbout(): Promise<void> {
  await dialog.showMessageBox({
    type: 'info',
    title: 'About Ouroboros Workbench',
    message: `Ouroboros Workbench ${app.getVersion()}`,
    detail: versionLines().join('\n'),
    buttons: ['OK'],
  });
}

export function buildApplicationMenu(): Menu {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    { label: 'File', submenu: [isMac ? { role: 'close' } : { role: 'quit' }] },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'reload' },
        { role: 'forceReload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      role: 'help',
      submenu: [
        {
          label: 'About Ouroboros Workbench',
          click: () => {
            showAbout().catch((error: unknown) => console.error('[ouroboros] about dialog failed:', error));
          },
        },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
