// Every weight of a list of layers models as one GenerativeModelState and back (names and shapes checked), so
// every loop adapter (GAN: G and D; InfoGAN: G, D and Q; diffusion: UNet and EMA) saves and warm-starts its networks through it.
import * as tf from '@tensorflow/tfjs';
import { WorkbenchError } from '@shared/errors';
import type { GenerativeModelState } from './generativeModel';

/** Copies every weight (trainable and not) of `models`, in order, into one float32 buffer. */
export async function saveModelsState(models: tf.LayersModel[], architecture: string): Promise<GenerativeModelState> {
  const vars = models.flatMap((m) => m.weights);
  const read = await Promise.all(vars.map((v) => v.read().data())); // all weights in one wait
  const values = new Float32Array(read.reduce((s, d) => s + d.length, 0));
  let offset = 0;
  for (const d of read) {
    values.set(d, offset);
    offset += d.length;
  }
  return { format: 'generative-model-state/1', architecture, names: vars.map((v) => v.originalName), shapes: vars.map((v) => v.shape as number[]), values };
}

/**
 * Loads a state saved by saveModelsState into models of the same architecture.
 * @throws WorkbenchError('invalid-input') naming the weight (or the architecture) that does not match
 */
export function loadModelsState(state: GenerativeModelState, models: tf.LayersModel[], architecture: string, description: string): void {
  const vars = models.flatMap((m) => m.weights);
  if (state.format !== 'generative-model-state/1' || state.architecture !== architecture || state.names.length !== vars.length) {
    throw new WorkbenchError('invalid-input', `saved model state does not belong to this ${description}`, { architecture: state.architecture });
  }
  let offset = 0;
  const tensors: tf.Tensor[] = [];
  try {
    for (let i = 0; i < vars.length; i++) {
      const v = vars[i];
      const shape = state.shapes[i];
      if (state.names[i] !== v.originalName || !tf.util.arraysEqual(shape, v.shape as number[])) {
        throw new WorkbenchError('invalid-input', `saved weight ${state.names[i]} [${shape}] does not match ${v.originalName} [${v.shape}]`, { weight: v.originalName });
      }
      const size = shape.reduce((a, b) => a * b, 1);
      if (offset + size > state.values.length) throw new WorkbenchError('invalid-input', 'saved model state is truncated');
      tensors.push(tf.tensor(state.values.subarray(offset, offset + size), shape, v.dtype));
      offset += size;
    }
    if (offset !== state.values.length) throw new WorkbenchError('invalid-input', 'saved model state has more values than the model has weights');
    let start = 0;
    for (const m of models) {
      m.setWeights(tensors.slice(start, start + m.weights.length));
      start += m.weights.length;
    }
  } finally {
    tf.dispose(tensors);
  }
}
