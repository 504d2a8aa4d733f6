// Electron main entry: picks the workspace, starts the shared core with utilityProcess jobs, and wires the
// desktop shell around it (IPC router, artifact protocol, menu, window). All behaviour lives in the core.
import { join, resolve } from 'node:path';
import { app, BrowserWindow, dialog, Menu, session } from 'electron';
import { WorkbenchError } from '@shared/errors';
import { createWorkbench, type Workbench } from './core/workbench';
import { registerArtifactProtocol, registerArtifactScheme } from './electron/artifactProtocol';
import { registerIpcRouter } from './electron/ipcRouter';
import { registerSaveDialog } from './electron/saveDialog';
import { buildApplicationMenu } from './electron/menu';
import { createUtilityJobProcessFactory } from './electron/utilityJobProcess';
import { createMainWindow, focusMainWindow } from './electron/window';

/** `--workspace=DIR` or `--workspace DIR` from the command line, if given. */
export function workspaceFromArgv(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg.startsWith('--workspace=')) return arg.slice('--workspace='.length) || null;
    if (arg === '--workspace' && i + 1 < argv.length) return argv[i + 1];
  }
  return null;
}

const explicitWorkspace = workspaceFromArgv(process.argv) ?? (process.env.OUROBOROS_WORKSPACE || null);
const workspace = explicitWorkspace ? resolve(explicitWorkspace) : app.getPath('userData');
if (explicitWorkspace) {
  // Chromium's profile (and with it the single-instance lock) follows the workspace: one app per workspace,
  // and a test or second workspace never collides with the everyday one.
  app.setPath('userData', join(workspace, '.electron-profile'));
}

registerArtifactScheme();
app.enableSandbox();

let workbench: Workbench | null = null;

function start(): void {
  try {
    const jobWorker = join(__dirname, 'jobWorker.js');
    const jobProcessFactory = createUtilityJobProcessFactory(jobWorker);
    workbench = createWorkbench({
      workspace,
      shell: 'electron',
      jobProcessFactory,
      electronVersion: process.versions.electron,
      // Slurm tasks run the same worker with this app's binary acting as Node (it must be installed at the
      // same path on the compute nodes, like the shared workspace).
      slurm: { workerScript: jobWorker, nodeBinary: process.execPath, workerEnv: { ELECTRON_RUN_AS_NODE: '1' } },
    });
  } catch (error) {
    const failure = WorkbenchError.from(error);
    const hint =
      failure.code === 'database-too-new'
        ? '\n\nInstall the newer Ouroboros Workbench that wrote this workspace, or start with --workspace=<another folder>.'
        : '';
    console.error(`[ouroboros] could not start (${failure.code}): ${failure.message}`);
    dialog.showErrorBox('Ouroboros Workbench could not start', `${failure.message}${hint}\n\nWorkspace: ${workspace}`);
    app.exit(1);
    return;
  }
  registerArtifactProtocol(session.defaultSession, workspace);
  registerIpcRouter(workbench);
  registerSaveDialog();
  Menu.setApplicationMenu(buildApplicationMenu());
  createMainWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow();
  });
}

if (!app.requestSingleInstanceLock()) {
  // Another instance has this workspace open; it focuses its window (below) and we leave.
  app.quit();
} else {
  app.on('second-instance', () => focusMainWindow());
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', (event) => {
    const closing = workbench;
    if (!closing) return;
    // Stop jobs (their runs become `interrupted`) and close the database before the process goes.
    event.preventDefault();
    workbench = null;
    const timeout = new Promise<void>((resolveTimeout) => setTimeout(resolveTimeout, 15_000).unref());
    Promise.race([closing.close(), timeout.then(() => console.warn('[ouroboros] workbench.close() took over 15 s; quitting anyway'))])
      .catch((error: unknown) => console.error('[ouroboros] closing the workbench failed:', error))
      .finally(() => app.quit());
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('[ouroboros] startup failed:', error);
      dialog.showErrorBox('Ouroboros Workbench could not start', String(error instanceof Error ? error.stack : error));
      app.exit(1);
    });
}
