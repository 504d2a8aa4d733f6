// The pretraining autoencoder and the classifiers built on its encoder: shapes (odd sides cropped back), seeded
// weights, no tensor leak in the pretraining, probe and fine-tuning steps, a frozen encoder that a probe's
// training leaves bit-identical, a fine-tuning that moves it, an exact resume of the pretraining mid-way,
// and bad settings named.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildConvAutoencoder, readEncoderWeights } from '../../../../../src/main/core/engine/models/convAutoencoder';
import { buildPretrainedClassifier } from '../../../../../src/main/core/engine/models/pretrainedClassifier';
import { AutoencoderTrainer } from '../../../../../src/main/core/engine/training/autoencoderTrainer';
import { ClassifierStepper } from '../../../../../src/main/core/engine/training/classifierStep';
import { runTrainingLoop } from '../../../../../src/main/core/engine/training/trainingLoop';
import { restoreParts, storeParts } from '../../../../../src/main/core/experiments/trainModel/tensorState';
import { expectNoTensorLeakAsync, useCpuBackend } from './tfTestSetup';

beforeAll(useCpuBackend);

const config = { width: 4, codeSize: 6 };

describe('convAutoencoder', () => {
  it.each([[[12, 12, 1]], [[9, 11, 3]]])('%j → reconstruction of the same shape in (0, 1), code [N, codeSize]', (shape) => {
    const ae = buildConvAutoencoder(shape, config, 3);
    const x = tf.randomUniform([2, ...shape], 0, 1, 'float32', 1);
    const y = ae.predict(x) as tf.Tensor;
    expect(y.shape).toEqual([2, ...shape]);
    const [min, max] = [y.min().dataSync()[0], y.max().dataSync()[0]];
    expect(min).toBeGreaterThan(0);
    expect(max).toBeLessThan(1);
    expect(ae.getLayer('enc_code').outputShape).toEqual([null, 6]);
    tf.dispose([x, y]);
    ae.dispose();
  });

  it('equal seeds give equal weights, other seeds others', async () => {
    const [a, b, c] = [1, 1, 2].map((s) => buildConvAutoencoder([8, 8, 1], config, s));
    const [wa, wb, wc] = await Promise.all([a, b, c].map(readEncoderWeights));
    expect(wa).toEqual(wb);
    expect(wa).not.toEqual(wc);
    [a, b, c].forEach((m) => m.dispose());
  });

  it('refuses points and bad sizes, naming the field', () => {
    expect(() => buildConvAutoencoder([5], config)).toThrow(/not an image/);
    expect(() => buildConvAutoencoder([8, 8, 1], { width: 0, codeSize: 4 })).toThrow(/width = 0/);
    expect(() => buildConvAutoencoder([8, 8, 1], { width: 2, codeSize: 1.5 })).toThrow(/codeSize = 1.5/);
  });

  it('a denoising pretraining step leaks no tensor and lowers the loss over 30 steps', async () => {
    const ae = buildConvAutoencoder([8, 8, 1], config, 5);
    const x = tf.randomUniform([40, 8, 8, 1], 0, 1, 'float32', 2) as tf.Tensor4D;
    const trainer = new AutoencoderTrainer(ae, x, { noise: 0.2, batchSize: 8, learningRate: 1e-2, seed: 9 });
    let step = 0;
    await expectNoTensorLeakAsync(async () => { await trainer.step(step++); });
    const first = (await trainer.step(step++)).loss;
    let last = first;
    for (let i = 0; i < 30; i++) last = (await trainer.step(step++)).loss;
    expect(last).toBeLessThan(first);
    trainer.dispose();
    ae.dispose();
    x.dispose();
  });

  it('a pretraining interrupted at step 7 and resumed from its checkpoint ends with the same weights and losses', async () => {
    const x = tf.randomUniform([32, 8, 8, 1], 0, 1, 'float32', 4) as tf.Tensor4D;
    const options = { noise: 0.3, batchSize: 8, learningRate: 5e-3, seed: 11 };
    const run = async (stopAt: number | null) => {
      const losses: number[] = [];
      let ae = buildConvAutoencoder([8, 8, 1], config, 7);
      let trainer = new AutoencoderTrainer(ae, x, options);
      const onStep = ({ losses: l }: { losses: Record<string, number> }) => { losses.push(l.loss); };
      if (stopAt !== null) {
        await runTrainingLoop(trainer, { totalSteps: stopAt, callbacks: { onStep } });
        const stored = await storeParts(trainer.checkpointParts());
        trainer.dispose();
        ae.dispose(); // the process dies: only the stored copy survives
        ae = buildConvAutoencoder([8, 8, 1], config, 7);
        trainer = new AutoencoderTrainer(ae, x, options);
        await restoreParts(stored, trainer.checkpointParts());
      }
      await runTrainingLoop(trainer, { totalSteps: 15, startStep: stopAt ?? 0, callbacks: { onStep } });
      const weights = await readEncoderWeights(ae);
      trainer.dispose();
      ae.dispose();
      return { losses, weights };
    };
    const whole = await run(null);
    const resumed = await run(7);
    expect(resumed.losses).toEqual(whole.losses);
    expect(resumed.weights).toEqual(whole.weights);
    x.dispose();
  });
});

describe('pretrainedClassifier', () => {
  const trainOnce = async (mode: 'probe' | 'finetune') => {
    const ae = buildConvAutoencoder([8, 8, 1], config, 5);
    const encoder = await readEncoderWeights(ae);
    ae.dispose();
    const model = buildPretrainedClassifier([8, 8, 1], config, encoder, 3, 21, mode);
    expect(await readEncoderWeights(model)).toEqual(encoder);
    const x = tf.randomUniform([6, 8, 8, 1], 0, 1, 'float32', 3);
    const logits = model.predict(x) as tf.Tensor;
    expect(logits.shape).toEqual([6, 3]);
    const targets = tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1, 2], 'int32'), 3) as tf.Tensor2D;
    const stepper = new ClassifierStepper(model, tf.train.adam(1e-2));
    await expectNoTensorLeakAsync(async () => { await stepper.step(x, targets); });
    const after = await readEncoderWeights(model);
    const trainable = model.trainableWeights.length;
    tf.dispose([x, logits, targets]);
    model.dispose();
    return { encoder, after, trainable };
  };

  it('probe: only the head trains; four steps leave the frozen encoder bit-identical and leak nothing', async () => {
    const { encoder, after, trainable } = await trainOnce('probe');
    expect(trainable).toBe(2);
    expect(after).toEqual(encoder);
  });

  it('finetune: encoder and head train; the encoder moves', async () => {
    const { encoder, after, trainable } = await trainOnce('finetune');
    expect(trainable).toBe(8);
    expect(after).not.toEqual(encoder);
  });

  it('refuses encoder weights of another configuration and frees the half-built model', async () => {
    const ae = buildConvAutoencoder([8, 8, 1], { width: 2, codeSize: 6 }, 5);
    const other = await readEncoderWeights(ae);
    ae.dispose();
    const before = tf.memory().numTensors;
    expect(() => buildPretrainedClassifier([8, 8, 1], config, other, 3, 1, 'probe')).toThrow(/does not fit enc_conv1/);
    expect(tf.memory().numTensors).toBe(before); // the half-built model is disposed
  });
});
