// The settings part of the API contract: workspace-wide defaults the UI edits (today the Slurm resources the
// New experiment form starts from and every Slurm submission falls back to).
import { z } from 'zod';
import { slurmDefaultsSchema } from '../config/slurmOptions';

export const settingsApi = {
  /** The workspace's Slurm defaults ({} when none are set). */
  'settings.slurmDefaults': { input: z.object({}).strict(), output: slurmDefaultsSchema },
  /** Replaces the workspace's Slurm defaults (a field left out has no default). */
  'settings.setSlurmDefaults': { input: z.object({ defaults: slurmDefaultsSchema }).strict(), output: slurmDefaultsSchema },
} as const;
