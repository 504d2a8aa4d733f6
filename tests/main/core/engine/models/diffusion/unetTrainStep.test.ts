// A UNet train step on wasm, the CPU backend the app trains on (the pure-JS cpu backend needs tens of seconds
// per backward pass of even a tiny UNet): repeated steps change the weights without leaking tensors.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { unetDefaults, type UnetConfig } from '@shared/config/models/unetConfig';
import { selectBackend } from '../../../../../../src/main/core/engine/backend';
import { buildUnet, predictEps } from '../../../../../../src/main/core/engine/models/diffusion';
import { trainableVariables } from '../../../../../../src/main/core/engine/training/optimizers';
import { expectNoTensorLeakAsync } from '../tfTestSetup';

beforeAll(async () => {
  await selectBackend({ preference: 'wasm', env: {} });
});

const tiny = (over: Partial<UnetConfig> = {}): UnetConfig => ({ ...unetDefaults, width: 8, channelMultipliers: [1, 2], groups: 4, ...over });

describe('UNet training step', () => {
  it('a train step (Adam on ‖ε̂ − ε‖²) changes the weights and leaks no tensor', async () => {
    const config = tiny({ numClasses: 4 });
    const unet = buildUnet(config);
    const opt = tf.train.adam(1e-3);
    const vars = trainableVariables(unet);
    const x = tf.randomNormal([2, 28, 28, 1], 0, 1, 'float32', 3);
    const target = tf.randomNormal([2, 28, 28, 1], 0, 1, 'float32', 4);
    const y = Int32Array.from([1, 4]);
    const before = vars.find((v) => v.name.includes('conv_out'))!.dataSync().slice();
    await expectNoTensorLeakAsync(async () => {
      const loss = tf.tidy(() => opt.minimize(() => tf.mean(tf.square(tf.sub(predictEps(unet, x, Int32Array.from([3, 90]), y, true), target))) as tf.Scalar, true, vars)!);
      await loss.data();
      loss.dispose();
    });
    expect(Array.from(vars.find((v) => v.name.includes('conv_out'))!.dataSync())).not.toEqual(Array.from(before));
    tf.dispose([x, target]);
    opt.dispose();
    unet.dispose();
  });

});
