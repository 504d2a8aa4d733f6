// Reads the final checkpoint of the train-model run a neural loop starts from (`initialModel`) as the loop
// model's weights: the run directory is the loop's sibling under `<workspace>/runs/`, so a Slurm task on the
// shared workspace finds it as a local job does. The train-model checkpoint stores every network by name
// (GAN: generator, discriminator; InfoGAN: + q; diffusion: unet, ema); this turns the ones the loop adapter
// holds into its GenerativeModelState, in the adapter's order, so loadState checks each name and shape.
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { WorkbenchError } from '@shared/errors';
import { checkpointsDir, readCheckpoint } from '../../jobs/checkpointCodec';
import type { StoredParts } from '../trainModel/tensorState';
import type { GenerativeModelState } from './generativeModel';
import type { LoopArchitecture } from './neuralLoopPlan';

/** The weights generation 1 loads, with where they came from. */
export interface InitialModelWeights {
  runId: string;
  /** Step of the train-model run's final checkpoint (its total optimizer steps). */
  step: number;
  state: GenerativeModelState;
}

/** The train-model networks each loop adapter holds, in the adapter's order, and its state's architecture tag. */
function networksOf(architecture: LoopArchitecture): { task: 'gan' | 'diffusion'; names: string[]; tag: string } {
  switch (architecture.kind) {
    case 'diffusion': return { task: 'diffusion', names: ['unet', 'ema'], tag: 'ddpm-unet' };
    case 'infogan': return { task: 'gan', names: ['generator', 'discriminator', 'q'], tag: 'infogan' };
    case 'dcgan':
    case 'point-gan': return { task: 'gan', names: ['generator', 'discriminator'], tag: architecture.kind };
  }
}

const invalid = (message: string, details: Record<string, unknown> = {}) => new WorkbenchError('invalid-input', `initialModel: ${message}`, { field: 'initialModel', ...details });

/** The highest step whose checkpoint JSON exists in `runDir/checkpoints/`, or null. */
async function finalCheckpointStep(runDir: string): Promise<number | null> {
  let names: string[];
  try {
    names = await readdir(checkpointsDir(runDir));
  } catch {
    return null;
  }
  const steps = names.flatMap((name) => {
    const match = /^step-(\d+)\.json$/.exec(name);
    return match ? [Number(match[1])] : [];
  });
  return steps.length > 0 ? Math.max(...steps) : null;
}

/**
 * Loads run `runId`'s final train-model checkpoint as the weights of `architecture`'s loop model.
 * @param loopRunDir the loop's own run directory, `<workspace>/runs/<loop id>`
 * @throws WorkbenchError('invalid-input') naming initialModel when the run is missing, has no checkpoint, or
 *   is not a train-model checkpoint of the loop's model family (the host refuses these earlier; this guards a
 *   run deleted or changed since)
 */
export async function readInitialModelWeights(loopRunDir: string, runId: string, architecture: LoopArchitecture): Promise<InitialModelWeights> {
  if (runId !== basename(runId) || runId === '.' || runId === '..') throw invalid(`"${runId}" is not a run id`);
  const dir = join(dirname(loopRunDir), runId);
  const exists = await stat(dir).then((s) => s.isDirectory(), () => false);
  if (!exists) throw invalid(`no run "${runId}" in this workspace (looked for ${dir})`, { runId });
  const step = await finalCheckpointStep(dir);
  if (step === null) throw invalid(`run "${runId}" has no checkpoint: it is not a completed train-model run`, { runId });
  const state = (await readCheckpoint(dir, step)) as { format?: unknown; task?: unknown; step?: unknown; parts?: StoredParts } | null;
  const { task, names, tag } = networksOf(architecture);
  if (!state || state.format !== 'train-model/1' || !state.parts) throw invalid(`run "${runId}"'s checkpoint is not a train-model checkpoint`, { runId });
  if (state.task !== task) throw invalid(`run "${runId}" trained a ${String(state.task)} model, but this loop's model is ${task === 'gan' ? 'a GAN' : 'diffusion'}`, { runId });
  const tensors = names.map((name) => {
    const list = state.parts!.models?.[name];
    if (!Array.isArray(list)) throw invalid(`run "${runId}"'s checkpoint has no ${name} network (is it the loop's model family?)`, { runId });
    return list;
  }).flat();
  const values = new Float32Array(tensors.reduce((sum, t) => sum + t.values.length, 0));
  let offset = 0;
  for (const t of tensors) {
    if (t.dtype !== 'float32') throw invalid(`run "${runId}"'s weight ${t.name} is ${t.dtype}, not float32`, { runId });
    values.set(t.values, offset);
    offset += t.values.length;
  }
  return {
    runId,
    step,
    state: { format: 'generative-model-state/1', architecture: tag, names: tensors.map((t) => t.name), shapes: tensors.map((t) => [...t.shape]), values },
  };
}
