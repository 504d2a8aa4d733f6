import { beforeEach, describe, expect, it, vi } from 'vitest';
import { WorkbenchError } from '../../../src/shared/errors';

vi.mock('electron', async () => (await import('./electronMock')).electronMock);
const createWorkbench = vi.fn();
vi.mock('../../../src/main/core/workbench', () => ({ createWorkbench }));
vi.mock('../../../src/main/electron/utilityJobProcess', () => ({ createUtilityJobProcessFactory: vi.fn(() => () => ({})) }));

const tick = () => new Promise((r) => setTimeout(r, 5));

let electronMock: any, handlers: any, windows: any, appEvents: any, fakeSession: any;
beforeEach(async () => {
  vi.resetModules();
  vi.clearAllMocks();
  ({ electronMock, handlers, windows, appEvents, fakeSession } = await import('./electronMock'));
  appEvents.removeAllListeners();
  handlers.clear();
  windows.length = 0;
  delete process.env.OUROBOROS_WORKSPACE;
});

describe('main entry', () => {
  it('starts with userData, wires everything, closes the workbench on quit', async () => {
    const close = vi.fn(async () => {});
    createWorkbench.mockReturnValue({ invoke: vi.fn(), onEvent: vi.fn(() => () => {}), close, handlers: {} });
    await import('../../../src/main/index');
    await tick();
    expect(electronMock.protocol.registerSchemesAsPrivileged).toHaveBeenCalled();
    expect(electronMock.app.enableSandbox).toHaveBeenCalled();
    expect(electronMock.app.setPath).not.toHaveBeenCalled();
    expect(createWorkbench).toHaveBeenCalledWith(expect.objectContaining({ workspace: '/user/data', shell: 'electron' }));
    expect(handlers.has('ouroboros:invoke')).toBe(true);
    expect(fakeSession.protocolHandlers.has('ouroboros-artifact')).toBe(true);
    expect(windows).toHaveLength(1);
    const ev = { preventDefault: vi.fn() };
    appEvents.emit('will-quit', ev);
    expect(ev.preventDefault).toHaveBeenCalled();
    expect(close).toHaveBeenCalled();
    await tick();
    expect(electronMock.app.quit).toHaveBeenCalled();
    const ev2 = { preventDefault: vi.fn() };
    appEvents.emit('will-quit', ev2);
    expect(ev2.preventDefault).not.toHaveBeenCalled();
    expect(close).toHaveBeenCalledTimes(1);
  });

  it('uses --workspace and moves the profile there', async () => {
    createWorkbench.mockReturnValue({ invoke: vi.fn(), onEvent: vi.fn(() => () => {}), close: vi.fn(), handlers: {} });
    const argv = process.argv;
    process.argv = [...argv, '--workspace', 'rel/ws'];
    try {
      await import('../../../src/main/index');
    } finally {
      process.argv = argv;
    }
    await tick();
    expect(createWorkbench).toHaveBeenCalledWith(expect.objectContaining({ workspace: `${process.cwd()}/rel/ws` }));
    expect(electronMock.app.setPath).toHaveBeenCalledWith('userData', `${process.cwd()}/rel/ws/.electron-profile`);
  });

  it('shows the error and exits when the database is too new', async () => {
    createWorkbench.mockImplementation(() => { throw new WorkbenchError('database-too-new', 'The workspace database is newer.'); });
    process.env.OUROBOROS_WORKSPACE = '/ws';
    await import('../../../src/main/index');
    await tick();
    expect(electronMock.dialog.showErrorBox).toHaveBeenCalledWith('Ouroboros Workbench could not start', expect.stringContaining('The workspace database is newer.'));
    expect(electronMock.dialog.showErrorBox.mock.calls[0][1]).toContain('Workspace: /ws');
    expect(electronMock.app.exit).toHaveBeenCalledWith(1);
    expect(windows).toHaveLength(0);
  });

  it('quits at once when another instance holds the lock', async () => {
    electronMock.app.requestSingleInstanceLock.mockReturnValueOnce(false);
    await import('../../../src/main/index');
    await tick();
    expect(electronMock.app.quit).toHaveBeenCalled();
    expect(createWorkbench).not.toHaveBeenCalled();
  });
});
