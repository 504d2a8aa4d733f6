// Bartlett decomposition of the Wishart law: if B is lower triangular with Bᵢᵢ = √χ²(ν − i) and
// Bᵢⱼ ~ N(0, 1) below the diagonal, then B·Bᵀ ~ Wishart(I_d, ν), and L·B·Bᵀ·Lᵀ ~ Wishart(L·Lᵀ, ν).
// With ν < d the law is singular: columns j ≥ ν of B are zero (the LQ factor of a d×ν Gaussian matrix).
// The scatter of n Gaussian samples is Wishart(Σ, n − 1), so one generation costs O(d²) draws, not O(n·d).
import { chiSquareSample } from './gamma';
import { fillStandardNormal } from './normal';
import { NumericalError, requireLength } from './numericalError';
import type { RandomStream } from './randomStream';

/**
 * Fills `bt` (d×d, row-major) with Bᵀ, the transpose of a Bartlett factor with ν = `df` degrees of
 * freedom, so that Bᵀ's rows are B's columns (the layout `lowerTimesLower` reads). Draw order: the
 * normals below the diagonal column by column of B (each column j < ν is one contiguous row of Bᵀ, filled
 * in bulk), then the d diagonal entries √χ²(ν − i). Entries of Bᵀ below its diagonal are set to zero.
 */
export function bartlettFactorTransposed(rng: RandomStream, d: number, df: number, bt: Float64Array): Float64Array {
  requireLength('bartlettFactorTransposed', 'output', bt, d * d);
  if (!Number.isInteger(df) || df < 0) throw new NumericalError('bartlettFactorTransposed', `degrees of freedom must be an integer ≥ 0, got ${df}`, { df });
  bt.fill(0, 0, d * d);
  const columns = Math.min(df, d);
  for (let j = 0; j < columns; j++) fillStandardNormal(rng, bt, j * d + j + 1, d - j - 1);
  for (let i = 0; i < columns; i++) bt[i * d + i] = Math.sqrt(chiSquareSample(rng, df - i));
  return bt;
}
