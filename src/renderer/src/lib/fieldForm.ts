// Turns a kind's FieldSpecs into form state and back: raw input values, visibility (`visibleWhen`, applied
// transitively), client-side range checks with a readable message, and the `{ kind, name, params }` config.
import type { FieldSpec, FieldSpecs } from '@shared/config/fields';

/** Raw form state: text for numbers and lists (so a half-typed value is kept), booleans as they are. */
export type FormValues = Record<string, string | boolean>;

export interface ExperimentConfigDraft {
  kind: string;
  name?: string;
  params: Record<string, unknown>;
}

export function formatIntList(values: readonly number[]): string {
  return values.join(', ');
}

/** The form value that shows `value` for `spec` (a default or a value from a stored config). */
export function toFormValue(spec: FieldSpec, value: unknown): string | boolean {
  switch (spec.kind) {
    case 'boolean':
      return typeof value === 'boolean' ? value : spec.default;
    case 'enum':
      return typeof value === 'string' ? value : spec.default;
    case 'intList':
    case 'numberList':
      return formatIntList(Array.isArray(value) ? (value as number[]) : spec.default);
    case 'dataset':
    case 'text':
      return typeof value === 'string' ? value : spec.default;
    default:
      return typeof value === 'number' ? String(value) : String(spec.default);
  }
}

export function initialValues(fields: FieldSpecs, params: Record<string, unknown> = {}): FormValues {
  const values: FormValues = {};
  for (const [key, spec] of Object.entries(fields)) values[key] = toFormValue(spec, params[key] ?? spec.default);
  return values;
}

function rangeText(min: number, max: number): string {
  return `${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}`;
}

export type Parsed = { ok: true; value: unknown } | { ok: false; error: string };

/** Parses one raw value; the error names the allowed range. */
export function parseField(spec: FieldSpec, raw: string | boolean): Parsed {
  switch (spec.kind) {
    case 'boolean':
      return { ok: true, value: raw === true };
    case 'enum': {
      const ok = spec.options.some((o) => o.value === raw);
      return ok ? { ok: true, value: raw } : { ok: false, error: 'Choose one of the options.' };
    }
    case 'int':
    case 'number': {
      const text = String(raw).trim();
      if (text === '') return { ok: false, error: 'Required.' };
      const value = Number(text);
      if (!Number.isFinite(value)) return { ok: false, error: 'Not a number.' };
      if (spec.kind === 'int' && !Number.isInteger(value)) {
        return { ok: false, error: `Must be a whole number from ${rangeText(spec.min, spec.max)}.` };
      }
      if (value < spec.min || value > spec.max) {
        return { ok: false, error: `Must be from ${rangeText(spec.min, spec.max)}.` };
      }
      return { ok: true, value };
    }
    case 'intList':
    case 'numberList': {
      const what = spec.kind === 'intList' ? 'whole number' : 'number';
      const parts = String(raw).split(/[\s,;]+/).filter((p) => p !== '');
      if (parts.length === 0) return { ok: false, error: `Give at least one ${what}.` };
      if (parts.length > spec.maxItems) return { ok: false, error: `At most ${spec.maxItems} values.` };
      const values: number[] = [];
      for (const part of parts) {
        const value = Number(part);
        if (!Number.isFinite(value) || (spec.kind === 'intList' && !Number.isInteger(value)) || value < spec.min || value > spec.max) {
          return { ok: false, error: `“${part}” is not a ${what} from ${rangeText(spec.min, spec.max)}.` };
        }
        values.push(value);
      }
      return { ok: true, value: values };
    }
    case 'dataset': {
      const id = String(raw).trim();
      return id === '' ? { ok: false, error: 'Choose a dataset.' } : { ok: true, value: id };
    }
    case 'text': {
      const text = String(raw);
      return text.length > spec.maxLength ? { ok: false, error: `At most ${spec.maxLength} characters.` } : { ok: true, value: text };
    }
  }
}

/** Whether `key` is shown: its `visibleWhen` holds and the field it depends on is itself shown. */
export function isVisible(fields: FieldSpecs, key: string, values: FormValues, seen: Set<string> = new Set()): boolean {
  const spec = fields[key];
  if (!spec?.visibleWhen) return true;
  if (seen.has(key)) return false; // a cycle in the specs: hide rather than loop
  seen.add(key);
  const { field, oneOf } = spec.visibleWhen;
  const controller = fields[field];
  if (!controller || !isVisible(fields, field, values, seen)) return false;
  const parsed = parseField(controller, values[field] ?? toFormValue(controller, controller.default));
  return parsed.ok && oneOf.some((option) => option === parsed.value);
}

export interface BuiltConfig {
  config: ExperimentConfigDraft;
  /** Field key → message, for the visible fields that failed the client-side check. */
  errors: Record<string, string>;
}

/**
 * Builds the config `ouroboros run <file>` takes. Only visible fields go into `params` (hidden ones do not
 * apply and take their defaults on the server); an invalid field is left out and reported in `errors`.
 */
export function buildConfig(kind: string, name: string, fields: FieldSpecs, values: FormValues): BuiltConfig {
  const params: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const [key, spec] of Object.entries(fields)) {
    if (!isVisible(fields, key, values)) continue;
    const parsed = parseField(spec, values[key] ?? toFormValue(spec, spec.default));
    if (parsed.ok) params[key] = parsed.value;
    else errors[key] = parsed.error;
  }
  const trimmed = name.trim();
  const config: ExperimentConfigDraft = trimmed ? { kind, name: trimmed, params } : { kind, params };
  return { config, errors };
}

/** The config as a JSON file's text, exactly what `ouroboros run <file>` reads. */
export function configToJson(config: ExperimentConfigDraft): string {
  return `${JSON.stringify(config, null, 2)}\n`;
}
