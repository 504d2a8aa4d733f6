// The trainer's public surface: the generic loop, the classifier and GAN tasks and steps, schedules,
// optimizers, checkpoints and the fs model handler.
export { learningRateAt, type LearningRateSchedule } from './learningRate';
export { createOptimizer, scheduleFromConfig, setLearningRate, trainableVariables, type OptimizerSpec } from './optimizers';
export { BatchOrder, epochPermutation } from './batchOrder';
export { fileSystemIO } from './fileSystemIO';
export { latestCheckpoint, listCheckpoints, restoreCheckpoint, saveCheckpoint, type CheckpointParts, type TrainerState } from './checkpoint';
export { discriminatorLoss, discriminatorTargets, featureMatchingLoss, nonSaturatingGeneratorLoss } from './ganLosses';
export { GanStepper, type GanBatch, type GanStepLosses, type GanStepOptions } from './ganStep';
export { ClassifierStepper, evaluateClassifier, type TargetLoss } from './classifierStep';
export { GanTrainer, type GanData } from './ganTrainer';
export { ClassifierTrainer, type ClassifierData } from './classifierTrainer';
export {
  resumeFromLatest, runTrainingLoop, totalStepsFor,
  type StepInfo, type TrainingCallbacks, type TrainingLoopOptions, type TrainingResult, type TrainingTask,
} from './trainingLoop';
export { DiffusionStepper, type DiffusionBatch } from './diffusionStep';
export { DiffusionTrainer, noiseScheduleOf, type DiffusionData } from './diffusionTrainer';
export { NoisyClassifierTrainer } from './noisyClassifierTrainer';
export { copyWeightsInto, updateEma } from './ema';
