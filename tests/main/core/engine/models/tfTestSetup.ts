// Shared set-up of the engine tests: the pure-JS cpu backend (deterministic, always available) and the
// tensor-leak assertion every model gets (burn-in step, then a constant tensor count).
import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';

let ready: Promise<void> | null = null;

/** Selects the cpu backend once per test file. */
export function useCpuBackend(): Promise<void> {
  ready ??= (async () => {
    await tf.setBackend('cpu');
    await tf.ready();
  })();
  return ready;
}

/** Runs `step` once (burn-in: optimizer slots appear), then `times` more with `numTensors` unchanged. */
/** expectNoTensorLeak for a step that reads its results back asynchronously (the training steps). */
export async function expectNoTensorLeakAsync(step: () => Promise<void>, times = 3): Promise<void> {
  await step();
  const before = tf.memory().numTensors;
  for (let i = 0; i < times; i++) {
    await step();
    expect(tf.memory().numTensors).toBe(before);
  }
}

export function expectNoTensorLeak(step: () => void, times = 3): void {
  step();
  const before = tf.memory().numTensors;
  for (let i = 0; i < times; i++) {
    step();
    expect(tf.memory().numTensors).toBe(before);
  }
}
