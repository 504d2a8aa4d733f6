// Paired bootstrap over test items: the same resampled item indices score weak, student and ceiling, so the
// intervals of their accuracies and of PGR keep the correlation between the three models (one test set).
import { quantileOfSorted } from '../../math/quantiles';
import { rotl, type RandomStream } from '../../math/randomStream';
import { metricInputError } from './inputs';
import { DEFAULT_PGR_MIN_GAP, gapIsDefined } from './pgr';

/** Bootstrap resamples by default (the 1 000). */
export const DEFAULT_BOOTSTRAP_RESAMPLES = 1000;
/** Central coverage of the percentile intervals by default: 0.8 = the 10–90 % band used for seeds too. */
export const DEFAULT_BOOTSTRAP_LEVEL = 0.8;

export interface BootstrapOptions {
  /** Resamples (count, ≥ 0; 0 gives null intervals). Default DEFAULT_BOOTSTRAP_RESAMPLES. */
  resamples?: number;
  /** Central coverage in (0, 1): the interval is [q((1 − level)/2), q((1 + level)/2)]. Default 0.8. */
  level?: number;
  /** PGR minimum gap (fraction); resamples whose ceiling − weak is below it have no PGR. Default 0.03. */
  minGap?: number;
}

/** Percentile interval (same unit as the statistic); null bounds when no resample gave a value. */
export interface BootstrapInterval {
  low: number | null;
  high: number | null;
}

export interface PairedBootstrapResult {
  resamples: number;
  level: number;
  /** Accuracy intervals (fractions). */
  weak: BootstrapInterval;
  student: BootstrapInterval;
  ceiling: BootstrapInterval;
  /** PGR interval over the resamples where it is defined (conditional on a gap ≥ minGap). */
  pgr: BootstrapInterval;
  /** Resamples whose ceiling − weak gap was under minGap, so they had no PGR (count). */
  pgrUndefinedResamples: number;
}

/**
 * Uniform item index in [0, n) from 32 random bits: ⌊u·n / 2³²⌋ (multiply-shift; exact for n < 2²¹, bias
 * below n / 2³² otherwise). scripts/reference/weak_to_strong_reference.py draws the same way.
 */
export function drawIndex(rng: RandomStream, n: number): number {
  return Math.floor(rng.nextUint32() * n * 2.3283064365386963e-10);
}

/** Per-item code: bit 0 weak correct, bit 1 student correct, bit 2 ceiling correct. @returns [N] bytes */
export function correctnessCodes(weak: Uint8Array, student: Uint8Array, ceiling: Uint8Array): Uint8Array {
  const n = weak.length;
  if (student.length !== n || ceiling.length !== n) {
    throw metricInputError('pairedBootstrap', `correctness vectors differ in length (weak ${n}, student ${student.length}, ceiling ${ceiling.length})`);
  }
  const codes = new Uint8Array(n);
  for (let i = 0; i < n; i++) codes[i] = (weak[i] & 1) | ((student[i] & 1) << 1) | ((ceiling[i] & 1) << 2);
  return codes;
}

function interval(values: Float64Array, count: number, level: number): BootstrapInterval {
  if (count === 0) return { low: null, high: null };
  const sorted = values.subarray(0, count).sort();
  return { low: quantileOfSorted(sorted, (1 - level) / 2), high: quantileOfSorted(sorted, (1 + level) / 2) };
}

/**
 * Paired percentile bootstrap of the three accuracies and PGR. Each resample draws N item indices with
 * replacement (drawIndex, from `rng`), and scores all three models on the same items.
 * @param weak [N] 1 where the weak model is right (see `correctness`) @param student [N] @param ceiling [N]
 * @param rng the seeded stream to draw from (e.g. randomStream(seed, seedIndex, 0, stream)); it advances
 */
export function pairedBootstrap(weak: Uint8Array, student: Uint8Array, ceiling: Uint8Array, rng: RandomStream, options: BootstrapOptions = {}): PairedBootstrapResult {
  const resamples = options.resamples ?? DEFAULT_BOOTSTRAP_RESAMPLES;
  const level = options.level ?? DEFAULT_BOOTSTRAP_LEVEL;
  const minGap = options.minGap ?? DEFAULT_PGR_MIN_GAP;
  if (!Number.isInteger(resamples) || resamples < 0) throw metricInputError('pairedBootstrap', `resamples must be an integer ≥ 0, got ${resamples}`, { field: 'resamples' });
  if (!(level > 0 && level < 1)) throw metricInputError('pairedBootstrap', `level must be in (0, 1), got ${level}`, { field: 'level' });
  const codes = correctnessCodes(weak, student, ceiling);
  const n = codes.length;
  if (n === 0) throw metricInputError('pairedBootstrap', 'no test items to resample', { field: 'items' });
  const accWeak = new Float64Array(resamples);
  const accStudent = new Float64Array(resamples);
  const accCeiling = new Float64Array(resamples);
  const pgr = new Float64Array(resamples);
  let defined = 0;
  const histogram = new Int32Array(8);
  // drawIndex inlined with the generator state in locals (xoshiro128**, as RandomStream.nextUint32): the
  // draws are the whole cost, ~10⁷ of them at 10 000 items × 1 000 resamples. Written back at the end.
  const state = rng.state;
  let s0 = state[0];
  let s1 = state[1];
  let s2 = state[2];
  let s3 = state[3];
  const scale = n * 2.3283064365386963e-10;
  for (let r = 0; r < resamples; r++) {
    histogram.fill(0);
    for (let j = 0; j < n; j++) {
      const out = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
      const t2 = s2 ^ s0;
      const t3 = s3 ^ s1;
      s2 = t2 ^ (s1 << 9);
      s0 ^= t3;
      s1 ^= t2;
      s3 = rotl(t3, 11);
      histogram[codes[Math.floor(out * scale)]] += 1;
    }
    const w = histogram[1] + histogram[3] + histogram[5] + histogram[7];
    const s = histogram[2] + histogram[3] + histogram[6] + histogram[7];
    const c = histogram[4] + histogram[5] + histogram[6] + histogram[7];
    accWeak[r] = w / n;
    accStudent[r] = s / n;
    accCeiling[r] = c / n;
    const gap = accCeiling[r] - accWeak[r];
    if (gapIsDefined(gap, minGap)) pgr[defined++] = (accStudent[r] - accWeak[r]) / gap;
  }
  state[0] = s0;
  state[1] = s1;
  state[2] = s2;
  state[3] = s3;
  return {
    resamples,
    level,
    weak: interval(accWeak, resamples, level),
    student: interval(accStudent, resamples, level),
    ceiling: interval(accCeiling, resamples, level),
    pgr: interval(pgr, defined, level),
    pgrUndefinedResamples: resamples - defined,
  };
}
