import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dcganDefaults } from '@shared/config/models/dcganConfig';
import { ganObjectiveDefaults } from '@shared/config/models/ganObjectiveConfig';
import { trainerDefaults, type TrainerConfig } from '@shared/config/models/trainerConfig';
import { buildMlp } from '../../../../../src/main/core/engine/models/classifiers';
import { buildDcgan } from '../../../../../src/main/core/engine/models/dcgan';
import { listCheckpoints } from '../../../../../src/main/core/engine/training/checkpoint';
import { ClassifierTrainer } from '../../../../../src/main/core/engine/training/classifierTrainer';
import { GanTrainer } from '../../../../../src/main/core/engine/training/ganTrainer';
import { resumeFromLatest, runTrainingLoop } from '../../../../../src/main/core/engine/training/trainingLoop';
import { useCpuBackend } from '../models/tfTestSetup';

beforeAll(useCpuBackend);
let root = '';
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'checkpoint-test-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

const cfg = (over: Partial<TrainerConfig>): TrainerConfig => ({ ...trainerDefaults, lengthUnit: 'steps', length: 8, batchSize: 8, learningRate: 0.01, beta1: 0.9, schedule: 'cosine', warmupSteps: 1, ...over });

describe('checkpoint save and restore', () => {
  it.each(['adam', 'sgd'] as const)('classifier (%s): the step after a restore gives exactly the uninterrupted loss', async (optimizer) => {
    const data = { x: tf.randomNormal([40, 6], 0, 1, 'float32', 5), y: tf.tensor1d(Array.from({ length: 40 }, (_, i) => i % 3), 'int32'), numClasses: 3 };
    const runDir = join(root, `classifier-${optimizer}`);
    const config = cfg({ optimizer, seed: 4 });
    const a = new ClassifierTrainer(buildMlp([6], 3, 8, 1, 1), data, config);
    const first = await runTrainingLoop(a, { totalSteps: 3, runDir, checkpointEvery: 3 });
    expect(first).toEqual({ status: 'completed', step: 3 });
    const uninterrupted = [(await a.step(3)).loss, (await a.step(4)).loss, (await a.step(9)).loss];

    const b = new ClassifierTrainer(buildMlp([6], 3, 8, 1, 99), data, config); // different init: restore must overwrite it
    const state = await resumeFromLatest(b, runDir);
    expect(state).toEqual({ step: 3, seed: 4 });
    expect([(await b.step(3)).loss, (await b.step(4)).loss, (await b.step(9)).loss]).toEqual(uninterrupted);

    // Restoring into the trainer that ran on rewinds it exactly and frees its replaced optimizer slots.
    const tensors = tf.memory().numTensors;
    await resumeFromLatest(a, runDir);
    expect(tf.memory().numTensors).toBe(tensors);
    expect((await a.step(3)).loss).toBe(uninterrupted[0]);
    a.dispose();
    b.dispose();
  });

  it('conditional DCGAN (batch norm, embeddings, two Adams): identical losses after a restore', async () => {
    const gcfg = { ...dcganDefaults, width: 4, latentDim: 8, kernelSize: 3, numClasses: 3 };
    const data = { x: tf.randomUniform([12, 28, 28, 1], -1, 1, 'float32', 3), labels: tf.tensor1d(Array.from({ length: 12 }, (_, i) => i % 3), 'int32') };
    const runDir = join(root, 'dcgan');
    const config = cfg({ batchSize: 4, learningRate: 2e-4, beta1: 0.5, seed: 9 });
    const objective = { ...ganObjectiveDefaults, realLabelTarget: 0.9 };
    const a = new GanTrainer(buildDcgan(gcfg), data, config, objective);
    await runTrainingLoop(a, { totalSteps: 2, runDir, checkpointEvery: 1 });
    expect((await listCheckpoints(runDir)).map((d) => d.slice(-14))).toEqual(['step-000000001', 'step-000000002']);
    const uninterrupted = await a.step(2);
    const b = new GanTrainer(buildDcgan({ ...gcfg, seed: 5 }), data, config, objective);
    expect((await resumeFromLatest(b, runDir))?.step).toBe(2);
    expect(await b.step(2)).toEqual(uninterrupted);
    expect(await readdir(join(runDir, 'checkpoints', 'step-000000002'))).toEqual(
      expect.arrayContaining(['model-generator', 'model-discriminator', 'optimizer-generator.bin', 'optimizer-discriminator.json', 'state.json']),
    );
    a.dispose();
    b.dispose();
  });

  it('a checkpoint from another architecture is refused with a clear error', async () => {
    const data = { x: tf.randomNormal([16, 6]), y: tf.tensor1d(Array.from({ length: 16 }, (_, i) => i % 3), 'int32'), numClasses: 3 };
    const runDir = join(root, 'mismatch');
    const a = new ClassifierTrainer(buildMlp([6], 3, 8, 1), data, cfg({}));
    await runTrainingLoop(a, { totalSteps: 1, runDir });
    const b = new ClassifierTrainer(buildMlp([6], 3, 16, 1), data, cfg({}));
    await expect(resumeFromLatest(b, runDir)).rejects.toThrow(/shape/);
  });
});
