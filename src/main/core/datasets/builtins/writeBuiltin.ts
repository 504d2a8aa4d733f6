// Writes a built-in (generated) dataset to disk through the same crash-safe writer as imports, in
// batches, with progress and cancel: Shapes-10 and the 2-D mixtures.
import { WorkbenchError } from '@shared/errors';
import type { DatasetLayout, DatasetMeta, SplitName } from '../datasetFormat';
import { createDatasetWriter } from '../datasetWriter';
import type { ImportHooks } from '../importPipeline';
import { mixtureLayout, mixtureModes, sampleMixture, type MixtureKind } from './mixtures';
import { renderShapes10Batch, shapes10Classes, shapes10Layout, type Shapes10Variant } from './shapes10';

const BATCH = 1000;

export interface BuiltinCounts {
  trainCount: number;
  testCount: number;
  seed: number;
  name?: string;
}

export async function writeGenerated(
  targetDir: string,
  layout: DatasetLayout,
  counts: BuiltinCounts,
  info: { name: string; format: string; description: string; classes: string[] | null },
  batch: (split: SplitName, start: number, count: number) => { data: Uint8Array | Float32Array; labels: Int32Array },
  hooks: ImportHooks,
): Promise<DatasetMeta> {
  for (const n of [counts.trainCount, counts.testCount]) {
    if (!Number.isInteger(n) || n < 0) throw new WorkbenchError('invalid-input', `item counts must be non-negative integers (got ${n})`);
  }
  const writer = await createDatasetWriter(targetDir);
  const total = counts.trainCount + counts.testCount;
  try {
    await writer.setLayout(layout);
    let done = 0;
    for (const [split, n] of [['train', counts.trainCount], ['test', counts.testCount]] as const) {
      for (let start = 0; start < n; start += BATCH) {
        hooks.signal?.throwIfAborted();
        const b = batch(split, start, Math.min(BATCH, n - start));
        await writer.append(split, b.data, b.labels);
        done += b.labels.length;
        hooks.onProgress?.(done, total);
      }
    }
    return await writer.commit({ name: counts.name ?? info.name, classes: info.classes, source: { format: info.format, description: info.description } });
  } catch (error) {
    await writer.abort();
    throw error;
  }
}

export function writeShapes10(targetDir: string, options: BuiltinCounts & { variant?: Shapes10Variant }, hooks: ImportHooks = {}): Promise<DatasetMeta> {
  const spec = { variant: options.variant ?? 'gray28', seed: options.seed };
  const layout = shapes10Layout(spec.variant);
  return writeGenerated(targetDir, layout, options, {
    name: `Shapes-10 (${spec.variant})`,
    format: 'builtin:shapes10',
    description: `Shapes-10 ${spec.variant} (${layout.height}×${layout.width}×${layout.channels}), seed ${spec.seed}: ${options.trainCount} train, ${options.testCount} test`,
    classes: [...shapes10Classes],
  }, (split, start, count) => {
    const b = renderShapes10Batch(spec, split, start, count);
    return { data: b.images, labels: b.labels };
  }, hooks);
}

export function writeMixture(targetDir: string, options: BuiltinCounts & { kind: MixtureKind; std?: number }, hooks: ImportHooks = {}): Promise<DatasetMeta> {
  const spec = { kind: options.kind, seed: options.seed, std: options.std };
  const modes = mixtureModes(spec.kind, spec.std);
  return writeGenerated(targetDir, mixtureLayout, options, {
    name: spec.kind === 'ring8' ? 'Ring of 8 Gaussians' : '5×5 grid of Gaussians',
    format: `builtin:${spec.kind}`,
    description: `${spec.kind === 'ring8' ? 'ring of 8 Gaussians, radius 2' : '5×5 grid of Gaussians, means −4…4 step 2'}, σ ${modes.std}, seed ${spec.seed}: ${options.trainCount} train, ${options.testCount} test`,
    classes: modes.names,
  }, (split, start, count) => {
    const b = sampleMixture(spec, split, start, count);
    return { data: b.points, labels: b.labels };
  }, hooks);
}
