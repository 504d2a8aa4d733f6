// A minimal fake of the electron module for the shell tests.
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

const handlers0 = new Map<string, (...args: any[]) => unknown>();
const windows0: FakeWindow[] = [];
export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  id = FakeWebContents.nextId++;
  destroyed = false;
  url = '';
  sent: Array<[string, unknown]> = [];
  windowOpenHandler: ((d: { url: string }) => unknown) | null = null;
  session: any;
  constructor(session: any) { super(); this.session = session; }
  isDestroyed() { return this.destroyed; }
  getURL() { return this.url; }
  send(channel: string, payload: unknown) { this.sent.push([channel, payload]); }
  setWindowOpenHandler(h: any) { this.windowOpenHandler = h; }
}
const fakeSession0 = {
  headersListener: null as any,
  permissionRequest: null as any,
  permissionCheck: null as any,
  device: null as any,
  protocolHandlers: new Map<string, (r: Request) => Promise<Response>>(),
  webRequest: { onHeadersReceived(l: any) { fakeSession0.headersListener = l; } },
  setPermissionRequestHandler(h: any) { fakeSession0.permissionRequest = h; },
  setPermissionCheckHandler(h: any) { fakeSession0.permissionCheck = h; },
  setDevicePermissionHandler(h: any) { fakeSession0.device = h; },
  protocol: { handle(s: string, h: any) { fakeSession0.protocolHandlers.set(s, h); } },
};
export class FakeWindow extends EventEmitter {
  options: any;
  webContents: FakeWebContents;
  destroyed = false;
  loaded: string | null = null;
  constructor(options: any) { super(); this.options = options; this.webContents = new FakeWebContents(fakeSession0); windows0.push(this); }
  isDestroyed() { return this.destroyed; }
  loadFile(p: string) { this.loaded = 'file:' + p; this.webContents.url = 'file://' + p; return Promise.resolve(); }
  loadURL(u: string) { this.loaded = u; this.webContents.url = u; return Promise.resolve(); }
  static getAllWindows() { return windows0.filter((w) => !w.destroyed); }
  show() {} focus() {} restore() {} isMinimized() { return false; }
}
const forks0: any[] = [];
const appEvents0 = new EventEmitter();
const electronMock0 = {
  app: Object.assign(appEvents0, {
    isPackaged: false,
    getPath: vi.fn(() => '/user/data'),
    setPath: vi.fn(),
    enableSandbox: vi.fn(),
    requestSingleInstanceLock: vi.fn(() => true),
    whenReady: vi.fn(() => Promise.resolve()),
    quit: vi.fn(),
    exit: vi.fn(),
    getVersion: () => '0.1.0',
  }),
  BrowserWindow: FakeWindow,
  ipcMain: { handle: (c: string, h: any) => handlers0.set(c, h), removeHandler: (c: string) => handlers0.delete(c) },
  protocol: { registerSchemesAsPrivileged: vi.fn() },
  session: { defaultSession: fakeSession0 },
  dialog: { showErrorBox: vi.fn(), showMessageBox: vi.fn() },
  Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn((t) => ({ template: t })) },
  utilityProcess: {
    fork: vi.fn((script: string, args: string[], options: any) => {
      const { PassThrough } = require('node:stream');
      const child: any = new EventEmitter();
      child.script = script; child.options = options; child.pid = undefined;
      child.stdout = new PassThrough(); child.stderr = new PassThrough();
      child.posted = [];
      child.postMessage = (m: unknown) => child.posted.push(m);
      child.killed = 0;
      child.kill = () => { child.killed++; return true; };
      forks0.push(child);
      return child;
    }),
  },
};

const g = globalThis as any;
g.__em ??= { handlers: handlers0, windows: windows0, fakeSession: fakeSession0, forks: forks0, appEvents: appEvents0, electronMock: electronMock0 };
export const handlers: typeof handlers0 = g.__em.handlers;
export const windows: typeof windows0 = g.__em.windows;
export const fakeSession: typeof fakeSession0 = g.__em.fakeSession;
export const forks: typeof forks0 = g.__em.forks;
export const appEvents: typeof appEvents0 = g.__em.appEvents;
export const electronMock: typeof electronMock0 = g.__em.electronMock;
