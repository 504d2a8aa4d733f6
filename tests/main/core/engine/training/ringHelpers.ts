// The ring-of-8 toy for GAN tests: 8 Gaussian modes on a circle, seeded.
import * as tf from '@tensorflow/tfjs';
import { randomStream } from '../../../../../src/main/core/math/randomStream';
import { standardNormal } from '../../../../../src/main/core/math/normal';

export const RING_RADIUS = 2;
export const ringModes = Array.from({ length: 8 }, (_, k) => [RING_RADIUS * Math.cos((2 * Math.PI * k) / 8), RING_RADIUS * Math.sin((2 * Math.PI * k) / 8)]);

/** n points [n, 2]: a uniformly chosen mode plus N(0, std²) noise. */
export function ringOf8(n: number, seed: number, std = 0.05): tf.Tensor2D {
  const rng = randomStream(seed, 0, 0, 99);
  const out = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    const [mx, my] = ringModes[Math.floor(rng.nextDouble() * 8)];
    out[2 * i] = mx + std * standardNormal(rng);
    out[2 * i + 1] = my + std * standardNormal(rng);
  }
  return tf.tensor2d(out, [n, 2]);
}

/** Mean distance of points [n, 2] to their nearest mode. */
export function meanDistanceToModes(points: tf.Tensor2D): number {
  const v = points.dataSync();
  let sum = 0;
  for (let i = 0; i < v.length; i += 2) {
    sum += Math.min(...ringModes.map(([x, y]) => Math.hypot(v[i] - x, v[i + 1] - y)));
  }
  return sum / (v.length / 2);
}
