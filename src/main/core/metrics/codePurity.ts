// How well an InfoGAN's categorical code names a class: for samples generated per code value and classified
// by the workspace's feature classifier, each value's majority class and purity, and I(c; predicted class).
import { WorkbenchError } from '@shared/errors';

export interface CodeValuePurity {
  /** The categorical code's value. */
  value: number;
  /** Samples generated with this value. */
  count: number;
  /** The class the classifier predicts most often for them (lowest index on ties). */
  majorityClass: number;
  /** Share of them predicted as the majority class, in [0, 1]. */
  purity: number;
}

export interface CodePurity {
  perValue: CodeValuePurity[];
  /** Σ majority counts / N: the share of samples whose class their code value's majority class names. */
  purity: number;
  /** I(c; ŷ) of the empirical joint distribution, in bits (plug-in estimate, no bias correction). */
  mutualInformationBits: number;
  /** The most I(c; ŷ) can be here: log2 of min(code values, classes) (bits). */
  maxBits: number;
  samples: number;
}

/**
 * @param codes code value of each sample [N], integers in [0, values)
 * @param predicted predicted class of each sample [N], integers in [0, classes)
 */
export function codePurity(codes: ArrayLike<number>, predicted: ArrayLike<number>, values: number, classes: number): CodePurity {
  const n = codes.length;
  if (predicted.length !== n) throw new WorkbenchError('invalid-input', `codePurity: ${n} codes but ${predicted.length} predicted classes`);
  if (n === 0) throw new WorkbenchError('invalid-input', 'codePurity: no samples');
  const joint = new Float64Array(values * classes);
  for (let i = 0; i < n; i++) {
    const c = codes[i];
    const y = predicted[i];
    if (!(Number.isInteger(c) && c >= 0 && c < values)) throw new WorkbenchError('invalid-input', `codePurity: code ${c} of sample ${i} is outside [0, ${values})`);
    if (!(Number.isInteger(y) && y >= 0 && y < classes)) throw new WorkbenchError('invalid-input', `codePurity: class ${y} of sample ${i} is outside [0, ${classes})`);
    joint[c * classes + y]++;
  }
  const byCode = new Float64Array(values);
  const byClass = new Float64Array(classes);
  for (let c = 0; c < values; c++) for (let y = 0; y < classes; y++) {
    byCode[c] += joint[c * classes + y];
    byClass[y] += joint[c * classes + y];
  }
  const perValue: CodeValuePurity[] = [];
  let majoritySum = 0;
  let mi = 0;
  for (let c = 0; c < values; c++) {
    let best = 0;
    for (let y = 0; y < classes; y++) {
      const m = joint[c * classes + y];
      if (m > joint[c * classes + best]) best = y;
      if (m > 0) mi += (m / n) * Math.log2((m * n) / (byCode[c] * byClass[y]));
    }
    const top = joint[c * classes + best];
    majoritySum += top;
    perValue.push({ value: c, count: byCode[c], majorityClass: best, purity: byCode[c] > 0 ? top / byCode[c] : 0 });
  }
  return { perValue, purity: majoritySum / n, mutualInformationBits: Math.max(0, mi), maxBits: Math.log2(Math.min(values, classes)), samples: n };
}
