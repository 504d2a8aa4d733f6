// What a low-resolution weak supervisor sees (issue 9): each image averaged down to side×side pixels and
// upsampled back (nearest neighbour) to its own size, so any weak architecture takes it unchanged while
// every detail finer than a low-resolution pixel is gone.
import * as tf from '@tensorflow/tfjs';

/**
 * @param x [N, H, W, C] images in the classifier's range
 * @param side pixels of the low-resolution grid (1 ≤ side ≤ min(H, W))
 * @returns [N, H, W, C] (the caller disposes it). When H and W are multiples of `side` the downsampling is an
 * exact block average; otherwise bilinear resampling.
 */
export function lowResolutionView(x: tf.Tensor4D, side: number): tf.Tensor4D {
  const [, h, w] = x.shape;
  return tf.tidy(() => {
    const small = h % side === 0 && w % side === 0
      ? tf.avgPool(x, [h / side, w / side], [h / side, w / side], 'valid')
      : tf.image.resizeBilinear(x, [side, side]);
    return tf.image.resizeNearestNeighbor(small, [h, w]);
  });
}
