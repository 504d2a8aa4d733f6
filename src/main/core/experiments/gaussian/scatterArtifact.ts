// The 2-D scatter artifact of a generation: points drawn from the first seed's model N(μₜ, λΣₜ) (the
// reference itself for generation 0), projected on Σ₀'s two main eigen-axes relative to μ₀, with the
// reference's 1-σ ellipse on those axes. The renderer overlays the generations to show collapse.
import { standardNormal } from '../../math/normal';
import { randomStream } from '../../math/randomStream';
import { gaussianStreams } from './gaussianStreams';
import type { GaussianModel } from './gaussianModel';
import type { SimulationFrame } from './simulationFrame';

export interface ScatterArtifact {
  generation: number;
  axes: ['axis 1', 'axis 2'];
  /** [coordinate on axis 1, coordinate on axis 2] per point; the second is 0 when d = 1. */
  points: Array<[number, number]>;
  /** 1-σ semi-axes of the reference on the two axes: √ of Σ₀'s two largest eigenvalues. */
  referenceEllipse: { sx: number; sy: number };
}

/** `scatter/gen-0003.json` for generation 3. */
export function scatterArtifactName(generation: number): string {
  return `scatter/gen-${String(generation).padStart(4, '0')}.json`;
}

/** Six significant digits: the plot needs no more, and the artifact stays small. */
function round6(x: number): number {
  return Number(x.toPrecision(6));
}

/**
 * `count` points of N(model.mean, c·Σ_model) projected on the frame's two main axes, relative to μ₀.
 * Stream (baseSeed, 0, generation, scatter). In the eigenframe the two coordinates only need two normals
 * per point (the factor is lower triangular); in the original frame each point is drawn in full.
 */
export function scatterArtifact(frame: SimulationFrame, model: GaussianModel, c: number, count: number, baseSeed: number, generation: number): ScatterArtifact {
  const d = frame.d;
  const rng = randomStream(baseSeed, 0, generation, gaussianStreams.scatter);
  const sc = Math.sqrt(c);
  const l = model.chol;
  const mu0 = frame.reference.mean;
  const points: Array<[number, number]> = [];
  if (frame.kind === 'eigenbasis') {
    for (let p = 0; p < count; p++) {
      const z0 = standardNormal(rng);
      const z1 = d > 1 ? standardNormal(rng) : 0;
      const x = model.mean[0] - mu0[0] + sc * l[0] * z0;
      const y = d > 1 ? model.mean[1] - mu0[1] + sc * (l[d] * z0 + l[d + 1] * z1) : 0;
      points.push([round6(x), round6(y)]);
    }
  } else {
    const z = new Float64Array(d);
    const [a0, a1] = frame.axes;
    for (let p = 0; p < count; p++) {
      for (let i = 0; i < d; i++) z[i] = standardNormal(rng);
      let x = 0;
      let y = 0;
      for (let i = 0; i < d; i++) {
        let w = 0;
        const ri = i * d;
        for (let k = 0; k <= i; k++) w += l[ri + k] * z[k];
        const coordinate = model.mean[i] - mu0[i] + sc * w;
        x += coordinate * a0[i];
        y += coordinate * a1[i];
      }
      points.push([round6(x), round6(y)]);
    }
  }
  return {
    generation,
    axes: ['axis 1', 'axis 2'],
    points,
    referenceEllipse: { sx: Math.sqrt(frame.eigenvalues[0]), sy: d > 1 ? Math.sqrt(frame.eigenvalues[1]) : 0 },
  };
}
