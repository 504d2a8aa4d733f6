// Plain-TS reference classifiers used to show Shapes-10 separates weak from strong models: multinomial
// logistic regression on raw pixels (the "linear" model), and a tiny CNN (conv 5×5 × F → ReLU → 2×2
// max-pool → dense) trained by SGD with hand-written backprop. Deterministic given the seed.
import { Rng } from '../../../../../src/main/core/datasets/rng';

export interface Split {
  /** n×d pixels scaled to [0, 1]. */
  x: Float32Array;
  y: Int32Array;
  n: number;
  d: number;
}

export function toSplit(images: Uint8Array, labels: Int32Array): Split {
  const n = labels.length;
  const x = new Float32Array(images.length);
  for (let i = 0; i < images.length; i++) x[i] = images[i] / 255;
  return { x, y: labels, n, d: images.length / n };
}

function softmaxInPlace(z: Float32Array): void {
  let m = -Infinity;
  for (const v of z) m = Math.max(m, v);
  let s = 0;
  for (let k = 0; k < z.length; k++) s += z[k] = Math.exp(z[k] - m);
  for (let k = 0; k < z.length; k++) z[k] /= s;
}

/** Softmax regression, SGD with lr decay and L2; returns test accuracy. */
export function logisticRegression(train: Split, test: Split, classes: number, epochs = 15, seed = 0): { trainAcc: number; testAcc: number } {
  const { d } = train;
  const w = new Float32Array(classes * d);
  const b = new Float32Array(classes);
  const rng = new Rng(seed);
  const order = Array.from({ length: train.n }, (_, i) => i);
  const z = new Float32Array(classes);
  const predict = (s: Split, i: number): number => {
    let best = 0, bestV = -Infinity;
    for (let k = 0; k < classes; k++) {
      let v = b[k];
      for (let j = 0, o = k * d, xo = i * d; j < d; j++) v += w[o + j] * s.x[xo + j];
      if (v > bestV) { bestV = v; best = k; }
    }
    return best;
  };
  for (let e = 0; e < epochs; e++) {
    for (let i = order.length - 1; i > 0; i--) { const j = rng.int(i + 1); [order[i], order[j]] = [order[j], order[i]]; }
    const lr = 0.05 / (1 + e);
    for (const i of order) {
      const xo = i * d;
      for (let k = 0; k < classes; k++) {
        let v = b[k];
        for (let j = 0, o = k * d; j < d; j++) v += w[o + j] * train.x[xo + j];
        z[k] = v;
      }
      softmaxInPlace(z);
      z[train.y[i]] -= 1;
      for (let k = 0; k < classes; k++) {
        const g = z[k];
        b[k] -= lr * g;
        for (let j = 0, o = k * d; j < d; j++) w[o + j] -= lr * (g * train.x[xo + j] + 1e-4 * w[o + j]);
      }
    }
  }
  const acc = (s: Split): number => { let ok = 0; for (let i = 0; i < s.n; i++) if (predict(s, i) === s.y[i]) ok++; return ok / s.n; };
  return { trainAcc: acc(train), testAcc: acc(test) };
}

/** conv(5×5, F filters, valid) → ReLU → maxpool 2×2 → dense; square single-channel images of side `side`. */
export function tinyCnn(train: Split, test: Split, classes: number, side: number, epochs = 4, filters = 8, seed = 0): { testAcc: number } {
  const K = 5, C = side - K + 1, P = Math.floor(C / 2), H = filters * P * P;
  const rng = new Rng(seed, 7);
  const cw = Float32Array.from({ length: filters * K * K }, () => rng.normal() * Math.sqrt(2 / (K * K)));
  const cb = new Float32Array(filters);
  const dw = Float32Array.from({ length: classes * H }, () => rng.normal() * Math.sqrt(1 / H));
  const db = new Float32Array(classes);
  const conv = new Float32Array(filters * C * C);
  const pooled = new Float32Array(H);
  const argmax = new Int32Array(H);
  const z = new Float32Array(classes);
  const gPooled = new Float32Array(H);
  const forward = (s: Split, i: number): void => {
    const xo = i * s.d;
    for (let f = 0; f < filters; f++) for (let y = 0; y < C; y++) for (let x = 0; x < C; x++) {
      let v = cb[f];
      for (let ky = 0; ky < K; ky++) for (let kx = 0; kx < K; kx++) v += cw[(f * K + ky) * K + kx] * s.x[xo + (y + ky) * side + x + kx];
      conv[(f * C + y) * C + x] = v > 0 ? v : 0;
    }
    for (let f = 0; f < filters; f++) for (let y = 0; y < P; y++) for (let x = 0; x < P; x++) {
      let best = -1, bi = 0;
      for (let a = 0; a < 2; a++) for (let c = 0; c < 2; c++) { const idx = (f * C + 2 * y + a) * C + 2 * x + c; if (conv[idx] > best) { best = conv[idx]; bi = idx; } }
      const o = (f * P + y) * P + x;
      pooled[o] = best;
      argmax[o] = bi;
    }
    for (let k = 0; k < classes; k++) { let v = db[k]; for (let j = 0; j < H; j++) v += dw[k * H + j] * pooled[j]; z[k] = v; }
  };
  const order = Array.from({ length: train.n }, (_, i) => i);
  for (let e = 0; e < epochs; e++) {
    for (let i = order.length - 1; i > 0; i--) { const j = rng.int(i + 1); [order[i], order[j]] = [order[j], order[i]]; }
    const lr = 0.02 / (1 + 0.5 * e);
    for (const i of order) {
      forward(train, i);
      softmaxInPlace(z);
      z[train.y[i]] -= 1;
      gPooled.fill(0);
      for (let k = 0; k < classes; k++) {
        const g = z[k];
        db[k] -= lr * g;
        for (let j = 0; j < H; j++) { gPooled[j] += g * dw[k * H + j]; dw[k * H + j] -= lr * g * pooled[j]; }
      }
      const xo = i * train.d;
      for (let j = 0; j < H; j++) {
        const g = gPooled[j];
        if (g === 0 || pooled[j] <= 0) continue;
        const idx = argmax[j];
        const f = Math.floor(idx / (C * C)), rem = idx % (C * C), y = Math.floor(rem / C), x = rem % C;
        cb[f] -= lr * g;
        for (let ky = 0; ky < K; ky++) for (let kx = 0; kx < K; kx++) cw[(f * K + ky) * K + kx] -= lr * g * train.x[xo + (y + ky) * side + x + kx];
      }
    }
  }
  let ok = 0;
  for (let i = 0; i < test.n; i++) {
    forward(test, i);
    let best = 0;
    for (let k = 1; k < classes; k++) if (z[k] > z[best]) best = k;
    if (best === test.y[i]) ok++;
  }
  return { testAcc: ok / test.n };
}
