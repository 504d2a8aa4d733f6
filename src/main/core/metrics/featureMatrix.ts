// The input of every generative metric: N samples × D features from a feature extractor (or 2-D points, or
// class probabilities), row-major in a typed array, checked once here so each metric can trust its shapes.
import { WorkbenchError } from '@shared/errors';

/** N × D features, row-major: sample i is data[i·d … i·d + d − 1]. */
export interface FeatureMatrix {
  data: Float32Array | Float64Array;
  /** Number of samples (rows). */
  n: number;
  /** Feature dimension (columns). */
  d: number;
}

/** A FeatureMatrix view over `data` (no copy). */
export function featureMatrix(data: Float32Array | Float64Array, n: number, d: number): FeatureMatrix {
  return { data, n, d };
}

/**
 * Throws `invalid-input` unless `m` is an n × d matrix with at least `minRows` rows whose values are all
 * finite; `name` says which input (e.g. "real features") in the message.
 */
export function assertFeatureMatrix(m: FeatureMatrix, name: string, minRows = 1): void {
  if (!Number.isInteger(m.n) || !Number.isInteger(m.d) || m.n < 0 || m.d < 1) {
    throw new WorkbenchError('invalid-input', `${name}: shape ${m.n} × ${m.d} is not a valid feature matrix shape`, { n: m.n, d: m.d });
  }
  if (m.data.length !== m.n * m.d) {
    throw new WorkbenchError('invalid-input', `${name}: ${m.data.length} values do not make a ${m.n} × ${m.d} matrix`, {
      n: m.n,
      d: m.d,
      length: m.data.length,
    });
  }
  if (m.n < minRows) {
    throw new WorkbenchError('invalid-input', `${name}: needs at least ${minRows} samples, got ${m.n}`, { n: m.n, minRows });
  }
  const data = m.data;
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      const row = Math.floor(i / m.d);
      throw new WorkbenchError('invalid-input', `${name}: sample ${row}, feature ${i - row * m.d} is ${data[i]}; features must be finite`, {
        row,
        column: i - row * m.d,
      });
    }
  }
}

/** Throws `invalid-input` unless both matrices have the same feature dimension. */
export function assertSameDimension(a: FeatureMatrix, b: FeatureMatrix, nameA: string, nameB: string): void {
  if (a.d !== b.d) {
    throw new WorkbenchError('invalid-input', `${nameA} have ${a.d} features but ${nameB} have ${b.d}; both must come from the same extractor`, {
      dA: a.d,
      dB: b.d,
    });
  }
}
