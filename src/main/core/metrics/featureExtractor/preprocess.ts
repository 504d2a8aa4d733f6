// The one input convention of every feature extractor (default, cached or user model): uint8 pixels become
// float32 in [0, 1] by dividing by 255, NHWC. Real images, generated samples and imported datasets all pass
// through here, so their features are comparable; a user model must expect the same scaling.
import * as tf from '@tensorflow/tfjs';

/** Images [start, start+count) of a count×H×W×C uint8 buffer as a float32 tensor [count, H, W, C] in [0, 1]. */
export function imagesToTensor(images: Uint8Array, start: number, count: number, height: number, width: number, channels: number): tf.Tensor4D {
  const size = height * width * channels;
  const pixels = new Float32Array(count * size);
  const offset = start * size;
  for (let i = 0; i < pixels.length; i++) pixels[i] = images[offset + i] / 255;
  return tf.tensor4d(pixels, [count, height, width, channels]);
}
