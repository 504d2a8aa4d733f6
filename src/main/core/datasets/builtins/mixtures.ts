// The classic 2-D mode-collapse toys as point datasets with a class per mode: a ring of 8 Gaussians
// (radius 2, σ 0.02, as in Metz et al.'s unrolled GAN) and a 5×5 grid (means −4…4 step 2, σ 0.05).
// Item i depends only on (seed, split, i): mode uniform at random, then an isotropic Gaussian around it.
import type { PointsLayout, SplitName } from '../datasetFormat';
import { Rng } from '../rng';

export type MixtureKind = 'ring8' | 'grid25';

export interface MixtureSpec {
  kind: MixtureKind;
  seed: number;
  /** Standard deviation of every mode; default 0.02 (ring8) or 0.05 (grid25). */
  std?: number;
}

export interface MixtureModes {
  /** K×2 mode means. */
  means: Float32Array;
  std: number;
  names: string[];
}

export const mixtureLayout: PointsLayout = { kind: 'points', dims: 2 };
const SPLIT_STREAM: Record<SplitName, number> = { train: 11, test: 12 };

export function mixtureModes(kind: MixtureKind, std?: number): MixtureModes {
  if (kind === 'ring8') {
    const means = new Float32Array(16);
    const names: string[] = [];
    for (let k = 0; k < 8; k++) {
      const a = (2 * Math.PI * k) / 8;
      means[2 * k] = 2 * Math.cos(a);
      means[2 * k + 1] = 2 * Math.sin(a);
      names.push(`${k * 45}°`);
    }
    return { means, std: std ?? 0.02, names };
  }
  const means = new Float32Array(50);
  const names: string[] = [];
  for (let k = 0; k < 25; k++) {
    const x = -4 + 2 * (k % 5), y = -4 + 2 * Math.floor(k / 5);
    means[2 * k] = x;
    means[2 * k + 1] = y;
    names.push(`(${x}, ${y})`);
  }
  return { means, std: std ?? 0.05, names };
}

/** Points [start, start+count) of `split`: count×2 float32 and their mode labels. */
export function sampleMixture(spec: MixtureSpec, split: SplitName, start: number, count: number): { points: Float32Array; labels: Int32Array } {
  const modes = mixtureModes(spec.kind, spec.std);
  const k = modes.means.length / 2;
  const points = new Float32Array(2 * count);
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const rng = new Rng(spec.seed, SPLIT_STREAM[split], start + i);
    const mode = rng.int(k);
    labels[i] = mode;
    points[2 * i] = modes.means[2 * mode] + modes.std * rng.normal();
    points[2 * i + 1] = modes.means[2 * mode + 1] + modes.std * rng.normal();
  }
  return { points, labels };
}
