// Whether the active tfjs backend can read a tensor synchronously (dataSync). GPU backends in Node
// (webgpu on Dawn) cannot; code that must read inside a gradient tape picks an on-device path there.
import * as tf from '@tensorflow/tfjs';

/** Backends whose tensors live on a GPU and read back only asynchronously. */
const asyncOnly = new Set(['webgpu', 'webgl']);

/** True on cpu, wasm, tensorflow (tfjs-node / -gpu); false on webgpu and webgl. */
export function readsSynchronously(): boolean {
  return !asyncOnly.has(tf.getBackend());
}
