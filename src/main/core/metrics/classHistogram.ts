// Which classes the generated samples fall into, by the workbench classifier's prediction: the per-generation
// row of the class × generation heatmap, where a self-consuming loop's vanishing modes show at a glance.
import { WorkbenchError } from '@shared/errors';
import { assertFeatureMatrix, type FeatureMatrix } from './featureMatrix';

export interface ClassHistogramOptions {
  /**
   * Coverage rule: class c counts as covered when it holds at least max(1, minShare · N / K) of the N samples,
   * i.e. at least `minShare` of the share it would get if the K classes were equally likely. Default 0.01:
   * with 10 000 samples and 10 classes a class needs 10 samples, so only (nearly) vanished classes are
   * uncovered; a stricter notion uses e.g. 0.1.
   */
  minShare?: number;
}

export interface ClassHistogram {
  /** Samples predicted as each class, length K. */
  counts: Int32Array;
  /** counts / N, length K. */
  frequencies: Float64Array;
  /** Classes with counts ≥ threshold. */
  classesCovered: number;
  /** The count a class needs to be covered: max(1, minShare · N / K). */
  threshold: number;
}

/** Histogram of integer class labels in [0, numClasses) and the number of classes covered. */
export function classHistogramFromLabels(labels: ArrayLike<number>, numClasses: number, options: ClassHistogramOptions = {}): ClassHistogram {
  const minShare = options.minShare ?? 0.01;
  if (!Number.isInteger(numClasses) || numClasses < 1) {
    throw new WorkbenchError('invalid-input', `class histogram needs at least one class, got ${numClasses}`);
  }
  if (!(minShare >= 0)) throw new WorkbenchError('invalid-input', `minShare must be ≥ 0, got ${minShare}`);
  const n = labels.length;
  const counts = new Int32Array(numClasses);
  for (let i = 0; i < n; i++) {
    const c = labels[i];
    if (!Number.isInteger(c) || c < 0 || c >= numClasses) {
      throw new WorkbenchError('invalid-input', `label ${c} of sample ${i} is not a class in [0, ${numClasses})`, { row: i, label: c });
    }
    counts[c]++;
  }
  const threshold = Math.max(1, (minShare * n) / numClasses);
  let classesCovered = 0;
  for (const c of counts) if (c >= threshold) classesCovered++;
  const frequencies = Float64Array.from(counts, (c) => (n > 0 ? c / n : 0));
  return { counts, frequencies, classesCovered, threshold };
}

/** Predicted class of each row of an N × K probability (or logit) matrix: the first largest entry, as np.argmax. */
export function predictedClasses(probabilities: FeatureMatrix): Int32Array {
  assertFeatureMatrix(probabilities, 'class probabilities', 0);
  const { data, n, d: k } = probabilities;
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (data[i * k + c] > data[i * k + best]) best = c;
    labels[i] = best;
  }
  return labels;
}

/** Histogram of the predicted classes of N samples from their N × K class probabilities. */
export function classHistogram(probabilities: FeatureMatrix, options: ClassHistogramOptions = {}): ClassHistogram {
  return classHistogramFromLabels(predictedClasses(probabilities), probabilities.d, options);
}
