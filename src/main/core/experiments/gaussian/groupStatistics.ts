// Sufficient statistics of a group of training samples (count, mean, scatter) and the pooled-scatter
// formula that merges groups (real, synthetic, earlier data) into one training set exactly:
//   N = Σ n_g,  m = Σ n_g·m_g / N,  S = Σ S_g + Σ n_g·(m_g − m)(m_g − m)ᵀ.
import { WorkbenchError } from '@shared/errors';
import { lowerGram } from '../../math/triangularProducts';

/**
 * A group of `count` samples of dimension d. scatter = Σᵢ (xᵢ − mean)(xᵢ − mean)ᵀ (d×d, lower triangle
 * valid). A group simulated from its law may carry only `factor`, a lower-triangular F with scatter = F·Fᵀ;
 * `scatterOf` materialises the scatter when groups have to be pooled.
 */
export interface GroupStatistics {
  count: number;
  mean: Float64Array;
  scatter: Float64Array | null;
  factor: Float64Array | null;
}

/** The scatter of a group (lower triangle), computing F·Fᵀ from the factor once if needed. */
export function scatterOf(group: GroupStatistics, d: number): Float64Array {
  if (group.scatter) return group.scatter;
  if (!group.factor) throw new WorkbenchError('internal', 'a sample group has neither a scatter nor a factor');
  group.scatter = lowerGram(group.factor, d, new Float64Array(d * d));
  return group.scatter;
}

/** Pools groups into one (dense scatter, lower triangle valid). Groups with count 0 are ignored. */
export function poolGroups(groups: readonly GroupStatistics[], d: number): GroupStatistics {
  let count = 0;
  const mean = new Float64Array(d);
  for (const g of groups) {
    if (g.count === 0) continue;
    count += g.count;
    for (let i = 0; i < d; i++) mean[i] += g.count * g.mean[i];
  }
  if (count > 0) for (let i = 0; i < d; i++) mean[i] /= count;
  const scatter = new Float64Array(d * d);
  const delta = new Float64Array(d);
  for (const g of groups) {
    if (g.count === 0) continue;
    const s = scatterOf(g, d);
    for (let i = 0; i < d; i++) delta[i] = g.mean[i] - mean[i];
    for (let i = 0; i < d; i++) {
      const ri = i * d;
      const wi = g.count * delta[i];
      for (let j = 0; j <= i; j++) scatter[ri + j] += s[ri + j] + wi * delta[j];
    }
  }
  return { count, mean, scatter, factor: null };
}
