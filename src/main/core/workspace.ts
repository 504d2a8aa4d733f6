// Where the workbench keeps its data, and the layout under it (DESIGN.md "Data on disk").
// Precedence: explicit flag > OUROBOROS_WORKSPACE > the shell's default (Electron userData, ~/.ouroboros).
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export interface WorkspaceLayout {
  root: string;
  databasePath: string;
  runsDir: string;
  datasetsDir: string;
  /** Derived data shared between runs (trained feature extractors), safe to delete. */
  cacheDir: string;
}

export const workspaceEnvVar = 'OUROBOROS_WORKSPACE';

export function resolveWorkspaceRoot(flag: string | undefined, fallback = join(homedir(), '.ouroboros')): string {
  const chosen = flag ?? process.env[workspaceEnvVar] ?? fallback;
  return resolve(chosen);
}

/** Creates the workspace folders if missing and returns their paths. */
export function ensureWorkspace(root: string): WorkspaceLayout {
  const layout: WorkspaceLayout = {
    root,
    databasePath: join(root, 'workbench.db'),
    runsDir: join(root, 'runs'),
    datasetsDir: join(root, 'datasets'),
    cacheDir: join(root, 'cache'),
  };
  for (const dir of [layout.root, layout.runsDir, layout.datasetsDir, layout.cacheDir]) mkdirSync(dir, { recursive: true });
  return layout;
}

export function runDirectory(layout: WorkspaceLayout, runId: string): string {
  return join(layout.runsDir, runId);
}
