// Seeded random feature matrices and brute-force references shared by the metric tests.
import { standardNormal } from '../../../../src/main/core/math/normal';
import { randomStream } from '../../../../src/main/core/math/randomStream';
import type { FeatureMatrix } from '../../../../src/main/core/metrics/featureMatrix';

/** n × d Float32 features: scale · N(0, 1) + shift, seeded. */
export function gaussianFeatures(n: number, d: number, seed: number, shift = 0, scale = 1): FeatureMatrix {
  const rng = randomStream(seed, 0, 0, 7);
  const data = new Float32Array(n * d);
  for (let i = 0; i < data.length; i++) data[i] = scale * standardNormal(rng) + shift;
  return { data, n, d };
}

/** Random symmetric n × n matrix Q·diag(values)·Qᵀ with a seeded orthogonal Q (Gram–Schmidt). */
export function symmetricWithSpectrum(values: number[], seed: number): Float64Array {
  const n = values.length;
  const rng = randomStream(seed, 0, 0, 9);
  const q = new Float64Array(n * n); // rows are orthonormal vectors
  for (let i = 0; i < n; i++) {
    for (;;) {
      for (let t = 0; t < n; t++) q[i * n + t] = standardNormal(rng);
      for (let j = 0; j < i; j++) {
        let dot = 0;
        for (let t = 0; t < n; t++) dot += q[i * n + t] * q[j * n + t];
        for (let t = 0; t < n; t++) q[i * n + t] -= dot * q[j * n + t];
      }
      let norm = 0;
      for (let t = 0; t < n; t++) norm += q[i * n + t] ** 2;
      if (norm > 1e-6) {
        for (let t = 0; t < n; t++) q[i * n + t] /= Math.sqrt(norm);
        break;
      }
    }
  }
  const a = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] += values[k] * q[k * n + i] * q[k * n + j];
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) a[i * n + j] = a[j * n + i];
  return a;
}

/** Squared Euclidean distance between row i of a and row j of b, by direct differences. */
export function squaredDistance(a: FeatureMatrix, i: number, b: FeatureMatrix, j: number): number {
  let s = 0;
  for (let t = 0; t < a.d; t++) {
    const diff = a.data[i * a.d + t] - b.data[j * b.d + t];
    s += diff * diff;
  }
  return s;
}
