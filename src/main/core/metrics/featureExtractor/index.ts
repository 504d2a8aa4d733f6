// Entry point of the metric feature extractors: picks the right one for a dataset — a user model when given,
// the identity for points datasets, else the default small CNN trained on the dataset's real train split
// (RESEARCH.md §6), loaded from the workspace cache when a previous run trained it already — or waited for,
// when another process is training it right now.
import { rm } from 'node:fs/promises';
import type { DatasetMeta } from '@shared/datasets/datasetFormat';
import { WorkbenchError } from '@shared/errors';
import { openDataset, readDatasetMeta } from '../../datasets/datasetReader';
import { defaultLockTiming, describeLockOwner, tryAcquireFileLock } from '../../fs/fileLock';
import { CorruptCacheError, extractorCacheDir, extractorLockPath, loadCachedExtractor, saveCachedExtractor, type ExtractorInfo } from './extractorCache';
import { LayersModelExtractor } from './layersExtractor';
import { IdentityPointsExtractor } from './pointsExtractor';
import { DEFAULT_EXTRACTOR_VERSION, capsKey, resolveTrainingCaps, trainDefaultExtractor, type ExtractorTrainingCaps } from './trainDefaultExtractor';
import type { FeatureExtractor, ObtainFeatureExtractorOptions } from './types';
import { loadUserModelExtractor } from './userModelExtractor';

export type { FeatureExtractor, ObtainFeatureExtractorOptions } from './types';
export { EMBED_BATCH, LayersModelExtractor } from './layersExtractor';
export { IdentityPointsExtractor } from './pointsExtractor';
export { DEFAULT_EXTRACTOR_VERSION, defaultTrainingCaps, resolveTrainingCaps } from './trainDefaultExtractor';
export { extractorCacheDir, extractorLockPath } from './extractorCache';
export { imagesToTensor } from './preprocess';

type ImageDatasetMeta = Extract<DatasetMeta, { kind: 'images' }>;

/** How often a process waiting for another one's extractor training looks again (milliseconds). */
const defaultPollMs = 1_000;

function describeDefault(info: ExtractorInfo, source: 'trained' | 'cache'): string {
  const accuracy = info.testAccuracy === null ? 'no labelled test items' : `test accuracy ${info.testAccuracy.toFixed(3)} on ${info.testItems}`;
  return `small CNN trained on ${info.datasetName} (${info.trainItems} train items, ${info.epochs} epoch${info.epochs === 1 ? '' : 's'}; ${accuracy}), ${source === 'cache' ? 'loaded from cache' : `trained in ${info.trainSeconds.toFixed(1)} s and cached`}`;
}

function defaultExtractor(model: ConstructorParameters<typeof LayersModelExtractor>[0]['model'], info: ExtractorInfo, source: 'trained' | 'cache'): LayersModelExtractor {
  const dense = model.getLayer('dense');
  const logits = model.outputs[0];
  return new LayersModelExtractor({
    model,
    featureOutput: dense.output as typeof logits,
    headOutput: logits,
    head: 'logits',
    geometry: { kind: 'images', height: info.height, width: info.width, channels: info.channels },
    description: describeDefault(info, source),
  });
}

/**
 * The feature extractor for `datasetDir`: `userModelPath` when given (input shape checked against the
 * dataset), the identity for points datasets, else the default small CNN — from
 * `<cacheDir>/feature-extractors/<checksum>-<version>/` when cached, otherwise trained (progress through
 * `onProgress`) and cached. A corrupt cache entry is reported through onProgress, removed and retrained.
 * Training holds the lock file `<entry>.lock`; another process that needs the same entry meanwhile waits
 * (saying so through onProgress) and loads it, or takes the lock over when it turns stale (holder dead on
 * this host, or no heartbeat for `lockTiming.staleMs`) and trains it itself.
 */
export async function obtainFeatureExtractor(options: ObtainFeatureExtractorOptions): Promise<FeatureExtractor> {
  const meta = await readDatasetMeta(options.datasetDir);
  const progress = options.onProgress ?? (() => undefined);
  if (options.userModelPath) {
    const geometry = meta.kind === 'images'
      ? { kind: 'images' as const, height: meta.height, width: meta.width, channels: meta.channels }
      : { kind: 'points' as const, dims: meta.dims };
    return loadUserModelExtractor(options.userModelPath, geometry);
  }
  if (meta.kind === 'points') return new IdentityPointsExtractor(meta.dims, meta.name);
  if (!options.cacheDir) throw new WorkbenchError('invalid-input', 'obtainFeatureExtractor: cacheDir is empty; the default extractor is cached under the workspace cache dir');

  const caps = resolveTrainingCaps(options.training);
  const dir = extractorCacheDir(options.cacheDir, meta.checksum.value, `${DEFAULT_EXTRACTOR_VERSION}${capsKey(caps)}`);
  const expected = { datasetChecksum: meta.checksum.value, height: meta.height, width: meta.width, channels: meta.channels, numClasses: meta.classes?.length ?? 0 };
  const tryCache = async (): Promise<FeatureExtractor | null> => {
    try {
      const cached = await loadCachedExtractor(dir, expected);
      return cached ? defaultExtractor(cached.model, cached.info, 'cache') : null;
    } catch (error) {
      if (!(error instanceof CorruptCacheError)) throw error;
      progress(`the cached feature extractor is corrupt (${error.message}); removing it and retraining`, 0);
      await rm(dir, { recursive: true, force: true });
      return null;
    }
  };
  // One process trains, the others wait on the lock beside the entry and then load what it cached.
  const { heartbeatMs = defaultLockTiming.heartbeatMs, staleMs = defaultLockTiming.staleMs, pollMs = defaultPollMs } = options.lockTiming ?? {};
  const timing = { heartbeatMs, staleMs };
  let announced = false;
  for (;;) {
    const cached = await tryCache();
    if (cached) return cached;
    const attempt = await tryAcquireFileLock(extractorLockPath(dir), `training the feature extractor for ${meta.name}`, timing);
    if (attempt.acquired) {
      if (attempt.recoveredStale) progress(`took over the feature extractor lock: ${attempt.recoveredStale}`, 0);
      try {
        // The previous holder may have cached it between our look and the lock.
        return (await tryCache()) ?? (await trainAndCache(options.datasetDir, dir, meta, caps, progress));
      } finally {
        await attempt.lock.release();
      }
    }
    if (!announced) {
      announced = true;
      progress(`waiting for another process (${describeLockOwner(attempt.holder.owner)}) to finish training the feature extractor for ${meta.name}`, 0);
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** Trains the default extractor on `datasetDir`'s train split and writes it as the cache entry `dir`. */
async function trainAndCache(
  datasetDir: string,
  dir: string,
  meta: ImageDatasetMeta,
  caps: ExtractorTrainingCaps,
  progress: (message: string, fraction: number) => void,
): Promise<FeatureExtractor> {
  const reader = await openDataset(datasetDir);
  let trained;
  try {
    trained = await trainDefaultExtractor(reader, caps, progress);
  } finally {
    await reader.close();
  }
  const info: ExtractorInfo = {
    format: 'feature-extractor/1',
    version: DEFAULT_EXTRACTOR_VERSION,
    datasetChecksum: meta.checksum.value,
    datasetName: meta.name,
    height: meta.height,
    width: meta.width,
    channels: meta.channels,
    numClasses: meta.classes?.length ?? 0,
    featureDim: (trained.model.getLayer('dense').outputShape as number[])[1],
    testAccuracy: trained.testAccuracy,
    trainItems: trained.trainItems,
    testItems: trained.testItems,
    epochs: trained.epochs,
    trainSeconds: trained.trainSeconds,
    createdAt: new Date().toISOString(),
  };
  let outcome: 'written' | 'lost';
  try {
    outcome = await saveCachedExtractor(dir, trained.model, info);
  } catch (error) {
    trained.model.dispose();
    throw error;
  }
  if (outcome === 'lost') {
    // Another process cached the same extractor first (it did not see our lock, e.g. it took it over as
    // stale): use its copy, so every run shares one model.
    trained.model.dispose();
    progress('another process cached the feature extractor first; using its copy', 1);
    const theirs = await loadCachedExtractor(dir, { datasetChecksum: meta.checksum.value, height: meta.height, width: meta.width, channels: meta.channels, numClasses: meta.classes?.length ?? 0 });
    if (!theirs) throw new WorkbenchError('internal', `${dir}: the feature extractor cache entry vanished right after another process wrote it`);
    return defaultExtractor(theirs.model, theirs.info, 'cache');
  }
  progress(`feature extractor cached at ${dir}`, 1);
  return defaultExtractor(trained.model, info, 'trained');
}
