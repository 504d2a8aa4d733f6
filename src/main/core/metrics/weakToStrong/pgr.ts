// Performance gap recovered (Burns et al. 2023): the share of the weak → ceiling accuracy gap that the
// weak-to-strong student closes, undefined with a warning when the gap is too small to divide by.

/** Minimum ceiling − weak accuracy gap (fraction, 0.03 = 3 points) below which PGR is reported undefined. */
export const DEFAULT_PGR_MIN_GAP = 0.03;

/**
 * Slack on the gap comparison (fraction): accuracies are ratios of counts, so a gap of exactly 3 points can
 * come out as 0.0299999… in floating point; it still counts as 3 points.
 */
export const PGR_GAP_SLACK = 1e-12;

export interface PgrValue {
  /** (w2s − weak) / (ceiling − weak), unbounded (negative when the student is below its supervisor); null when undefined. */
  value: number | null;
  /** ceiling − weak accuracy (fraction). */
  gap: number;
  /** Why the value is null (a sentence for the UI and CLI); null when defined. */
  warning: string | null;
}

const points = (fraction: number): string => `${(fraction * 100).toFixed(1)} points`;

/** True when a gap (fraction) is large enough for a PGR: gap ≥ minGap (with PGR_GAP_SLACK). */
export function gapIsDefined(gap: number, minGap: number = DEFAULT_PGR_MIN_GAP): boolean {
  return gap >= minGap - PGR_GAP_SLACK;
}

/**
 * PGR = (acc_w2s − acc_weak) / (acc_ceiling − acc_weak), accuracies as fractions in [0, 1].
 * Undefined (value null, with a warning) when acc_ceiling − acc_weak < minGap (default 0.03 = 3 points):
 * tiny gaps give wild PGRs, and ceiling ≤ weak means there is no gap to recover (the paper excludes those).
 */
export function performanceGapRecovered(weakAccuracy: number, w2sAccuracy: number, ceilingAccuracy: number, minGap: number = DEFAULT_PGR_MIN_GAP): PgrValue {
  const gap = ceilingAccuracy - weakAccuracy;
  if (!Number.isFinite(gap) || !Number.isFinite(w2sAccuracy)) {
    return { value: null, gap, warning: 'PGR undefined: an accuracy is not a finite number' };
  }
  if (!gapIsDefined(gap, minGap)) {
    const why = gap <= 0 ? 'the ceiling is not above the weak model, so there is no gap to recover' : 'tiny gaps give wild PGRs';
    return { value: null, gap, warning: `PGR undefined: ceiling − weak = ${points(gap)} < ${points(minGap)} (minimum gap); ${why}` };
  }
  return { value: (w2sAccuracy - weakAccuracy) / gap, gap, warning: null };
}
