// Model weights and optimizer slots as typed arrays inside an experiment checkpoint (ExperimentContext
// stores typed arrays exactly), so the host owns the checkpoint files. Same matching rules as the engine's
// file checkpoints (engine/training/checkpoint.ts): weights by name and shape, optimizers by class.
import * as tf from '@tensorflow/tfjs';
import { optimizerClassName as classNameOf, replaceOptimizerWeights } from '../../engine/training/optimizers';
import { WorkbenchError } from '@shared/errors';
import type { CheckpointParts } from '../../engine/training/checkpoint';

/** One tensor, exactly: float32 or int32 values with its name and shape. */
export interface StoredTensor {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32';
  values: Float32Array | Int32Array;
}

export interface StoredParts {
  /** Per model: every weight (trainable and not, e.g. batch-norm moving statistics), in model order. */
  models: Record<string, StoredTensor[]>;
  /** Per optimizer: its class and getWeights() (iteration count, then slots). */
  optimizers: Record<string, { className: string; weights: StoredTensor[] }>;
}


async function storeTensor(name: string, tensor: tf.Tensor): Promise<StoredTensor> {
  if (tensor.dtype !== 'float32' && tensor.dtype !== 'int32') {
    throw new WorkbenchError('internal', `cannot checkpoint ${name}: dtype ${tensor.dtype}`);
  }
  // .slice(): a backend may hand out its own buffer; the checkpoint must own a copy.
  const values = ((await tensor.data()) as Float32Array | Int32Array).slice();
  return { name, shape: [...tensor.shape], dtype: tensor.dtype, values };
}

function loadTensor(stored: StoredTensor): tf.Tensor {
  return tf.tensor(stored.values, stored.shape, stored.dtype);
}

/** Copies every model weight and optimizer slot out of the tensors (nothing is left allocated). */
export async function storeParts(parts: CheckpointParts): Promise<StoredParts> {
  const models: StoredParts['models'] = {};
  for (const [name, model] of Object.entries(parts.models)) {
    const list: StoredTensor[] = [];
    for (const w of model.weights) list.push(await storeTensor(w.originalName, w.read()));
    models[name] = list;
  }
  const optimizers: StoredParts['optimizers'] = {};
  for (const [name, optimizer] of Object.entries(parts.optimizers)) {
    const weights = await optimizer.getWeights();
    try {
      const list: StoredTensor[] = [];
      for (const w of weights) list.push(await storeTensor(w.name, w.tensor));
      optimizers[name] = { className: classNameOf(optimizer), weights: list };
    } finally {
      // getWeights returns the slots (variables, owned by the optimizer) plus a fresh step-count scalar.
      tf.dispose(weights.filter((w) => !(w.tensor instanceof tf.Variable)).map((w) => w.tensor));
    }
  }
  return { models, optimizers };
}

/**
 * Loads stored weights into models and optimizers built from the same config (the optimizers' current slots
 * are freed and replaced). A missing name, a shape or an optimizer class that differs is a `conflict` error
 * naming it: the checkpoint belongs to another configuration.
 */
export async function restoreParts(stored: StoredParts, parts: CheckpointParts): Promise<void> {
  for (const [name, model] of Object.entries(parts.models)) {
    const list = stored.models?.[name];
    if (!Array.isArray(list)) throw new WorkbenchError('conflict', `checkpoint has no weights for model ${name}; start a new run`);
    const byName = new Map(list.map((t) => [t.name, t]));
    const values = model.weights.map((w) => {
      const t = byName.get(w.originalName);
      if (!t) throw new WorkbenchError('conflict', `checkpoint has no weight ${w.originalName} for model ${name}; start a new run`, { weight: w.originalName });
      if (!tf.util.arraysEqual(t.shape, w.shape as number[])) {
        throw new WorkbenchError('conflict', `checkpoint weight ${w.originalName} has shape [${t.shape}], model ${name} expects [${w.shape}]`, { weight: w.originalName });
      }
      return t;
    });
    const tensors = values.map(loadTensor);
    try {
      model.setWeights(tensors);
    } finally {
      tf.dispose(tensors);
    }
  }
  for (const [name, optimizer] of Object.entries(parts.optimizers)) {
    const entry = stored.optimizers?.[name];
    if (!entry) throw new WorkbenchError('conflict', `checkpoint has no state for optimizer ${name}; start a new run`);
    if (entry.className !== classNameOf(optimizer)) {
      throw new WorkbenchError('conflict', `checkpoint optimizer ${name} is ${entry.className}, the run uses ${classNameOf(optimizer)}`);
    }
    const list = entry.weights.map((t) => ({ name: t.name, tensor: loadTensor(t) }));
    try {
      await replaceOptimizerWeights(optimizer, list);
    } finally {
      tf.dispose(list.map((w) => w.tensor));
    }
  }
}
