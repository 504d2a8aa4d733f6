// Messages between the Gaussian experiments and their worker threads. A worker simulates one block of
// seeds (or one block of effective-sample-size replicates); only plain data and typed arrays cross.
import type { ErrorPayload } from '@shared/errors';
import type { LoopCheckpointState, MergedModels } from './loopCheckpoint';
import type { GaussianLoopPlan } from './loopPlan';
import type { CovarianceEstimator } from './modelFit';
import type { GaussianMetricName } from './modelMetrics';
import type { GaussianReferenceParams } from '../../math/referenceDistribution';
import type { FrameKind } from './simulationFrame';

export type SeedBlockRequest =
  | { id: number; type: 'init'; plan: GaussianLoopPlan; reference: GaussianReferenceParams; frame: FrameKind; seedStart: number; seedCount: number }
  // `into`: views of a SharedArrayBuffer the block's last models are packed into (no copy crosses threads).
  | { id: number; type: 'step'; withCheckpoint: boolean; into?: MergedModels }
  | { id: number; type: 'checkpoint'; into?: MergedModels }
  | { id: number; type: 'restore'; state: LoopCheckpointState }
  | { id: number; type: 'realOnly'; reference: GaussianReferenceParams; estimator: CovarianceEstimator; baseSeed: number; n: number; start: number; count: number };

/** Result of a 'step': per-metric values of the block's seeds, and the first seed's model if it is seed 0. */
export interface StepResult {
  generation: number;
  values: Record<GaussianMetricName, Float64Array>;
  firstModel: { mean: Float64Array; chol: Float64Array };
  /** The block's checkpoint after this generation, when the request asked for it (saves a round trip). */
  checkpoint?: LoopCheckpointState;
}

export type SeedBlockResponse =
  | { id: number; type: 'ok'; result: StepResult | LoopCheckpointState | Float64Array | null }
  | { id: number; type: 'error'; error: ErrorPayload };
