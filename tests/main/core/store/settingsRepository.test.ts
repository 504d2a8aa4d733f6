// SettingsRepository: JSON values under string keys, optional schema on read.
import { z } from 'zod';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WorkbenchDatabase } from '../../../../src/main/core/store/database';
import { memoryDatabase } from './helpers';

describe('SettingsRepository', () => {
  let store: WorkbenchDatabase;
  beforeEach(() => {
    store = memoryDatabase();
  });
  afterEach(() => store.close());

  it('round-trips JSON values, overwrites, deletes', () => {
    expect(store.settings.get('backend')).toBeUndefined();
    store.settings.set('backend', 'wasm');
    store.settings.set('ui', { theme: 'dark', columns: [1, 2] });
    store.settings.set('backend', 'cpu');
    expect(store.settings.get('backend')).toBe('cpu');
    expect(store.settings.all()).toEqual({ backend: 'cpu', ui: { theme: 'dark', columns: [1, 2] } });
    expect(store.settings.delete('backend')).toBe(true);
    expect(store.settings.delete('backend')).toBe(false);
    store.settings.set('nothing', null);
    expect(store.settings.get('nothing')).toBeNull();
  });

  it('parses with a schema and refuses undefined', () => {
    store.settings.set('concurrency', 2);
    expect(store.settings.get('concurrency', z.number().int())).toBe(2);
    expect(() => store.settings.get('concurrency', z.string())).toThrow(/Setting "concurrency" is invalid/);
    expect(store.settings.get('missing', z.string())).toBeUndefined();
    expect(() => store.settings.set('x', undefined)).toThrow(/use delete/);
  });
});
