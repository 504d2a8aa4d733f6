// The student's evaluations during training: test accuracy, agreement with the weak model on the test items it
// got right / wrong, agreement with the supervisor's labels of the validation slice (the only selection
// criterion: early stopping with patience) and, as a marker only, the validation slice's ground-truth accuracy
// (oracle best). Plain JSON, so it travels in the checkpoint and a resumed run continues the same curves.
import type { WeakToStrongCurves } from '@shared/contract/weakToStrongArtifacts';

export interface StudentTrack {
  steps: number[];
  testAccuracy: number[];
  agreementSupervisorRight: Array<number | null>;
  agreementSupervisorWrong: Array<number | null>;
  validationAgreement: Array<number | null>;
  /** Ground-truth accuracy on the validation slice: for oracleBestStep only. */
  validationTruthAccuracy: Array<number | null>;
  loss: number[];
  /** Loss sum and count since the last evaluation. */
  lossSum: number;
  lossCount: number;
  bestAgreement: number | null;
  bestStep: number | null;
  /** Evaluations since the best one. */
  sinceBest: number;
}

export function newStudentTrack(): StudentTrack {
  return {
    steps: [], testAccuracy: [], agreementSupervisorRight: [], agreementSupervisorWrong: [], validationAgreement: [],
    validationTruthAccuracy: [], loss: [], lossSum: 0, lossCount: 0, bestAgreement: null, bestStep: null, sinceBest: 0,
  };
}

/** Share of positions where a[i] === b[i] among those with mask[i] (all when no mask); null when none. */
export function agreementRate(a: Int32Array, b: Int32Array, mask?: (i: number) => boolean): number | null {
  let n = 0;
  let same = 0;
  for (let i = 0; i < a.length; i++) {
    if (mask && !mask(i)) continue;
    n += 1;
    if (a[i] === b[i]) same += 1;
  }
  return n === 0 ? null : same / n;
}

export interface Evaluation {
  step: number;
  testPredicted: Int32Array;
  testLabels: Int32Array;
  weakTestPredicted: Int32Array;
  /** Predictions on the validation slice and the supervisor's labels of it (null without a slice). */
  validationPredicted: Int32Array | null;
  validationSupervisor: Int32Array | null;
  /** Ground truth of the validation slice: only for the oracle marker. */
  validationTruth: Int32Array | null;
}

/**
 * Records one evaluation. Selection looks only at `validationAgreement` (strictly better = new best, so ties
 * keep the earlier step). @returns true when `patience` evaluations in a row brought no improvement (0 = never)
 */
export function recordEvaluation(track: StudentTrack, e: Evaluation, patience: number): boolean {
  const { testLabels: y, weakTestPredicted: w } = e;
  track.steps.push(e.step);
  track.testAccuracy.push(agreementRate(e.testPredicted, y) ?? 0);
  track.agreementSupervisorRight.push(agreementRate(e.testPredicted, w, (i) => w[i] === y[i]));
  track.agreementSupervisorWrong.push(agreementRate(e.testPredicted, w, (i) => w[i] !== y[i]));
  track.loss.push(track.lossCount > 0 ? track.lossSum / track.lossCount : 0);
  track.lossSum = 0;
  track.lossCount = 0;
  const agreement = e.validationPredicted && e.validationSupervisor ? agreementRate(e.validationPredicted, e.validationSupervisor) : null;
  track.validationAgreement.push(agreement);
  track.validationTruthAccuracy.push(e.validationPredicted && e.validationTruth ? agreementRate(e.validationPredicted, e.validationTruth) : null);
  if (agreement === null) return false;
  if (track.bestAgreement === null || agreement > track.bestAgreement) {
    track.bestAgreement = agreement;
    track.bestStep = e.step;
    track.sinceBest = 0;
    return false;
  }
  track.sinceBest += 1;
  return patience > 0 && track.sinceBest >= patience;
}

/** Index of the evaluation selected on the weak-labelled validation slice (the last one without a slice). */
export function selectedIndex(track: StudentTrack): number {
  return track.bestStep === null ? track.steps.length - 1 : track.steps.indexOf(track.bestStep);
}

/** Step of the best validation ground-truth accuracy (first of ties), or null without a slice. */
export function oracleBestStep(track: StudentTrack): number | null {
  let best: number | null = null;
  let at: number | null = null;
  track.validationTruthAccuracy.forEach((v, i) => {
    if (v !== null && (best === null || v > best)) { best = v; at = track.steps[i]; }
  });
  return at;
}

export function curvesArtifact(seed: number, totalSteps: number, stoppedAt: number, track: StudentTrack): WeakToStrongCurves {
  return {
    format: 'w2s-curves/1', seed, totalSteps, steps: [...track.steps], testAccuracy: [...track.testAccuracy],
    agreementSupervisorRight: [...track.agreementSupervisorRight], agreementSupervisorWrong: [...track.agreementSupervisorWrong],
    validationAgreement: [...track.validationAgreement], loss: [...track.loss],
    earlyStopStep: track.bestStep, stoppedAtStep: stoppedAt, oracleBestStep: oracleBestStep(track),
  };
}
