// The purposes of the random streams of the Gaussian experiments. A stream is keyed by
// (baseSeed, seedIndex, generation, purpose), so each generation of each seed redraws the same numbers
// whether the run was interrupted or not, and however the seeds are split over threads.
import { referenceStreams } from '../../math/referenceDistribution';

export const gaussianStreams = {
  /** Random rotation of the reference (key: referenceSeed, 0, 0). */
  referenceRotation: referenceStreams.rotation,
  /** Mean μ₀ of the reference (key: referenceSeed, 0, 0). */
  referenceMean: referenceStreams.mean,
  /** Real samples of generation t (key: seed, seedIndex, t). The fixed real set is generation 1's. */
  real: 3,
  /** Synthetic samples of generation t, all source models in order (key: seed, seedIndex, t). */
  synthetic: 4,
  /** Points of the scatter artifact of generation t, first seed only (key: seed, 0, t). */
  scatter: 5,
  /** Real-only fits of the effective-sample-size search, replicate r (key: seed, r, 0); shared by every n. */
  effectiveSampleSize: 6,
} as const;
