// The building blocks of the DDPM UNet and the noise-conditional classifier (Ho et al. 2020; guided-diffusion
// unet.py), each as a declare (weights into a ParamStore) / apply (tfjs ops) pair over NHWC tensors.
import * as tf from '@tensorflow/tfjs';
import { groupNorm } from './groupNorm';
import type { ParamStore } from './paramStore';

/** SiLU / swish, x·σ(x), the DDPM UNet's activation. */
export const silu = (x: tf.Tensor): tf.Tensor => tf.mul(x, tf.sigmoid(x));

/** Same-padded convolution with bias. @param x [N, H, W, cin] @returns [N, H/stride, W/stride, cout] */
export function conv(p: ParamStore, name: string, x: tf.Tensor4D, stride: 1 | 2 = 1): tf.Tensor4D {
  return tf.add(tf.conv2d(x, p.get(`${name}/kernel`) as tf.Tensor4D, stride, 'same'), p.get(`${name}/bias`)) as tf.Tensor4D;
}

/** @param x [N, in] @returns [N, out] */
export function dense(p: ParamStore, name: string, x: tf.Tensor2D): tf.Tensor2D {
  return tf.add(tf.matMul(x, p.get(`${name}/kernel`) as tf.Tensor2D), p.get(`${name}/bias`)) as tf.Tensor2D;
}

export function norm(p: ParamStore, name: string, x: tf.Tensor4D, groups: number): tf.Tensor4D {
  return groupNorm(x, p.get(`${name}/gamma`), p.get(`${name}/beta`), groups);
}

/** Time-embedding MLP: sinusoid [N, w] → dense 4w → SiLU → dense 4w. */
export function declareEmbeddingMlp(p: ParamStore, width: number): void {
  p.dense('temb0', width, 4 * width);
  p.dense('temb1', 4 * width, 4 * width);
}
export function embeddingMlp(p: ParamStore, sinusoid: tf.Tensor2D): tf.Tensor2D {
  return dense(p, 'temb1', silu(dense(p, 'temb0', sinusoid)) as tf.Tensor2D);
}

/**
 * Residual block: GN → SiLU → conv3 (cout) + dense(SiLU(emb)) per channel → GN → SiLU → conv3, plus the input
 * (through a 1×1 conv when cin ≠ cout).
 */
export function declareResBlock(p: ParamStore, name: string, cin: number, cout: number, embDim: number): void {
  p.norm(`${name}/norm1`, cin);
  p.conv(`${name}/conv1`, 3, cin, cout);
  p.dense(`${name}/emb`, embDim, cout);
  p.norm(`${name}/norm2`, cout);
  p.conv(`${name}/conv2`, 3, cout, cout);
  if (cin !== cout) p.conv(`${name}/skip`, 1, cin, cout);
}
/** @param h [N, H, W, cin] @param emb [N, embDim] @returns [N, H, W, cout] */
export function resBlock(p: ParamStore, name: string, h: tf.Tensor4D, emb: tf.Tensor2D, groups: number, cin: number, cout: number): tf.Tensor4D {
  let a = conv(p, `${name}/conv1`, silu(norm(p, `${name}/norm1`, h, groups)) as tf.Tensor4D);
  const e = dense(p, `${name}/emb`, silu(emb) as tf.Tensor2D);
  a = tf.add(a, tf.reshape(e, [e.shape[0], 1, 1, cout])) as tf.Tensor4D;
  a = conv(p, `${name}/conv2`, silu(norm(p, `${name}/norm2`, a, groups)) as tf.Tensor4D);
  const skip = cin === cout ? h : conv(p, `${name}/skip`, h);
  return tf.add(skip, a) as tf.Tensor4D;
}

/** Single-head self-attention over the H·W positions, residual, output projection zero-initialised. */
export function declareAttention(p: ParamStore, name: string, channels: number): void {
  p.norm(`${name}/norm`, channels);
  p.dense(`${name}/qkv`, channels, 3 * channels);
  p.dense(`${name}/proj`, channels, channels, true);
}
/** @param h [N, H, W, C] @returns [N, H, W, C] */
export function attention(p: ParamStore, name: string, h: tf.Tensor4D, groups: number): tf.Tensor4D {
  const [n, hh, ww, c] = h.shape;
  const flat = tf.reshape(norm(p, `${name}/norm`, h, groups), [n * hh * ww, c]) as tf.Tensor2D;
  const qkv = tf.reshape(dense(p, `${name}/qkv`, flat), [n, hh * ww, 3 * c]);
  const [q, k, v] = tf.split(qkv, 3, 2) as tf.Tensor3D[];
  const weights = tf.softmax(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(c)));
  const out = tf.reshape(tf.matMul(weights, v), [n * hh * ww, c]) as tf.Tensor2D;
  return tf.add(h, tf.reshape(dense(p, `${name}/proj`, out), [n, hh, ww, c])) as tf.Tensor4D;
}

/** ×2 nearest-neighbour upsampling by broadcasting (its gradient is a plain sum on every backend). */
export function upsampleNearest(x: tf.Tensor4D): tf.Tensor4D {
  const [n, h, w, c] = x.shape;
  const spread = tf.mul(tf.reshape(x, [n * h, 1, w, 1, c]), tf.ones([1, 2, 1, 2, 1]));
  return tf.reshape(spread, [n, 2 * h, 2 * w, c]) as tf.Tensor4D;
}
