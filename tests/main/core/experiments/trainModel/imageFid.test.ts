// FID of a DCGAN during training on Shapes-10 through a tiny user feature model (features + class head, so
// the grids also carry predicted classes). The default extractor is not trained here: on the pure-JS cpu
// backend its small CNN takes about a minute per step.
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleGridSchema } from '@shared/contract/neuralArtifacts';
import { fileSystemIO } from '../../../../../src/main/core/engine/training/fileSystemIO';
import { runTrainModel } from '../../../../../src/main/core/experiments/trainModel/trainModelExperiment';
import { useCpuBackend } from '../../engine/models/tfTestSetup';
import { contextFor, createWorkspace, ganConfig, type Workspace } from './trainModelFixtures';

let ws: Workspace;
let userModelPath: string;
beforeAll(async () => {
  await useCpuBackend();
  ws = await createWorkspace();
  // A random (untrained) feature network: conv → flatten → dense(6) = features → dense(10, softmax) = head.
  const x = tf.input({ shape: [28, 28, 1] });
  let h = tf.layers.conv2d({ filters: 2, kernelSize: 3, strides: 4, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }).apply(x) as tf.SymbolicTensor;
  h = tf.layers.flatten().apply(h) as tf.SymbolicTensor;
  h = tf.layers.dense({ units: 6, activation: 'tanh', kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }) }).apply(h) as tf.SymbolicTensor;
  const p = tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 5 }) }).apply(h) as tf.SymbolicTensor;
  const model = tf.model({ inputs: x, outputs: p });
  await model.save(fileSystemIO(join(ws.root, 'feature-model')));
  model.dispose();
  userModelPath = join(ws.root, 'feature-model', 'model.json');
});
afterAll(() => ws?.cleanup());

describe('train-model image FID', () => {
  it('records FID at every evaluation with a user feature model; grids carry its predicted classes', async () => {
    const before = tf.memory().numTensors;
    const ctx = contextFor(ws, ganConfig({ evalSamples: 40, featureModelPath: userModelPath, 'trainer.length': 4, evaluateEvery: 2 }));
    const summary = await runTrainModel(ctx);
    expect(tf.memory().numTensors).toBe(before);
    const fid = ctx.metrics.filter((m) => m.key === 'fid');
    expect(fid.map((m) => m.step)).toEqual([2, 4]);
    for (const m of fid) expect(m.value).toBeGreaterThan(0);
    expect(summary.final).toMatchObject({ fid: fid[1].value });
    expect(summary.notes).toContain('FID: 40 generated vs 40 test samples at every evaluation');
    for (const a of ctx.artifacts) {
      const grid = sampleGridSchema.parse(a.data);
      expect(grid.predicted).toHaveLength(4);
      for (const c of grid.predicted!) expect(c >= 0 && c < 10).toBe(true);
    }
  });

  it('asks for more samples than the test split holds: compares what there is and says so', async () => {
    const ctx = contextFor(ws, ganConfig({ evalSamples: 500, featureModelPath: userModelPath, 'trainer.length': 2, evaluateEvery: 2 }));
    const summary = await runTrainModel(ctx);
    expect(ctx.metrics.filter((m) => m.key === 'fid')).toHaveLength(1);
    expect(String(summary.notes)).toMatch(/the test split has only 100 items, so FID compares 100 samples per side instead of 500/);
  });
});
