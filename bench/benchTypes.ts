// Shape of one benchmark measurement, as printed by `npm run bench`.
export interface BenchResult {
  /** What was measured, e.g. "Gaussian loop d=100 n=1000 T=100 × 100 seeds". */
  name: string;
  value: number;
  unit: string;
  /** Target from the issue, in the same unit, with the direction that is good. */
  target?: { value: number; better: 'lower' | 'higher' };
  /** A baseline measured in the same run, and how ours compares (ours / baseline). */
  baseline?: { name: string; value: number };
  /** Peak resident memory during the measurement, MiB, when measured. */
  peakMemoryMiB?: number;
  note?: string;
}

export type Bench = { title: string; run: () => Promise<BenchResult[]> };
