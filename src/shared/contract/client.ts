// The one client interface the renderer uses, whatever carries it (Electron preload bridge or serve's
// HTTP + WebSocket). Components never talk to a transport directly.
import type { ApiInput, ApiMethod, ApiOutput } from './api';
import type { WorkbenchEvent } from './events';

export interface ApiClient {
  call<M extends ApiMethod>(method: M, input: ApiInput<M>): Promise<ApiOutput<M>>;
  /** Subscribes to every core event; returns the unsubscribe function. */
  onEvent(listener: (event: WorkbenchEvent) => void): () => void;
}

/** What the Electron preload exposes on `window.ouroboros` (plain functions, no Electron objects). */
export interface PreloadBridge {
  invoke(method: string, input: unknown): Promise<{ ok: true; value: unknown } | { ok: false; error: unknown }>;
  onEvent(listener: (event: unknown) => void): () => void;
  /** Electron only: the absolute path of a dropped File (webUtils.getPathForFile). */
  pathForFile(file: File): string;
  /**
   * Electron only: the native save dialog for a file named `defaultName` (e.g. a figure pack's ZIP); the chosen
   * absolute path (overwriting was confirmed in the dialog), or null when the user cancelled.
   */
  chooseSavePath(defaultName: string): Promise<string | null>;
}

export const bridgeKey = 'ouroboros';
export const ipcChannels = { invoke: 'ouroboros:invoke', event: 'ouroboros:event', saveDialog: 'ouroboros:save-dialog' } as const;
