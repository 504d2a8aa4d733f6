// Cost of the weak-to-strong metric suite per test item at 10 000 items, 10 classes: three models' accuracy,
// confusion, 15-bin reliability/ECE and Brier, agreement, item categories, confusion change, and the paired
// bootstrap with 1 000 resamples (the default), which dominates; the bootstrap alone is reported too.
import { performance } from 'node:perf_hooks';
import type { Bench, BenchResult } from './benchTypes';
import { standardNormal } from '../src/main/core/math/normal';
import { randomStream } from '../src/main/core/math/randomStream';
import { argmaxPredictions, correctness, pairedBootstrap, weakToStrongMetrics } from '../src/main/core/metrics/weakToStrong';

const N = 10_000;
const K = 10;
const RESAMPLES = 1000;
const REPETITIONS = 5;

/** Seeded softmax probabilities whose logits favour the true class by `strength`. */
function probabilities(labels: Int32Array, strength: number, stream: number): Float32Array {
  const rng = randomStream(909, 0, 0, stream);
  const out = new Float32Array(N * K);
  const row = new Float64Array(K);
  for (let i = 0; i < N; i++) {
    let max = -Infinity;
    for (let c = 0; c < K; c++) {
      row[c] = standardNormal(rng) + (c === labels[i] ? strength : 0);
      max = Math.max(max, row[c]);
    }
    let sum = 0;
    for (let c = 0; c < K; c++) sum += row[c] = Math.exp(row[c] - max);
    for (let c = 0; c < K; c++) out[i * K + c] = row[c] / sum;
  }
  return out;
}

function medianMs(fn: () => void): number {
  fn(); // warm-up (JIT)
  const times: number[] = [];
  for (let r = 0; r < REPETITIONS; r++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(REPETITIONS / 2)];
}

const bench: Bench = {
  title: 'Weak-to-strong metrics',
  async run(): Promise<BenchResult[]> {
    const labelRng = randomStream(909, 0, 0, 0);
    const labels = Int32Array.from({ length: N }, () => Math.floor(labelRng.nextDouble() * K));
    const weak = probabilities(labels, 1.5, 1);
    const student = probabilities(labels, 2.5, 2);
    const ceiling = probabilities(labels, 3.5, 3);
    let pgr: number | null = null;
    const suiteMs = medianMs(() => {
      const m = weakToStrongMetrics({ labels, k: K, weak, student, ceiling, rng: randomStream(909, 0, 0, 4), bootstrap: { resamples: RESAMPLES } });
      pgr = m.pgr.value;
    });
    const right = [weak, student, ceiling].map((p) => correctness(labels, argmaxPredictions(p, K)));
    const bootstrapMs = medianMs(() => pairedBootstrap(right[0], right[1], right[2], randomStream(909, 0, 0, 4), { resamples: RESAMPLES }));
    return [
      {
        name: `metric suite per test item (N = ${N}, K = ${K}, ${RESAMPLES} bootstrap resamples, 3 models)`,
        value: (suiteMs * 1000) / N,
        unit: 'µs/item',
        note: `whole suite ${suiteMs.toFixed(1)} ms, median of ${REPETITIONS}; PGR ${pgr === null ? 'undefined' : (pgr as number).toFixed(3)}`,
      },
      {
        name: `paired bootstrap alone per test item (${RESAMPLES} resamples)`,
        value: (bootstrapMs * 1000) / N,
        unit: 'µs/item',
        note: `${bootstrapMs.toFixed(1)} ms = ${((bootstrapMs * 1e6) / (N * RESAMPLES)).toFixed(2)} ns per resampled item`,
      },
    ];
  },
};

export default bench;
