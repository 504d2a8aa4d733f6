// Fixtures of the weak-to-strong runner tests: tiny configs on the train-model test workspace (Shapes-10 with
// 200 train / 100 test items) that run three short trainings per seed in seconds.
import type { ExperimentConfigInput } from '@shared/config/experimentKinds';

export function w2sConfig(params: Record<string, unknown> = {}): ExperimentConfigInput {
  return {
    kind: 'weak-to-strong',
    params: {
      dataset: 'shapes', splitSizing: 'counts', halfACount: 80, halfBCount: 100, validationFraction: 0.2,
      'weak.architecture': 'logistic', 'strong.architecture': 'small-cnn', 'strong.width': 4, 'strong.hiddenUnits': 16,
      'trainer.lengthUnit': 'steps', 'trainer.length': 4, weakLength: 0, 'trainer.batchSize': 20, 'trainer.learningRate': 0.003,
      'trainer.checkpointEvery': 2, 'trainer.seed': 3, evaluateEvery: 2, seeds: 2, bootstrapResamples: 50,
      ...params,
    },
  } as ExperimentConfigInput;
}
