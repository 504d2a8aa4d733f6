// PLACEHOLDER — being written by the lead: createWorkbench(options) wires store, job host and API handlers.
// Shells (Electron main, serve, CLI) depend only on this interface.
import type { ApiHandlers } from '@shared/contract/api';
import type { WorkbenchEvent } from '@shared/contract/events';
import type { RpcResponse } from '@shared/contract/transport';
import type { JobProcessFactory } from './jobs/protocol';

export interface WorkbenchOptions {
  /** Workspace directory (created if missing): workbench.db, datasets/, runs/. */
  workspace: string;
  shell: 'electron' | 'serve' | 'cli';
  /** Starts one job process (child_process.fork under Node, utilityProcess in Electron). */
  jobProcessFactory: JobProcessFactory;
  /** Jobs running at once; default: number of cores. */
  concurrency?: number;
  electronVersion?: string | null;
}

export interface Workbench {
  readonly handlers: ApiHandlers;
  /** Validates `input` for `method`, runs the handler, and never throws: errors come back as payloads. */
  invoke(method: string, input: unknown): Promise<RpcResponse>;
  onEvent(listener: (event: WorkbenchEvent) => void): () => void;
  /** Stops accepting work, kills running jobs (their runs become `interrupted`), closes the database. */
  close(): Promise<void>;
}

export declare function createWorkbench(options: WorkbenchOptions): Workbench;
