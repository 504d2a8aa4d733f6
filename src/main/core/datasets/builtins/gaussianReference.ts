// The Gaussian reference distributions of the self-consuming-loop experiments as point datasets, so the
// same N(μ₀, Σ₀) a loop is measured against can be browsed, exported or used by other experiments.
import type { DatasetMeta } from '@shared/datasets/datasetFormat';
import { gaussianReferenceFields } from '@shared/config/gaussianReference';
import { defaultsFromFields, type ParamsOf } from '@shared/config/fields';
import { fillStandardNormal } from '../../math/normal';
import { randomStream } from '../../math/randomStream';
import { buildReference } from '../../math/referenceDistribution';
import type { ImportHooks } from '../importPipeline';
import { writeGenerated, type BuiltinCounts } from './writeBuiltin';

export type GaussianReferenceDatasetParams = ParamsOf<typeof gaussianReferenceFields>;

/**
 * Samples N×d float32 points from the reference built by `params` (the loop's defaults when omitted):
 * x = μ₀ + L·z with L the Cholesky factor of Σ₀. Unlabelled (labels −1). Deterministic per (seed, split, batch).
 */
export function writeGaussianReference(
  targetDir: string,
  options: BuiltinCounts & { reference?: Partial<GaussianReferenceDatasetParams> },
  hooks: ImportHooks = {},
): Promise<DatasetMeta> {
  const params = { ...defaultsFromFields(gaussianReferenceFields), ...options.reference };
  const reference = buildReference(params);
  const { d, mean, cholesky } = reference;
  return writeGenerated(
    targetDir,
    { kind: 'points', dims: d },
    options,
    {
      name: `Gaussian reference d=${d}, κ=${params.conditionNumber}`,
      format: 'builtin:gaussian-reference',
      description: `N(μ₀, Σ₀) of the Gaussian loop: d ${d}, eigenvalues 1…1/${params.conditionNumber}, mean scale ${params.meanScale}, ${params.randomRotation ? 'randomly rotated' : 'axis-aligned'}, reference seed ${params.referenceSeed}; sample seed ${options.seed}`,
      classes: null,
    },
    (split, start, count) => {
      const rng = randomStream(options.seed, split === 'train' ? 0 : 1, start, 0);
      const z = new Float64Array(d);
      const points = new Float32Array(count * d);
      for (let n = 0; n < count; n++) {
        fillStandardNormal(rng, z);
        for (let i = 0; i < d; i++) {
          let x = mean[i];
          for (let j = 0; j <= i; j++) x += cholesky[i * d + j] * z[j];
          points[n * d + i] = x;
        }
      }
      return { data: points, labels: new Int32Array(count).fill(-1) };
    },
    hooks,
  );
}
