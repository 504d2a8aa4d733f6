// What a Slurm submission may ask for (`ouroboros submit --executor slurm …` flags, or a sweep config's
// `slurm` object), validated before anything is submitted; each bad value names its flag. Values go into `#SBATCH` lines, so they are restricted to
// characters Slurm's own syntax uses.
import { z } from 'zod';

const slurmToken = (what: string) => z.string().regex(/^[A-Za-z0-9_.:,=+-]+$/, `${what} may only contain letters, digits and _ . : , = + -`);

export const slurmOptionsSchema = z.object({
  /** `--partition`; Slurm's default partition when absent. */
  partition: slurmToken('--partition').optional(),
  /** `--time`: minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM (Slurm's formats). */
  time: z
    .string()
    .regex(/^(\d+-)?\d+(:\d+){0,2}$/, '--time must be minutes, HH:MM:SS or D-HH:MM:SS')
    .optional(),
  /** `--cpus-per-task`; 1 when neither the sweep nor the workspace defaults set it (no schema default, so a
   *  workspace default is not hidden by it). */
  cpusPerTask: z.number().int().min(1).max(4096).optional(),
  /** `--mem` per node, e.g. 4G; Slurm's default when absent. */
  mem: slurmToken('--mem').optional(),
  /** `--gres`, e.g. gpu:1. */
  gres: slurmToken('--gres').optional(),
  /** At most this many tasks of the array run at once (`--array=0-N%K`). */
  maxParallel: z.number().int().min(1).optional(),
  /** Requeues after time-limit signals before a task fails. */
  maxRequeues: z.number().int().min(0).max(100).default(3),
  /** Seconds before the time limit at which Slurm sends USR2 (`--signal=B:USR2@s`). */
  signalLeadSeconds: z.number().int().min(5).max(3600).default(90),
  /** Submit a one-line probe job first to check the workspace is visible from the compute nodes. */
  probe: z.boolean().default(true),
  probeTimeoutSeconds: z.number().int().min(5).default(300),
}).strict();
export type SlurmOptionsInput = z.input<typeof slurmOptionsSchema>;

/**
 * The workspace's Slurm defaults (settings → Slurm, and the form's initial values): the resource fields only,
 * each optional with no default of its own. They sit under a sweep's `slurm` object and `ouroboros submit`'s
 * flags, which win over them.
 */
export const slurmDefaultsSchema = z
  .object({
    partition: slurmOptionsSchema.shape.partition,
    time: slurmOptionsSchema.shape.time,
    cpusPerTask: slurmOptionsSchema.shape.cpusPerTask,
    mem: slurmOptionsSchema.shape.mem,
    gres: slurmOptionsSchema.shape.gres,
    maxParallel: slurmOptionsSchema.shape.maxParallel,
  })
  .strict();
export type SlurmDefaults = z.infer<typeof slurmDefaultsSchema>;

/** `layers` merged left to right, keys whose value is undefined skipped (so a later blank never erases). */
export function mergeSlurmOptions(...layers: ReadonlyArray<Partial<SlurmOptionsInput> | undefined>): SlurmOptionsInput {
  const merged: Record<string, unknown> = {};
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer ?? {})) if (value !== undefined) merged[key] = value;
  }
  return merged as SlurmOptionsInput;
}
export type SlurmOptions = z.output<typeof slurmOptionsSchema>;
