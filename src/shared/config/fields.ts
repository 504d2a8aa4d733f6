// One declaration per config field gives three things at once: the zod schema that validates configs
// (UI form, CLI file, IPC payload), the default value, and the form the renderer generates with help text.
import { z } from 'zod';

interface FieldBase {
  /** Short label shown in the form. */
  label: string;
  /** One-line help text: unit and why the default is what it is. */
  help: string;
  /** Show this field only when another field has one of these values (plain data, so the form can read it). */
  visibleWhen?: { field: string; oneOf: Array<string | number | boolean> };
}

export type FieldSpec =
  | (FieldBase & { kind: 'int'; default: number; min: number; max: number })
  | (FieldBase & { kind: 'number'; default: number; min: number; max: number; step?: number })
  | (FieldBase & { kind: 'boolean'; default: boolean })
  | (FieldBase & { kind: 'enum'; default: string; options: Array<{ value: string; label: string }> })
  | (FieldBase & { kind: 'intList'; default: number[]; min: number; max: number; maxItems: number })
  /** A short list of real numbers (e.g. guidance weights 0, 0.5, 2, 4). */
  | (FieldBase & { kind: 'numberList'; default: number[]; min: number; max: number; maxItems: number })
  /** A dataset of the workspace by id; the form offers the datasets of the given layout kind. */
  | (FieldBase & { kind: 'dataset'; default: string; layout: 'images' | 'points' | 'any' })
  /**
   * Free text such as a file path; '' when unused. `suggest: 'initial-model'`: a run id, which the form offers as a
   * select of the workspace's completed train-model runs that fit the rest of the form (config/neuralLoopInitialModel.ts).
   */
  | (FieldBase & { kind: 'text'; default: string; maxLength: number; suggest?: 'initial-model' });

export type FieldSpecs = Record<string, FieldSpec>;

function fieldSchema(spec: FieldSpec): z.ZodType {
  switch (spec.kind) {
    case 'int':
      return z.number().int().min(spec.min).max(spec.max);
    case 'number':
      return z.number().min(spec.min).max(spec.max);
    case 'boolean':
      return z.boolean();
    case 'enum':
      return z.enum(spec.options.map((o) => o.value) as [string, ...string[]]);
    case 'intList':
      return z.array(z.number().int().min(spec.min).max(spec.max)).min(1).max(spec.maxItems);
    case 'numberList':
      return z.array(z.number().min(spec.min).max(spec.max)).min(1).max(spec.maxItems);
    case 'dataset':
      return z.string().trim().min(1, 'choose a dataset').max(200);
    case 'text':
      return z.string().max(spec.maxLength);
  }
}

type ValueOf<S extends FieldSpec> = S extends { kind: 'boolean' }
  ? boolean
  : S extends { kind: 'int' | 'number' }
    ? number
    : S extends { kind: 'intList' | 'numberList' }
      ? number[]
      : S extends { kind: 'dataset' | 'text' }
        ? string
      : S extends { kind: 'enum'; options: ReadonlyArray<{ value: infer V }> }
        ? V
        : never;
export type ParamsOf<F extends FieldSpecs> = { [K in keyof F]: ValueOf<F[K]> };

/** Strict object schema: unknown keys are rejected, missing keys take their defaults. */
export function schemaFromFields<F extends FieldSpecs>(fields: F): z.ZodType<ParamsOf<F>, Partial<ParamsOf<F>>> {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, spec] of Object.entries(fields)) {
    shape[key] = fieldSchema(spec).default(spec.default as never);
  }
  return z.object(shape).strict() as unknown as z.ZodType<ParamsOf<F>, Partial<ParamsOf<F>>>;
}

export function defaultsFromFields<F extends FieldSpecs>(fields: F): ParamsOf<F> {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(fields)) {
    out[key] = Array.isArray(spec.default) ? [...spec.default] : spec.default;
  }
  return out as ParamsOf<F>;
}

type Prefixed<F extends FieldSpecs, P extends string> = { [K in keyof F as `${P}${K & string}`]: F[K] };

/**
 * The fields of a sub-config (model, trainer, …) under `prefix` (e.g. "gan.") so several sub-configs share
 * one flat form without name clashes. `visibleWhen` inside the group is rewritten to the prefixed names;
 * fields without one get `visibleWhen` (e.g. "only when task = gan").
 */
export function prefixFields<F extends FieldSpecs, P extends string>(
  fields: F,
  prefix: P,
  visibleWhen?: FieldBase['visibleWhen'],
  omit: ReadonlyArray<keyof F> = [],
): Prefixed<F, P> {
  const out: Record<string, FieldSpec> = {};
  for (const [key, spec] of Object.entries(fields)) {
    if (omit.includes(key)) continue;
    const inner = spec.visibleWhen ? { ...spec.visibleWhen, field: `${prefix}${spec.visibleWhen.field}` } : visibleWhen;
    out[`${prefix}${key}`] = inner ? { ...spec, visibleWhen: inner } : { ...spec };
  }
  return out as Prefixed<F, P>;
}

/** The sub-config stored under `prefix` in flat params, with the prefix removed. */
export function unprefixParams<T>(params: Record<string, unknown>, prefix: string): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) if (key.startsWith(prefix)) out[key.slice(prefix.length)] = value;
  return out as T;
}

/** Ids of the datasets a config's params reference (fields of kind 'dataset'). */
export function datasetIdsOf(fields: FieldSpecs, params: Record<string, unknown>): string[] {
  const ids = new Set<string>();
  for (const [key, spec] of Object.entries(fields)) {
    if (spec.kind === 'dataset' && typeof params[key] === 'string' && params[key] !== '') ids.add(params[key] as string);
  }
  return [...ids];
}
