// Seeded weight initialisers: tfjs initialisers draw from Math.random unless given a seed, so every layer of
// the zoo takes its initialiser from one of these counters and equal config seeds give equal weights.
import * as tf from '@tensorflow/tfjs';

type Initializer = ReturnType<typeof tf.initializers.glorotUniform>;

/** tfjs treats a seed of 0 as "no seed" (`seed ? seed : Math.random()`), so 0 is handed out as this instead. */
const SEED_FOR_ZERO = 0x6a09e667;

/**
 * Hands out initialisers whose seeds are `seed`, `seed + 1`, … in layer-creation order (0 replaced by
 * SEED_FOR_ZERO, so the default seed 0 is as reproducible as any other).
 */
export class SeededInit {
  private next: number;

  constructor(seed: number) {
    this.next = seed >>> 0;
  }

  private take(): number {
    const s = this.next;
    this.next = (this.next + 1) >>> 0;
    return s === 0 ? SEED_FOR_ZERO : s;
  }

  /** Glorot-uniform (the tfjs default for dense and conv kernels), seeded. */
  glorot(): Initializer {
    return tf.initializers.glorotUniform({ seed: this.take() });
  }

  /** He-normal (for ReLU stacks such as the ResNet blocks), seeded. */
  he(): Initializer {
    return tf.initializers.heNormal({ seed: this.take() });
  }

  /** N(0, stddev) — DCGAN initialises every weight with stddev 0.02. */
  normal(stddev = 0.02, mean = 0): Initializer {
    return tf.initializers.randomNormal({ mean, stddev, seed: this.take() });
  }
}
