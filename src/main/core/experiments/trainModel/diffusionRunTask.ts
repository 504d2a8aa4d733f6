// The steps of a diffusion train-model run as one TrainingTask: the UNet's DDPM steps first, then (classifier
// guidance only) the noisy classifier's steps, so one session, one checkpoint format and one resume cover both.
import type { CheckpointParts } from '../../engine/training/checkpoint';
import type { DiffusionTrainer } from '../../engine/training/diffusionTrainer';
import type { NoisyClassifierTrainer } from '../../engine/training/noisyClassifierTrainer';
import type { TrainingTask } from '../../engine/training/trainingLoop';

export class DiffusionRunTask implements TrainingTask {
  readonly totalSteps: number;

  constructor(readonly unet: DiffusionTrainer, readonly classifier: NoisyClassifierTrainer | null) {
    this.totalSteps = unet.totalSteps + (classifier?.totalSteps ?? 0);
  }

  get seed(): number {
    return this.unet.seed;
  }

  get stepsPerEpoch(): number {
    return this.unet.stepsPerEpoch;
  }

  /** Step s < unet.totalSteps: {loss, learningRate}; later: {classifierLoss, classifierAccuracy}. */
  async step(step: number): Promise<Record<string, number>> {
    if (step < this.unet.totalSteps || !this.classifier) return this.unet.step(step);
    const r = await this.classifier.step(step - this.unet.totalSteps);
    return { classifierLoss: r.loss, classifierAccuracy: r.accuracy };
  }

  checkpointParts(): CheckpointParts {
    const own = this.unet.checkpointParts();
    if (!this.classifier) return own;
    const clf = this.classifier.checkpointParts();
    return { models: { ...own.models, ...clf.models }, optimizers: { ...own.optimizers, ...clf.optimizers } };
  }

  dispose(): void {
    this.unet.dispose();
    this.classifier?.dispose();
  }
}
