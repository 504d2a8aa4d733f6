// A sweep is one config: a base experiment config plus axes (lists of values for any params), optional
// zipped axes and a seed list. `expandSweep` turns it into points — ordinary, fully validated experiment
// configs — and reports an invalid point by its coordinates and field before anything runs.
import { z } from 'zod';
import { describeZodIssues, WorkbenchError } from '../errors';
import { slurmOptionsSchema } from './slurmOptions';
import { experimentConfigSchema, experimentKindNames, experimentKinds, type ExperimentConfig, type ExperimentKind } from './experimentKinds';

/** Where a sweep's points execute: the local job queue, or one Slurm job array (`ouroboros submit`). */
export const sweepExecutors = ['local', 'slurm'] as const;
export type SweepExecutor = (typeof sweepExecutors)[number];

/** Upper bound on the points of one sweep (count): a typo in an axis should not queue a million runs. */
export const maxSweepPoints = 10_000;

const nameSchema = z.string().trim().min(1, 'must not be empty').max(200);

export const sweepConfigSchema = z
  .object({
    kind: z.literal('sweep'),
    name: nameSchema,
    executor: z.enum(sweepExecutors).default('local'),
    /** Slurm resources for `executor: 'slurm'` (partition, time, gres…); `ouroboros submit` flags override them. */
    slurm: slurmOptionsSchema.optional(),
    /** The experiment config every point starts from; its params are checked point by point. */
    base: z
      .object({
        kind: z.enum(experimentKindNames),
        name: nameSchema.optional(),
        params: z.record(z.string(), z.unknown()).default({}),
      })
      .strict(),
    /** Param → the values it takes. Axes vary independently (a grid) unless zipped. */
    axes: z.record(z.string(), z.array(z.unknown())).default({}),
    /** Groups of axes that vary together: the i-th point of the group takes the i-th value of each. */
    zip: z.array(z.array(z.string()).min(2, 'a zip group needs at least two axes')).optional(),
    /** Seeds, set on the kind's seed param (see `sweepSeedParam`); the innermost axis. */
    seeds: z.array(z.number().int().min(0)).min(1, 'must not be empty when given').optional(),
  })
  .strict();
export type SweepConfigInput = z.input<typeof sweepConfigSchema>;
export type SweepConfig = z.output<typeof sweepConfigSchema>;

export interface SweepPoint {
  /** Position of the point in the expansion (0-based; the last axis varies fastest, seeds innermost). */
  index: number;
  /** The values this point takes on the sweep's axes (seed included under its param's name). */
  coordinates: Record<string, unknown>;
  config: ExperimentConfig;
}

export interface ExpandedSweep {
  sweep: SweepConfig;
  points: SweepPoint[];
}

/** The param that holds a run's seed for `kind`: `seed`, or the trainer's for the neural kinds. */
export function sweepSeedParam(kind: ExperimentKind): string {
  const fields = experimentKinds[kind].fields;
  if ('seed' in fields) return 'seed';
  if ('trainer.seed' in fields) return 'trainer.seed';
  throw new WorkbenchError('internal', `sweepConfig: kind ${kind} has no seed param`);
}

/** True when a parsed JSON file is a sweep rather than a single experiment config. */
export function isSweepInput(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'sweep';
}

/** "lambda=0.7, loop=fresh-data, seed=1": coordinates as a point's name and error messages show them. */
export function describeCoordinates(coordinates: Record<string, unknown>): string {
  return Object.entries(coordinates)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
}

function invalid(message: string, details: Record<string, unknown>): WorkbenchError {
  return new WorkbenchError('invalid-input', message, details);
}

/** One dimension of the grid: a single axis, or a zip group whose axes take values together. */
interface Dimension {
  params: string[];
  length: number;
}

function dimensionsOf(sweep: SweepConfig): Dimension[] {
  const where = `sweep "${sweep.name}"`;
  const kind = sweep.base.kind;
  const fields = experimentKinds[kind].fields;
  const seedParam = sweepSeedParam(kind);
  for (const key of Object.keys(sweep.base.params)) {
    if (!(key in fields)) throw invalid(`${where}: base.params.${key} is not a param of ${kind}`, { path: ['base', 'params', key] });
  }
  for (const [param, values] of Object.entries(sweep.axes)) {
    if (!(param in fields)) throw invalid(`${where}: axes.${param} is not a param of ${kind}`, { path: ['axes', param] });
    if (values.length === 0) throw invalid(`${where}: axes.${param} has no values`, { path: ['axes', param] });
    if (sweep.seeds && param === seedParam) {
      throw invalid(`${where}: axes.${param} is the seed param; give seeds either as an axis or as "seeds", not both`, { path: ['axes', param] });
    }
  }
  const zipped = new Map<string, number>();
  (sweep.zip ?? []).forEach((group, g) => {
    for (const param of group) {
      if (!(param in sweep.axes)) throw invalid(`${where}: zip[${g}] names "${param}", which is not an axis`, { path: ['zip', g] });
      if (zipped.has(param)) throw invalid(`${where}: zip[${g}] repeats "${param}" (already zipped in zip[${zipped.get(param)}])`, { path: ['zip', g] });
      zipped.set(param, g);
    }
  });
  (sweep.zip ?? []).forEach((group, g) => {
    const lengths = group.map((param) => sweep.axes[param]!.length);
    if (new Set(lengths).size > 1) {
      const described = group.map((param, i) => `${param}: ${lengths[i]}`).join(', ');
      throw invalid(`${where}: zip[${g}] has axes of unequal lengths (${described}); zipped axes vary together`, { path: ['zip', g] });
    }
  });
  const dimensions: Dimension[] = [];
  const placed = new Set<number>();
  for (const param of Object.keys(sweep.axes)) {
    const group = zipped.get(param);
    if (group === undefined) dimensions.push({ params: [param], length: sweep.axes[param]!.length });
    else if (!placed.has(group)) {
      placed.add(group);
      dimensions.push({ params: sweep.zip![group]!, length: sweep.axes[param]!.length });
    }
  }
  return dimensions;
}

function pointName(sweep: SweepConfig, coordinates: Record<string, unknown>): string {
  const described = describeCoordinates(coordinates);
  const name = described ? `${sweep.name} [${described}]` : sweep.name;
  return name.length <= 200 ? name : `${name.slice(0, 199)}…`;
}

/**
 * Parses a sweep config and expands it into its points, each validated by the kind's own schema. Throws an
 * `invalid-input` WorkbenchError naming the sweep field (unknown param, empty axis, unequal zip) or the
 * first invalid points by coordinates and param (details.points lists every invalid point).
 */
export function expandSweep(input: unknown): ExpandedSweep {
  const parsed = sweepConfigSchema.safeParse(input);
  if (!parsed.success) {
    throw invalid(`sweep config is invalid: ${describeZodIssues(parsed.error.issues)}`, {
      issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
    });
  }
  const sweep = parsed.data;
  const dimensions = dimensionsOf(sweep);
  const seedParam = sweepSeedParam(sweep.base.kind);
  if (sweep.seeds) dimensions.push({ params: [seedParam], length: sweep.seeds.length });
  const valuesOf = (param: string): unknown[] => (sweep.seeds && param === seedParam ? sweep.seeds : sweep.axes[param]!);

  const total = dimensions.reduce((product, d) => product * d.length, 1);
  if (total > maxSweepPoints) {
    throw invalid(`sweep "${sweep.name}" expands to ${total} points; at most ${maxSweepPoints} are allowed`, { points: total });
  }

  const points: SweepPoint[] = [];
  const failures: Array<{ index: number; coordinates: Record<string, unknown>; issues: Array<{ path: string[]; message: string }> }> = [];
  for (let index = 0; index < total; index++) {
    const coordinates: Record<string, unknown> = {};
    let rest = index;
    for (let d = dimensions.length - 1; d >= 0; d--) {
      const dimension = dimensions[d]!;
      const position = rest % dimension.length;
      rest = Math.floor(rest / dimension.length);
      for (const param of dimension.params) coordinates[param] = valuesOf(param)[position];
    }
    // Coordinates in declaration order (axes, then seed), not in the reverse order they were filled.
    const ordered: Record<string, unknown> = {};
    for (const dimension of dimensions) for (const param of dimension.params) ordered[param] = coordinates[param];
    const candidate = { kind: sweep.base.kind, name: pointName(sweep, ordered), params: { ...sweep.base.params, ...ordered } };
    const result = experimentConfigSchema.safeParse(candidate);
    if (result.success) points.push({ index, coordinates: ordered, config: result.data });
    else failures.push({ index, coordinates: ordered, issues: result.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })) });
  }
  if (failures.length > 0) {
    // One line per distinct problem (a bad axis value fails every point that has it), each at its first point.
    const seen = new Set<string>();
    const lines: string[] = [];
    for (const failure of failures) {
      for (const issue of failure.issues) {
        const field = issue.path.join('.');
        const param = issue.path[0] === 'params' ? issue.path[1] : undefined;
        const key = `${field}|${issue.message}|${param !== undefined ? JSON.stringify(failure.coordinates[param]) : ''}`;
        if (seen.has(key)) continue;
        seen.add(key);
        lines.push(`point ${failure.index} (${describeCoordinates(failure.coordinates)}): ${field}: ${issue.message}`);
      }
    }
    const shown = lines.slice(0, 5).join('; ');
    const more = lines.length > 5 ? `; and ${lines.length - 5} more` : '';
    throw invalid(`sweep "${sweep.name}" has ${failures.length} invalid point(s) of ${total}: ${shown}${more}`, { points: failures });
  }
  return { sweep, points };
}
