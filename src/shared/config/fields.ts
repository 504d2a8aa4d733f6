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
  | (FieldBase & { kind: 'intList'; default: number[]; min: number; max: number; maxItems: number });

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
  }
}

type ValueOf<S extends FieldSpec> = S extends { kind: 'boolean' }
  ? boolean
  : S extends { kind: 'int' | 'number' }
    ? number
    : S extends { kind: 'intList' }
      ? number[]
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
