// Moves items from an importer to the writer: normalises geometry, checks labels against the class names,
// routes items to train/test (as provided, or a seeded random split), reports progress, honours cancel.
import { WorkbenchError } from '@shared/errors';
import { UNLABELLED, type SplitName } from './datasetFormat';
import type { DatasetWriter } from './datasetWriter';
import { fileError } from './importErrors';
import type { ImportOptions } from './importOptions';
import type { ImportSource } from './importers/types';
import { ImageNormalizer } from './imageNormalize';
import { knownClassSets } from './knownClasses';
import { SelectionSplitter } from './randomSplit';

export interface ImportHooks {
  /** Items written so far and the total (null when unknown); called at most ~10 times a second. */
  onProgress?(itemsDone: number, itemsTotal: number | null): void;
  /** Cancels the import: the writer is aborted and the signal's reason is thrown. */
  signal?: AbortSignal;
}

export interface PumpResult {
  classes: string[] | null;
  notes: string[];
}

/** Class names known before streaming: the user's, a preset's, or the source's; null = numeric, decided at the end. */
function upfrontClassNames(source: ImportSource, options: ImportOptions): string[] | null {
  if (options.classNames) {
    if (source.classNames && source.format === 'image-folder' && options.classNames.length !== source.classNames.length) {
      throw new WorkbenchError('invalid-input', `${options.classNames.length} class names given but the folder has ${source.classNames.length} classes (${source.classNames.join(', ')})`);
    }
    return options.classNames;
  }
  if (options.classPreset) return [...knownClassSets[options.classPreset]];
  return source.classNames;
}

export async function pumpSource(source: ImportSource, writer: DatasetWriter, options: ImportOptions, hooks: ImportHooks): Promise<PumpResult> {
  const notes = [...source.notes];
  if (!source.labelled && (options.classNames || options.classPreset)) notes.push('class names ignored: the source has no labels');
  const names = source.labelled ? upfrontClassNames(source, options) : null;
  const splitter = options.split.mode === 'random' ? new SelectionSplitter(source.total, options.split.testFraction, options.split.seed) : null;
  const normalizer = new ImageNormalizer(options);
  let done = 0;
  let maxLabel = -1;
  let lastReport = 0;
  hooks.onProgress?.(0, source.total);

  for await (const batch of source.batches()) {
    hooks.signal?.throwIfAborted();
    const labels = batch.labels ?? new Int32Array(batch.count).fill(UNLABELLED);
    if (batch.labels) {
      for (let i = 0; i < batch.count; i++) {
        const label = labels[i];
        if (names && label >= names.length) {
          throw fileError(batch.origin(i), `label ${label} has no class name (${names.length} classes: ${names.slice(0, 12).join(', ')}${names.length > 12 ? ', …' : ''})`);
        }
        if (label > maxLabel) maxLabel = label;
      }
    }
    const pixels = await normalizer.normalize(batch);
    if (!writer.layout) await writer.setLayout(normalizer.layout!);
    if (!splitter) await writer.append(batch.split, pixels, labels);
    else await appendSplit(writer, splitter, pixels, labels);
    done += batch.count;
    const now = Date.now();
    if (now - lastReport >= 100) {
      lastReport = now;
      hooks.onProgress?.(done, source.total);
    }
  }
  hooks.signal?.throwIfAborted();
  if (done === 0) throw new WorkbenchError('invalid-input', `${source.description}: no items found`);
  if (done !== source.total) throw new WorkbenchError('internal', `${source.description}: announced ${source.total} items but produced ${done}`);
  hooks.onProgress?.(done, source.total);
  const classes = !source.labelled ? null : names ?? Array.from({ length: maxLabel + 1 }, (_, k) => String(k));
  const split = options.split;
  if (split.mode === 'random') notes.push(`random split: ${writer.count('test')} of ${done} items to test (fraction ${split.testFraction}, seed ${split.seed})`);
  return { classes, notes: [...notes, ...normalizer.notes()] };
}

/** Routes each item of a batch by the splitter, writing each side as one contiguous append. */
async function appendSplit(writer: DatasetWriter, splitter: SelectionSplitter, pixels: Uint8Array, labels: Int32Array): Promise<void> {
  const n = labels.length;
  const size = pixels.length / n;
  const route: SplitName[] = Array.from({ length: n }, () => splitter.next());
  for (const split of ['train', 'test'] as const) {
    const picked = route.reduce((c, s) => c + (s === split ? 1 : 0), 0);
    if (!picked) continue;
    const outPixels = new Uint8Array(picked * size);
    const outLabels = new Int32Array(picked);
    for (let i = 0, k = 0; i < n; i++) {
      if (route[i] !== split) continue;
      outPixels.set(pixels.subarray(i * size, (i + 1) * size), k * size);
      outLabels[k++] = labels[i];
    }
    await writer.append(split, outPixels, outLabels);
  }
}
