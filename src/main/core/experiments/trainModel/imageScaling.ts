// Pixel scalings of the train-model experiment in one place: datasets store uint8, GANs train on [−1, 1]
// (the DCGAN's tanh output range), classifiers on [0, 1]; samples go back to uint8 for artifacts and for
// the feature extractor, which takes uint8 like every real image.
import * as tf from '@tensorflow/tfjs';

/** uint8 pixels → float32 values for a GAN: v / 127.5 − 1, in [−1, 1]. */
export function uint8ToGanRange(pixels: Uint8Array, out: Float32Array, offset = 0): void {
  for (let i = 0; i < pixels.length; i++) out[offset + i] = pixels[i] / 127.5 - 1;
}

/** uint8 pixels → float32 values for a classifier: v / 255, in [0, 1]. */
export function uint8ToUnitRange(pixels: Uint8Array, out: Float32Array, offset = 0): void {
  for (let i = 0; i < pixels.length; i++) out[offset + i] = pixels[i] / 255;
}

/**
 * GAN images in [−1, 1] → uint8 (round((x + 1)·127.5), clamped to 0–255).
 * @param images [N, H, W, C] (not disposed) @returns N·H·W·C bytes, row-major HWC
 */
export async function ganImagesToUint8(images: tf.Tensor): Promise<Uint8Array> {
  const ints = tf.tidy(() => tf.cast(tf.clipByValue(tf.round(tf.mul(tf.add(images, 1), 127.5)), 0, 255), 'int32'));
  try {
    return Uint8Array.from(await ints.data());
  } finally {
    ints.dispose();
  }
}

/** Base64 of a byte array (the artifacts' pixel encoding). */
export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}
