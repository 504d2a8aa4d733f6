// Workspace settings (compute backend override, UI preferences …) as JSON values under string keys.
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import { parseOrThrow, WorkbenchError } from '@shared/errors';

export interface SettingsRepository {
  /** The stored value, or undefined when the key is not set. */
  get(key: string): unknown;
  /** The stored value parsed by `schema` (throws `invalid-input` when it does not fit), or undefined. */
  get<S extends z.ZodType>(key: string, schema: S): z.output<S> | undefined;
  /** Stores any JSON-serialisable value (`undefined` is refused: use `delete`). */
  set(key: string, value: unknown): void;
  /** Returns whether the key was set. */
  delete(key: string): boolean;
  /** Every setting, keyed by name. */
  all(): Record<string, unknown>;
}

export function createSettingsRepository(db: Database): SettingsRepository {
  const getValue = db.prepare<[string], { value_json: string }>('SELECT value_json FROM settings WHERE key = ?');
  const allValues = db.prepare<[], { key: string; value_json: string }>('SELECT key, value_json FROM settings ORDER BY key');
  const setValue = db.prepare(
    'INSERT INTO settings (key, value_json) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json',
  );
  const deleteValue = db.prepare('DELETE FROM settings WHERE key = ?');

  function get(key: string): unknown;
  function get<S extends z.ZodType>(key: string, schema: S): z.output<S> | undefined;
  function get(key: string, schema?: z.ZodType): unknown {
    const row = getValue.get(key);
    if (row === undefined) return undefined;
    const value: unknown = JSON.parse(row.value_json);
    return schema === undefined ? value : parseOrThrow(schema, value, `Setting "${key}"`);
  }

  return {
    get,
    set(key, value) {
      const json = value === undefined ? undefined : JSON.stringify(value);
      if (json === undefined) {
        throw new WorkbenchError('invalid-input', `Setting "${key}" needs a JSON value; use delete() to remove it.`, { key });
      }
      setValue.run(key, json);
    },
    delete(key) {
      return deleteValue.run(key).changes > 0;
    },
    all() {
      return Object.fromEntries(allValues.all().map((row) => [row.key, JSON.parse(row.value_json) as unknown]));
    },
  };
}
