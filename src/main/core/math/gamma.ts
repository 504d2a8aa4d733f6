// Gamma and chi-square draws (Marsaglia & Tsang 2000): the diagonal of the Bartlett factor of a Wishart
// matrix is √χ², so each simulated covariance needs d of these.
import { standardNormal } from './normal';
import { NumericalError } from './numericalError';
import type { RandomStream } from './randomStream';

/** One draw from Gamma(shape, scale 1), shape > 0 (mean = shape). */
export function gammaSample(rng: RandomStream, shape: number): number {
  if (!(shape > 0) || !Number.isFinite(shape)) throw new NumericalError('gammaSample', `shape must be a positive number, got ${shape}`, { shape });
  if (shape < 1) {
    // Gamma(a) = Gamma(a + 1) · U^(1/a) (Marsaglia & Tsang, section 6).
    const g = gammaSample(rng, shape + 1);
    return g * Math.pow(rng.nextOpenDouble(), 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = standardNormal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.nextOpenDouble();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** One draw from χ²(df), df ≥ 0 (df = 0 is the point mass at 0). Mean df, variance 2·df. */
export function chiSquareSample(rng: RandomStream, df: number): number {
  if (df === 0) return 0;
  if (!(df > 0) || !Number.isFinite(df)) throw new NumericalError('chiSquareSample', `degrees of freedom must be ≥ 0, got ${df}`, { df });
  return 2 * gammaSample(rng, df / 2);
}
