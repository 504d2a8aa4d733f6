// The on-disk cache of trained default extractors: `<cacheDir>/feature-extractors/<dataset checksum>-<version>/`
// holding model/ (tfjs layout via fileSystemIO) and extractor.json. An entry is written into a temp dir
// beside it and renamed into place, so two job processes training at once leave exactly one complete entry
// (the loser of the rename drops its copy and uses the winner's). Normally only one trains: the trainer holds
// `<entry>.lock` (fs/fileLock.ts) and the others wait for the entry.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { z } from 'zod';
import { WorkbenchError, describeZodIssues } from '@shared/errors';
import { fileSystemIO } from '../../engine/training/fileSystemIO';
import { publishDirectory } from '../../fs/atomicWrite';

export const FEATURE_EXTRACTORS_DIR = 'feature-extractors';
const MODEL_DIR = 'model';
export const EXTRACTOR_JSON = 'extractor.json';

export const extractorInfoSchema = z.strictObject({
  format: z.literal('feature-extractor/1'),
  version: z.string(),
  datasetChecksum: z.string(),
  datasetName: z.string(),
  height: z.number().int().min(1),
  width: z.number().int().min(1),
  channels: z.number().int().min(1),
  numClasses: z.number().int().min(2),
  featureDim: z.number().int().min(1),
  /** Accuracy on `testItems` test items, or null when the test split has no labelled items. */
  testAccuracy: z.number().min(0).max(1).nullable(),
  trainItems: z.number().int().min(1),
  testItems: z.number().int().min(0),
  epochs: z.number().int().min(1),
  trainSeconds: z.number().min(0),
  createdAt: z.string(),
});
export type ExtractorInfo = z.infer<typeof extractorInfoSchema>;

/** Directory of the cache entry for a dataset checksum and an extractor key (version + caps). */
export function extractorCacheDir(cacheDir: string, datasetChecksum: string, key: string): string {
  return join(cacheDir, FEATURE_EXTRACTORS_DIR, `${datasetChecksum}-${key}`);
}

/** The lock file held while the entry `dir` is being trained: beside it, so it never lands inside an entry. */
export function extractorLockPath(dir: string): string {
  return `${dir}.lock`;
}

/** A cache entry that exists but cannot be used; `reason` says why. */
export class CorruptCacheError extends Error {
  constructor(readonly dir: string, readonly reason: string) {
    super(`${dir}: ${reason}`);
  }
}

/**
 * Loads the entry at `dir`: null when there is none, else the model and its info; throws CorruptCacheError
 * when something is missing, unreadable or inconsistent with `expected` (the dataset's geometry and classes).
 */
export async function loadCachedExtractor(
  dir: string,
  expected: Pick<ExtractorInfo, 'datasetChecksum' | 'height' | 'width' | 'channels' | 'numClasses'>,
): Promise<{ model: tf.LayersModel; info: ExtractorInfo } | null> {
  let text: string;
  try {
    text = await readFile(join(dir, EXTRACTOR_JSON), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new CorruptCacheError(dir, `${EXTRACTOR_JSON} is unreadable (${(error as Error).message})`);
    const exists = await readFile(join(dir, MODEL_DIR, 'model.json')).then(() => true, () => false);
    if (exists) throw new CorruptCacheError(dir, `${EXTRACTOR_JSON} is missing`);
    return null;
  }
  let info: ExtractorInfo;
  try {
    const parsed = extractorInfoSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(describeZodIssues(parsed.error.issues));
    info = parsed.data;
  } catch (error) {
    throw new CorruptCacheError(dir, `${EXTRACTOR_JSON} is invalid (${(error as Error).message})`);
  }
  for (const key of ['datasetChecksum', 'height', 'width', 'channels', 'numClasses'] as const) {
    if (info[key] !== expected[key]) throw new CorruptCacheError(dir, `${EXTRACTOR_JSON} has ${key} ${info[key]}, the dataset has ${expected[key]}`);
  }
  let model: tf.LayersModel;
  try {
    model = await tf.loadLayersModel(fileSystemIO(join(dir, MODEL_DIR)));
  } catch (error) {
    throw new CorruptCacheError(dir, `model/ cannot be loaded (${(error as Error).message})`);
  }
  const input = model.inputs[0]?.shape ?? [];
  const output = model.outputs[0]?.shape ?? [];
  const dense = model.layers.find((l) => l.name === 'dense');
  const problem =
    model.inputs.length !== 1 || input.slice(1).join(',') !== [info.height, info.width, info.channels].join(',') ? `model input is [${input.join(', ')}]`
    : model.outputs.length !== 1 || output[1] !== info.numClasses ? `model output is [${output.join(', ')}]`
    : !dense || (dense.outputShape as number[])[1] !== info.featureDim ? `model has no "dense" feature layer of ${info.featureDim} units`
    : null;
  if (problem) {
    model.dispose();
    throw new CorruptCacheError(dir, `${problem}, inconsistent with ${EXTRACTOR_JSON}`);
  }
  return { model, info };
}

/**
 * Writes model + info as the entry `dir`, atomically. @returns 'written', or 'lost' when another process
 * completed the same entry first (its copy is kept and ours discarded).
 */
export async function saveCachedExtractor(dir: string, model: tf.LayersModel, info: ExtractorInfo): Promise<'written' | 'lost'> {
  const tmp = `${dir}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await mkdir(tmp, { recursive: true });
    await model.save(fileSystemIO(join(tmp, MODEL_DIR)));
    await writeFile(join(tmp, EXTRACTOR_JSON), JSON.stringify(info, null, 2));
    return await publishDirectory(tmp, dir);
  } catch (error) {
    if (error instanceof WorkbenchError) throw error;
    throw new WorkbenchError('internal', `cannot write the feature extractor cache entry ${dir}: ${(error as Error).message}`);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
