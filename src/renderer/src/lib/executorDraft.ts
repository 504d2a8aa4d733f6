// Where the New experiment form sends its points: the local queue, or one Slurm job array (sweeps.create with
// `executor: 'slurm'`). The Slurm fields as typed, validated by the shared options schema, each error named.
import { slurmOptionsSchema, type SlurmDefaults, type SlurmOptionsInput } from '@shared/config/slurmOptions';

export type ExecutorChoice = 'local' | 'slurm';

export interface ExecutorDraft {
  executor: ExecutorChoice;
  /** The Slurm fields as typed; '' leaves Slurm's (or the schema's) default. */
  partition: string;
  time: string;
  cpusPerTask: string;
  gres: string;
  maxParallel: string;
}

export const slurmFieldKeys = ['partition', 'time', 'cpusPerTask', 'gres', 'maxParallel'] as const;
export type SlurmFieldKey = (typeof slurmFieldKeys)[number];

export function emptyExecutorDraft(): ExecutorDraft {
  return { executor: 'local', partition: '', time: '', cpusPerTask: '', gres: '', maxParallel: '' };
}

/** The draft the workspace's Slurm defaults give (executor still local: Slurm is chosen per experiment). */
export function executorDraftFrom(defaults: SlurmDefaults): ExecutorDraft {
  const text = (value: string | number | undefined) => (value === undefined ? '' : String(value));
  return {
    executor: 'local',
    partition: text(defaults.partition),
    time: text(defaults.time),
    cpusPerTask: text(defaults.cpusPerTask),
    gres: text(defaults.gres),
    maxParallel: text(defaults.maxParallel),
  };
}

export interface BuiltSlurmOptions {
  options: SlurmOptionsInput;
  /** Field key → message, e.g. { time: '--time must be minutes, HH:MM:SS or D-HH:MM:SS' }. */
  errors: Partial<Record<SlurmFieldKey, string>>;
}

function wholeNumber(raw: string): number | string | undefined {
  const text = raw.trim();
  if (text === '') return undefined;
  return /^\d+$/.test(text) ? Number(text) : text;
}

/** The Slurm options of `draft` (blank fields left out), and a message per invalid field. */
export function buildSlurmOptions(draft: ExecutorDraft): BuiltSlurmOptions {
  const errors: BuiltSlurmOptions['errors'] = {};
  const raw: Record<SlurmFieldKey, string | number | undefined> = {
    partition: draft.partition.trim() || undefined,
    time: draft.time.trim() || undefined,
    cpusPerTask: wholeNumber(draft.cpusPerTask),
    gres: draft.gres.trim() || undefined,
    maxParallel: wholeNumber(draft.maxParallel),
  };
  const options: Record<string, unknown> = {};
  for (const key of slurmFieldKeys) {
    const value = raw[key];
    if (value === undefined) continue;
    if ((key === 'cpusPerTask' || key === 'maxParallel') && typeof value === 'string') {
      errors[key] = `“${value}” is not a whole number.`;
      continue;
    }
    const checked = slurmOptionsSchema.shape[key].safeParse(value);
    if (checked.success) options[key] = value;
    else errors[key] = checked.error.issues[0]?.message ?? 'invalid';
  }
  return { options: options as SlurmOptionsInput, errors };
}
