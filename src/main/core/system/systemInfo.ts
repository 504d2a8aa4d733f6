// What `system.info` and `ouroboros doctor` report: versions, workspace, limits and the compute backend.
import { cpus, platform, release } from 'node:os';
import type { SystemInfo } from '@shared/contract/models';
import type { WorkspaceLayout } from '../workspace';

export const appVersion = '0.1.0';

export type ComputeDescription = SystemInfo['compute'];

export function buildSystemInfo(args: {
  shell: SystemInfo['shell'];
  layout: WorkspaceLayout;
  schemaVersion: number;
  concurrency: number;
  electronVersion: string | null;
  compute: ComputeDescription;
  slurm?: SystemInfo['slurm'];
}): SystemInfo {
  return {
    appVersion,
    shell: args.shell,
    nodeVersion: process.versions.node,
    electronVersion: args.electronVersion,
    platform: `${platform()} ${release()}`,
    cpus: cpus().length,
    workspace: args.layout.root,
    databasePath: args.layout.databasePath,
    schemaVersion: args.schemaVersion,
    concurrency: args.concurrency,
    compute: args.compute,
    ...(args.slurm ? { slurm: args.slurm } : {}),
  };
}
