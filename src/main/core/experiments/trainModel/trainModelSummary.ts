// The run summary of a train-model run (stored with the run, shown on its page): what was trained on what,
// how long, how fast, and the final numbers. Plain JSON; no backend names (the host records the backend).
import type { DatasetReader } from '../../datasets/datasetReader';
import { geometryOf } from './trainingData';
import type { SessionResult, TrainModelTask } from './trainingSession';

export interface TrainModelSummary extends Record<string, unknown> {
  task: TrainModelTask;
  dataset: { id: string; name: string; geometry: string; trainItems: number; testItems: number };
  model: string;
  parameters: number;
  steps: number;
  epochs: number;
  batchSize: number;
  /** Training throughput over every resume: examples through the training steps per second (evaluations excluded). */
  imagesPerSecond: number | null;
  trainSeconds: number;
  /** Final values: dLoss / gLoss / fid (GAN) or loss / trainAccuracy / testAccuracy (classifier); null = not measured. */
  final: Record<string, number | null>;
  featureExtractor: string | null;
  notes: string[];
}

export function trainingSummary(o: {
  task: TrainModelTask;
  datasetId: string;
  reader: DatasetReader;
  trainItems: number;
  model: string;
  parameters: number;
  totalSteps: number;
  stepsPerEpoch: number;
  batchSize: number;
  session: SessionResult;
  final: Record<string, number | null>;
  featureExtractor: string | null;
  notes: string[];
}): TrainModelSummary {
  const { session } = o;
  return {
    task: o.task,
    dataset: { id: o.datasetId, name: o.reader.meta.name, geometry: geometryOf(o.reader), trainItems: o.trainItems, testItems: o.reader.count('test') },
    model: o.model,
    parameters: o.parameters,
    steps: o.totalSteps,
    epochs: o.totalSteps / o.stepsPerEpoch,
    batchSize: o.batchSize,
    imagesPerSecond: session.trainSeconds > 0 ? (o.totalSteps * o.batchSize) / session.trainSeconds : null,
    trainSeconds: session.trainSeconds,
    final: o.final,
    featureExtractor: o.featureExtractor,
    notes: o.notes,
  };
}
