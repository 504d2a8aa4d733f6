// The typed error of the dense linear algebra: a factorisation or an iteration that cannot succeed on the
// given input (not positive semi-definite, no convergence, mismatched sizes), with the numbers that say why.
import { WorkbenchError } from '@shared/errors';

export class NumericalError extends WorkbenchError {
  /** `operation`: which routine failed (e.g. 'cholesky'); details carry the offending sizes or values. */
  constructor(operation: string, message: string, details: Record<string, unknown> = {}) {
    super('internal', `${operation}: ${message}`, { operation, ...details });
    this.name = 'NumericalError';
  }
}

/** Throws a NumericalError unless `array` holds at least `length` numbers. */
export function requireLength(operation: string, what: string, array: ArrayLike<number>, length: number): void {
  if (array.length < length) {
    throw new NumericalError(operation, `${what} has ${array.length} entries, needs ${length}`, { what, length: array.length, needed: length });
  }
}
