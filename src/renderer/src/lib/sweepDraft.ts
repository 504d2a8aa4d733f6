// The sweep the New experiment form builds: fields turned into axes (a list of values each, typed like the
// field), an optional seed list, around the form's config as the base. Parsing errors name the axis's value.
import type { InjectionKey, Ref } from 'vue';
import type { FieldSpecs } from '@shared/config/fields';
import { parseField, type ExperimentConfigDraft } from './fieldForm';

export interface AxisDraft {
  key: string;
  /** Comma-separated values as typed. */
  raw: string;
}

export interface SweepDraft {
  axes: AxisDraft[];
  /** Comma-separated seeds as typed; '' for none. */
  seeds: string;
}

export interface BuiltSweep {
  config: { kind: 'sweep'; name: string; base: ExperimentConfigDraft; axes: Record<string, unknown[]>; seeds?: number[] };
  /** Axis key (or "seeds") → message. */
  errors: Record<string, string>;
}

function splitList(raw: string): string[] {
  return raw.split(',').map((part) => part.trim()).filter((part) => part !== '');
}

/** Whether the draft makes a sweep rather than a single run. */
export function isSweepDraft(draft: SweepDraft): boolean {
  return draft.axes.length > 0 || draft.seeds.trim() !== '';
}

export function buildSweep(base: ExperimentConfigDraft, fields: FieldSpecs, draft: SweepDraft, kindTitle: string): BuiltSweep {
  const axes: Record<string, unknown[]> = {};
  const errors: Record<string, string> = {};
  for (const axis of draft.axes) {
    const spec = fields[axis.key];
    if (!spec) {
      errors[axis.key] = 'Not a field of this experiment.';
      continue;
    }
    const parts = splitList(axis.raw);
    if (parts.length === 0) {
      errors[axis.key] = 'Give at least one value (comma-separated).';
      continue;
    }
    const values: unknown[] = [];
    for (const part of parts) {
      if (spec.kind === 'boolean') {
        if (part !== 'true' && part !== 'false') errors[axis.key] = `“${part}” is not true or false.`;
        values.push(part === 'true');
        continue;
      }
      const parsed = parseField(spec, spec.kind === 'intList' || spec.kind === 'numberList' ? part.replace(/\s+/g, ' ') : part);
      if (parsed.ok) values.push(parsed.value);
      else errors[axis.key] ??= `“${part}”: ${parsed.error}`;
    }
    axes[axis.key] = values;
  }
  let seeds: number[] | undefined;
  if (draft.seeds.trim() !== '') {
    seeds = splitList(draft.seeds).map(Number);
    if (seeds.some((s) => !Number.isInteger(s) || s < 0)) errors.seeds = 'Seeds are whole numbers ≥ 0, comma-separated.';
  }
  const params = { ...base.params };
  for (const key of Object.keys(axes)) delete params[key];
  return {
    config: { kind: 'sweep', name: base.name?.trim() || `${kindTitle} sweep`, base: { kind: base.kind, params }, axes, ...(seeds ? { seeds } : {}) },
    errors,
  };
}

/** What the New experiment form provides to every field input: which fields are axes, and the toggle. */
export interface AxisToggle {
  axes: Readonly<Ref<readonly string[]>>;
  toggle(key: string): void;
}
export const axisToggleKey: InjectionKey<AxisToggle> = Symbol('axisToggle');
