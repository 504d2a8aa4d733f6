// Shared fixtures of the train-model runner tests: a temporary workspace with tiny datasets (Shapes-10
// gray28, a ring-of-8 mixture, unlabelled and odd-sized image sets) and small configs that train in seconds.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExperimentConfigInput } from '@shared/config/experimentKinds';
import { writeGenerated, writeMixture, writeShapes10 } from '../../../../../src/main/core/datasets/builtins/writeBuiltin';
import { FakeExperimentContext } from '../fakeExperimentContext';

export interface Workspace {
  root: string;
  cacheDir: string;
  datasetDirs: Record<string, string>;
  cleanup(): Promise<void>;
}

/** Deterministic grey images of `size`×`size` (a gradient per item), labels −1 (unlabelled). */
function plainImages(size: number) {
  return (_split: string, start: number, count: number) => {
    const data = new Uint8Array(count * size * size);
    for (let i = 0; i < data.length; i++) data[i] = (i * 7 + start * 13) % 256;
    return { data, labels: new Int32Array(count).fill(-1) };
  };
}

export async function createWorkspace(): Promise<Workspace> {
  const root = await mkdtemp(join(tmpdir(), 'ouroboros-train-model-'));
  const dir = (id: string) => join(root, 'datasets', id);
  const datasetDirs: Record<string, string> = {
    shapes: dir('shapes'), ring: dir('ring'), unlabelled28: dir('unlabelled28'), small16: dir('small16'),
  };
  await writeShapes10(datasetDirs.shapes, { trainCount: 200, testCount: 100, seed: 1 });
  await writeMixture(datasetDirs.ring, { kind: 'ring8', trainCount: 400, testCount: 200, seed: 2 });
  await writeGenerated(datasetDirs.unlabelled28, { kind: 'images', height: 28, width: 28, channels: 1 }, { trainCount: 64, testCount: 16, seed: 0 },
    { name: 'Plain 28', format: 'test:plain', description: 'test images', classes: null }, plainImages(28), {});
  await writeGenerated(datasetDirs.small16, { kind: 'images', height: 16, width: 16, channels: 1 }, { trainCount: 64, testCount: 16, seed: 0 },
    { name: 'Plain 16', format: 'test:plain', description: 'test images', classes: null }, plainImages(16), {});
  return { root, cacheDir: join(root, 'cache'), datasetDirs, cleanup: () => rm(root, { recursive: true, force: true }) };
}

/** A tiny DCGAN run on Shapes-10: width 4, latent 8, batch 16. */
export function ganConfig(params: Record<string, unknown> = {}): ExperimentConfigInput {
  return {
    kind: 'train-model',
    params: {
      task: 'gan', dataset: 'shapes', evaluateEvery: 3, gridSize: 4, evalSamples: 0,
      // Init seeds ≠ 0: tfjs treats a seed of 0 as "unseeded" (Math.random), see the report on SeededInit.
      'gan.seed': 1, 'pointGan.seed': 1, 'gan.width': 4, 'gan.latentDim': 8, 'gan.kernelSize': 3, 'gan.labelEmbeddingDim': 4,
      'trainer.lengthUnit': 'steps', 'trainer.length': 6, 'trainer.batchSize': 16, 'trainer.checkpointEvery': 2, 'trainer.seed': 5,
      ...params,
    },
  } as ExperimentConfigInput;
}

/** A tiny classifier run on Shapes-10: small CNN width 4, batch 16. */
export function classifierConfig(params: Record<string, unknown> = {}): ExperimentConfigInput {
  return {
    kind: 'train-model',
    params: {
      task: 'classifier', dataset: 'shapes', evaluateEvery: 4,
      'classifier.seed': 1, 'classifier.architecture': 'small-cnn', 'classifier.width': 4, 'classifier.hiddenUnits': 16,
      'trainer.lengthUnit': 'steps', 'trainer.length': 8, 'trainer.batchSize': 16, 'trainer.learningRate': 0.003,
      'trainer.beta1': 0.9, 'trainer.checkpointEvery': 3, 'trainer.seed': 3,
      ...params,
    },
  } as ExperimentConfigInput;
}

export function contextFor(ws: Workspace, config: ExperimentConfigInput, options: { resume?: { step: number; state: unknown } | null; crashAfterStep?: number } = {}): FakeExperimentContext {
  return new FakeExperimentContext(config, { ...options, runDir: join(ws.root, 'run'), datasetDirs: ws.datasetDirs, cacheDir: ws.cacheDir });
}
