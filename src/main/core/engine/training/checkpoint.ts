// Checkpoints of a training run in its run directory: every model's weights (tfjs layout via fileSystemIO),
// every optimizer's slots and step, and the trainer state (step, seed — data order and noise are keyed by
// them, so they are the whole RNG state). Restoring and stepping on gives exactly the uninterrupted losses.
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { optimizerClassName as classNameOf, replaceOptimizerWeights } from './optimizers';
import { WorkbenchError } from '@shared/errors';
import { fileSystemIO } from './fileSystemIO';

/** What a trainer needs besides tensors to continue exactly: the next step and the seed it draws with. */
export interface TrainerState {
  /** Number of completed optimizer steps = index of the next step. */
  step: number;
  /** Seed of data order and noise; with `step` it fixes every later draw. */
  seed: number;
  /** Anything else a trainer records (plain JSON). */
  extra?: Record<string, unknown>;
}

export interface CheckpointParts {
  models: Record<string, tf.LayersModel>;
  optimizers: Record<string, tf.Optimizer>;
}


const CHECKPOINTS = 'checkpoints';
const STATE_JSON = 'state.json';
const stepDirName = (step: number) => `step-${String(step).padStart(9, '0')}`;

interface NamedTensor { name: string; tensor: tf.Tensor }
interface TensorListSpec { name: string; shape: number[]; dtype: 'float32' | 'int32' }

/** Serialises tensors in order (float32 / int32 only): specs + one concatenated buffer. */
async function encodeTensorList(list: NamedTensor[]): Promise<{ specs: TensorListSpec[]; data: Buffer }> {
  const specs: TensorListSpec[] = [];
  const parts: Buffer[] = [];
  for (const { name, tensor } of list) {
    if (tensor.dtype !== 'float32' && tensor.dtype !== 'int32') throw new WorkbenchError('internal', `cannot checkpoint ${name}: dtype ${tensor.dtype}`);
    const values = (await tensor.data()) as Float32Array | Int32Array;
    specs.push({ name, shape: tensor.shape, dtype: tensor.dtype });
    parts.push(Buffer.from(values.buffer, values.byteOffset, values.byteLength));
  }
  return { specs, data: Buffer.concat(parts) };
}

function decodeTensorList(specs: TensorListSpec[], data: Buffer): NamedTensor[] {
  let offset = 0;
  return specs.map((spec) => {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    const bytes = data.buffer.slice(data.byteOffset + offset, data.byteOffset + offset + size * 4);
    offset += size * 4;
    const values = spec.dtype === 'int32' ? new Int32Array(bytes) : new Float32Array(bytes);
    return { name: spec.name, tensor: tf.tensor(values, spec.shape, spec.dtype) };
  });
}

/**
 * Writes `<runDir>/checkpoints/step-NNNNNNNNN/` atomically (temp dir, then rename) and keeps the newest
 * `keep` checkpoints. @returns the checkpoint directory
 */
export async function saveCheckpoint(runDir: string, parts: CheckpointParts, state: TrainerState, keep = 2): Promise<string> {
  const root = join(runDir, CHECKPOINTS);
  const final = join(root, stepDirName(state.step));
  const tmp = `${final}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  for (const [name, model] of Object.entries(parts.models)) {
    await model.save(fileSystemIO(join(tmp, `model-${name}`)));
  }
  for (const [name, optimizer] of Object.entries(parts.optimizers)) {
    const weights = await optimizer.getWeights();
    const { specs, data } = await encodeTensorList(weights);
    // getWeights returns the slots (variables, owned by the optimizer) plus a fresh step-count scalar.
    tf.dispose(weights.filter((w) => !(w.tensor instanceof tf.Variable)).map((w) => w.tensor));
    await writeFile(join(tmp, `optimizer-${name}.bin`), data);
    await writeFile(join(tmp, `optimizer-${name}.json`), JSON.stringify({ className: classNameOf(optimizer), specs }));
  }
  await writeFile(join(tmp, STATE_JSON), JSON.stringify(state));
  await rm(final, { recursive: true, force: true });
  await rename(tmp, final);
  const all = await listCheckpoints(runDir);
  for (const old of all.slice(0, Math.max(0, all.length - keep))) await rm(old, { recursive: true, force: true });
  return final;
}

/** Completed checkpoint directories of a run, oldest first. */
export async function listCheckpoints(runDir: string): Promise<string[]> {
  const root = join(runDir, CHECKPOINTS);
  let names: string[];
  try {
    names = await readdir(root);
  } catch {
    return [];
  }
  return names.filter((n) => /^step-\d{9}$/.test(n)).sort().map((n) => join(root, n));
}

/** The newest completed checkpoint of a run, or null. */
export async function latestCheckpoint(runDir: string): Promise<string | null> {
  const all = await listCheckpoints(runDir);
  return all.length ? all[all.length - 1] : null;
}

/**
 * Loads a checkpoint into existing models and optimizers (built from the same config; fresh or mid-run —
 * the optimizers' current slots are freed and replaced). Weights are matched
 * by name (layer/weight) and shape; a mismatch is an `invalid-input` error naming the weight.
 * @returns the trainer state saved with it
 */
export async function restoreCheckpoint(dir: string, parts: CheckpointParts): Promise<TrainerState> {
  for (const [name, model] of Object.entries(parts.models)) {
    const artifacts = await fileSystemIO(join(dir, `model-${name}`)).load();
    const named = tf.io.decodeWeights(artifacts.weightData!, artifacts.weightSpecs!);
    try {
      const values = model.weights.map((w) => {
        const t = named[w.originalName];
        if (!t) throw new WorkbenchError('invalid-input', `checkpoint ${dir} has no weight ${w.originalName} for model ${name}`, { weight: w.originalName });
        if (!tf.util.arraysEqual(t.shape, w.shape as number[])) {
          throw new WorkbenchError('invalid-input', `checkpoint weight ${w.originalName} has shape [${t.shape}], model expects [${w.shape}]`, { weight: w.originalName });
        }
        return t;
      });
      model.setWeights(values);
    } finally {
      tf.dispose(Object.values(named));
    }
  }
  for (const [name, optimizer] of Object.entries(parts.optimizers)) {
    const meta = JSON.parse(await readFile(join(dir, `optimizer-${name}.json`), 'utf8')) as { className: string; specs: TensorListSpec[] };
    if (meta.className !== classNameOf(optimizer)) {
      throw new WorkbenchError('invalid-input', `checkpoint optimizer ${name} is ${meta.className}, the run uses ${classNameOf(optimizer)}`);
    }
    const list = decodeTensorList(meta.specs, await readFile(join(dir, `optimizer-${name}.bin`)));
    try {
      await replaceOptimizerWeights(optimizer, list);
    } finally {
      tf.dispose(list.map((w) => w.tensor));
    }
  }
  return JSON.parse(await readFile(join(dir, STATE_JSON), 'utf8')) as TrainerState;
}
