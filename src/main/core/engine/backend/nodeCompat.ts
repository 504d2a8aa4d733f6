// Node ≥ 23 removed the legacy `util.is*` helpers; @tensorflow/tfjs-node(-gpu) 4.22 still calls
// `util.isNullOrUndefined` and `util.isArray` (fixed upstream in tensorflow/tfjs#8425, never released),
// so every op fails with "util_1.isNullOrUndefined is not a function". We add the missing helpers back,
// with Node's documented semantics, before requiring tfjs-node. Existing functions are never replaced.
import * as nodeUtil from 'node:util';
import { createRequire } from 'node:module';

type Predicate = (value: unknown) => boolean;

/** The helpers Node 23 removed (DEP0044–DEP0058), as Node ≤ 22 defined them. */
const legacyUtil: Record<string, Predicate> = {
  isArray: (v) => Array.isArray(v),
  isBoolean: (v) => typeof v === 'boolean',
  isBuffer: (v) => Buffer.isBuffer(v),
  isDate: (v) => v instanceof Date,
  isError: (v) => v instanceof Error,
  isFunction: (v) => typeof v === 'function',
  isNull: (v) => v === null,
  isNullOrUndefined: (v) => v === null || v === undefined,
  isNumber: (v) => typeof v === 'number',
  isObject: (v) => v !== null && typeof v === 'object',
  isPrimitive: (v) => v === null || (typeof v !== 'object' && typeof v !== 'function'),
  isRegExp: (v) => v instanceof RegExp,
  isString: (v) => typeof v === 'string',
  isSymbol: (v) => typeof v === 'symbol',
  isUndefined: (v) => v === undefined,
};

/**
 * Adds each missing legacy helper to `target` (default: the `util` module object that CommonJS code
 * gets from `require('util')`, which is what tfjs-node reads at call time). Returns the names added;
 * empty on Node ≤ 22.
 */
export function installNodeUtilPolyfills(target: Record<string, unknown> = requireUtil()): string[] {
  const added: string[] = [];
  for (const [name, fn] of Object.entries(legacyUtil)) {
    if (typeof target[name] === 'function') continue;
    Object.defineProperty(target, name, { value: fn, writable: true, configurable: true, enumerable: false });
    added.push(name);
  }
  return added;
}

function requireUtil(): Record<string, unknown> {
  // The CommonJS module object (the ESM namespace is frozen); same object tfjs-node's require('util') sees.
  const fromRequire = createRequire(import.meta.url)('util') as Record<string, unknown>;
  return fromRequire ?? (nodeUtil as unknown as Record<string, unknown>);
}
