// Each wasm training kernel (added or replaced) against tfjs's cpu reference on random shapes: strides 1,
// 2, 3 and mixed, 'same' / 'valid' / explicit padding, odd sizes, batch 1, one and several channels.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectBackend } from '../../../../../src/main/core/engine/backend';
import { compareKernel, type HostTensor, randomHost, record, relativeError, seededValues, worstErrors } from './crossBackend';

/** Relative error bound: float32 sums of up to a few thousand terms, in a different order than cpu's. */
const bound = 2e-5;

type Pad = 'same' | 'valid' | [[0, 0], [number, number], [number, number], [0, 0]];
interface ConvCase { x: [number, number, number, number]; k: [number, number]; out: number; strides: number | [number, number]; pad: Pad }

const convCases: ConvCase[] = [
  { x: [1, 5, 5, 1], k: [3, 3], out: 1, strides: 1, pad: 'same' },
  { x: [1, 7, 7, 1], k: [3, 3], out: 2, strides: 2, pad: 'same' },
  { x: [2, 9, 9, 3], k: [3, 3], out: 4, strides: 1, pad: 'valid' },
  { x: [2, 10, 11, 3], k: [4, 4], out: 5, strides: 2, pad: 'valid' },
  { x: [3, 7, 7, 2], k: [2, 2], out: 3, strides: 3, pad: 'valid' },
  { x: [1, 13, 12, 3], k: [5, 3], out: 4, strides: [2, 3], pad: 'same' },
  { x: [2, 8, 9, 3], k: [1, 1], out: 2, strides: 3, pad: 'same' },
  { x: [1, 6, 6, 2], k: [3, 3], out: 2, strides: 2, pad: [[0, 0], [2, 1], [0, 3], [0, 0]] },
  { x: [2, 14, 14, 1], k: [4, 4], out: 8, strides: 2, pad: 'same' }, // DCGAN first D layer / last G layer
  { x: [4, 14, 14, 32], k: [4, 4], out: 16, strides: 2, pad: 'same' }, // DCGAN middle layer, narrower
  { x: [1, 5, 5, 3], k: [5, 5], out: 2, strides: 1, pad: 'valid' }, // filter as large as the image
  { x: [2, 11, 11, 4], k: [3, 3], out: 3, strides: 2, pad: 'same' },
];

const label = (c: ConvCase) => `x ${c.x.join('×')} k ${c.k.join('×')}→${c.out} s ${String(c.strides)} ${Array.isArray(c.pad) ? 'explicit' : c.pad}`;

function convOutShape(c: ConvCase, outChannels: number, depthwise = false): number[] {
  const filter = [c.k[0], c.k[1], c.x[3], depthwise ? outChannels / c.x[3] : outChannels] as [number, number, number, number];
  return tf.backend_util.computeConv2DInfo(c.x, filter, c.strides, 1, c.pad, undefined, depthwise).outShape;
}

beforeAll(async () => {
  await selectBackend({ preference: 'wasm', env: {} });
});

afterAll(() => {
  console.log('worst relative error per wasm kernel vs cpu:', Object.fromEntries([...worstErrors].map(([k, e]) => [k, e.toExponential(2)])));
});

describe('Conv2DBackpropFilter / Conv2DBackpropInput on wasm match cpu', () => {
  for (const [i, c] of convCases.entries()) {
    it(label(c), async () => {
      const filterShape = [c.k[0], c.k[1], c.x[3], c.out];
      const dy = randomHost(convOutShape(c, c.out), 100 + i);
      const base = { strides: c.strides, pad: c.pad, dataFormat: 'NHWC' };
      const eFilter = await compareKernel('Conv2DBackpropFilter', { x: randomHost(c.x, i), dy }, { ...base, filterShape });
      const eInput = await compareKernel('Conv2DBackpropInput', { dy, filter: randomHost(filterShape, 200 + i) }, { ...base, inputShape: c.x });
      record('Conv2DBackpropFilter', eFilter);
      record('Conv2DBackpropInput', eInput);
      expect(eFilter).toBeLessThan(bound);
      expect(eInput).toBeLessThan(bound);
    });
  }
});

describe('depthwise conv gradients on wasm match cpu', () => {
  const cases = convCases.filter((c) => c.x[3] <= 4).slice(0, 8);
  for (const [i, c] of cases.entries()) {
    for (const m of [1, 2]) {
      it(`${label(c)} multiplier ${m}`, async () => {
        const filterShape = [c.k[0], c.k[1], c.x[3], m];
        const dy = randomHost(convOutShape(c, c.x[3] * m, true), 300 + i);
        const base = { strides: c.strides, dilations: 1, pad: c.pad };
        const eFilter = await compareKernel('DepthwiseConv2dNativeBackpropFilter', { x: randomHost(c.x, 400 + i), dy }, { ...base, filterShape });
        const eInput = await compareKernel('DepthwiseConv2dNativeBackpropInput', { dy, filter: randomHost(filterShape, 500 + i) }, { ...base, inputShape: c.x });
        record('DepthwiseConv2dNativeBackpropFilter', eFilter);
        record('DepthwiseConv2dNativeBackpropInput', eInput);
        expect(eFilter).toBeLessThan(bound);
        expect(eInput).toBeLessThan(bound);
      });
    }
  }
});

describe('conv gradients on seeded random shapes (any stride 1–4, pads up to 4, filters up to 6)', () => {
  let state = 20240611;
  const int = (lo: number, hi: number) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return lo + (state % (hi - lo + 1));
  };
  const cases: Array<ConvCase & { m: number }> = [];
  while (cases.length < 24) {
    const x: ConvCase['x'] = [int(1, 3), int(1, 12), int(1, 12), int(1, 5)];
    const k: ConvCase['k'] = [int(1, 6), int(1, 6)];
    const r = int(0, 2);
    const pad: Pad = r === 0 ? 'same' : r === 1 ? 'valid' : [[0, 0], [int(0, 4), int(0, 4)], [int(0, 4), int(0, 4)], [0, 0]];
    const c: ConvCase & { m: number } = { x, k, out: int(1, 4), strides: [int(1, 4), int(1, 4)], pad, m: int(1, 3) };
    const [, oh, ow] = convOutShape(c, c.out);
    if (oh >= 1 && ow >= 1) cases.push(c);
  }
  for (const [i, c] of cases.entries()) {
    it(`${label(c)} (multiplier ${c.m})`, async () => {
      const base = { strides: c.strides, pad: c.pad };
      const filterShape = [c.k[0], c.k[1], c.x[3], c.out];
      const dy = randomHost(convOutShape(c, c.out), 600 + i);
      const dwShape = [c.k[0], c.k[1], c.x[3], c.m];
      const ddy = randomHost(convOutShape(c, c.x[3] * c.m, true), 700 + i);
      const errors: Array<[string, number]> = [
        ['Conv2DBackpropFilter', await compareKernel('Conv2DBackpropFilter', { x: randomHost(c.x, 800 + i), dy }, { ...base, dataFormat: 'NHWC', filterShape })],
        ['Conv2DBackpropInput', await compareKernel('Conv2DBackpropInput', { dy, filter: randomHost(filterShape, 900 + i) }, { ...base, dataFormat: 'NHWC', inputShape: c.x })],
        ['DepthwiseConv2dNativeBackpropFilter', await compareKernel('DepthwiseConv2dNativeBackpropFilter', { x: randomHost(c.x, 1000 + i), dy: ddy }, { ...base, dilations: 1, filterShape: dwShape })],
        ['DepthwiseConv2dNativeBackpropInput', await compareKernel('DepthwiseConv2dNativeBackpropInput', { dy: ddy, filter: randomHost(dwShape, 1100 + i) }, { ...base, dilations: 1, inputShape: c.x })],
      ];
      for (const [kernel, e] of errors) {
        record(kernel, e);
        expect(e, kernel).toBeLessThan(bound);
      }
    });
  }
});

describe('UnsortedSegmentSum on wasm matches cpu', () => {
  for (const [n, inner, segments] of [[1, [3], 4], [7, [2, 3], 5], [12, [4], 3], [30, [], 10]] as Array<[number, number[], number]>) {
    it(`${n} rows of [${inner.join('×')}] into ${segments} segments (with out-of-range ids)`, async () => {
      const ids = Int32Array.from(seededValues(n, n), (v) => Math.floor((v + 1) * 0.5 * (segments + 2)) - 1); // −1 … segments
      const x = randomHost([n, ...inner], 7 * n);
      const e = await compareKernel('UnsortedSegmentSum', { x, segmentIds: { values: ids, shape: [n], dtype: 'int32' } }, { numSegments: segments });
      record('UnsortedSegmentSum', e);
      expect(e).toBeLessThan(bound);
    });
  }
});

describe('BatchMatMul (transposed operands) on wasm matches cpu', () => {
  const cases: Array<[number[], number[], boolean, boolean]> = [
    [[5, 7], [5, 3], true, false],
    [[5, 7], [3, 7], false, true],
    [[7, 5], [3, 7], true, true],
    [[2, 4, 6], [2, 5, 6], false, true],
    [[1, 6, 4], [3, 6, 5], true, false], // broadcast batch
    [[64, 100], [64, 300], true, false], // dense-layer weight gradient shape
  ];
  for (const [i, [a, b, ta, tb]] of cases.entries()) {
    it(`${a.join('×')} · ${b.join('×')} transposeA=${ta} transposeB=${tb}`, async () => {
      const e = await compareKernel('BatchMatMul', { a: randomHost(a, i), b: randomHost(b, 50 + i) }, { transposeA: ta, transposeB: tb });
      record('BatchMatMul', e);
      expect(e).toBeLessThan(bound);
    });
  }
});

describe('Tile on wasm matches cpu', () => {
  const cases: Array<[number[], number[], 'float32' | 'int32']> = [
    [[3], [4], 'float32'],
    [[1, 1, 1, 5], [3, 4, 2, 1], 'float32'], // batch-norm statistics to an activation
    [[2, 3], [2, 1], 'int32'],
    [[2, 1, 3], [1, 4, 2], 'float32'],
    [[1, 2, 1, 2, 3], [2, 1, 3, 1, 2], 'float32'],
  ];
  for (const [shape, reps, dtype] of cases) {
    it(`${shape.join('×')} by ${reps.join('×')} (${dtype})`, async () => {
      const h = randomHost(shape, shape.length);
      const x: HostTensor = dtype === 'int32' ? { values: Int32Array.from(h.values, (v) => Math.round(v * 100)), shape, dtype } : h;
      const e = await compareKernel('Tile', { x }, { reps });
      record('Tile', e);
      expect(e).toBe(0);
    });
  }
});

describe('Identity on wasm', () => {
  it('returns the same values without copying the data (ref-counted, like the cpu backend)', async () => {
    await tf.setBackend('wasm');
    const x = tf.tensor2d([1, 2, 3, 4], [2, 2]);
    const before = tf.backend().numDataIds();
    const y = tf.engine().runKernel('Identity', { x }) as tf.Tensor;
    expect(tf.backend().numDataIds()).toBe(before); // shares x's buffer
    x.dispose();
    expect(Array.from(y.dataSync())).toEqual([1, 2, 3, 4]); // still alive through its own reference
    y.dispose();
    expect(tf.backend().numDataIds()).toBe(before - 1);
  });
});

describe('gradients through the ops layers use', () => {
  /** Gradient of sum(f(x, w) · r) w.r.t. x and w, on one backend. */
  async function grads(backend: 'wasm' | 'cpu', f: (x: tf.Tensor, w: tf.Tensor) => tf.Tensor, x: HostTensor, w: HostTensor): Promise<Float32Array[]> {
    await tf.setBackend(backend);
    return tf.tidy(() => {
      const xt = tf.tensor(x.values, x.shape, x.dtype);
      const wt = tf.tensor(w.values, w.shape, w.dtype);
      const y = f(xt, wt);
      const r = tf.tensor(seededValues(y.size, 9), y.shape);
      const g = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(f(a, b), r)));
      return g([xt, wt]).map((t) => Float32Array.from(t.dataSync()));
    });
  }
  const ops: Array<[string, (x: tf.Tensor, w: tf.Tensor) => tf.Tensor, number[], number[]]> = [
    ['conv2d stride 2 same', (x, w) => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 2, 'same'), [2, 9, 9, 3], [4, 4, 3, 5]],
    ['conv2dTranspose stride 2 same', (x, w) => tf.conv2dTranspose(x as tf.Tensor4D, w as tf.Tensor4D, [2, 14, 14, 4], 2, 'same'), [2, 7, 7, 6], [4, 4, 4, 6]],
    ['depthwiseConv2d stride 2 valid', (x, w) => tf.depthwiseConv2d(x as tf.Tensor4D, w as tf.Tensor4D, 2, 'valid'), [1, 9, 8, 3], [3, 3, 3, 2]],
    ['matMul (dense)', (x, w) => tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D), [6, 10], [10, 4]],
  ];
  for (const [name, f, xs, ws] of ops) {
    it(name, async () => {
      const x = randomHost(xs, 11);
      const w = randomHost(ws, 12);
      const ref = await grads('cpu', f, x, w);
      const got = await grads('wasm', f, x, w);
      for (let i = 0; i < ref.length; i++) expect(relativeError(got[i], ref[i])).toBeLessThan(bound);
    });
  }

  it('gather (embedding) gradient', async () => {
    const run = async (backend: 'wasm' | 'cpu') => {
      await tf.setBackend(backend);
      return tf.tidy(() => {
        const table = tf.tensor(seededValues(10 * 4, 3), [10, 4]);
        const ids = tf.tensor1d([1, 3, 3, 9, 0, 1], 'int32');
        return Float32Array.from(tf.grad((t: tf.Tensor) => tf.sum(tf.square(tf.gather(t, ids))))(table).dataSync());
      });
    };
    expect(relativeError(await run('wasm'), await run('cpu'))).toBeLessThan(bound);
  });
});
