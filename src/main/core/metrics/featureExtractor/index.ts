// Entry point of the metric feature extractors: picks the right one for a dataset — a user model when given,
// the identity for points datasets, else the default small CNN trained on the dataset's real train split
// (RESEARCH.md §6), loaded from the workspace cache when a previous run trained it already.
import { rm } from 'node:fs/promises';
import { WorkbenchError } from '@shared/errors';
import { openDataset, readDatasetMeta } from '../../datasets/datasetReader';
import { CorruptCacheError, extractorCacheDir, loadCachedExtractor, saveCachedExtractor, type ExtractorInfo } from './extractorCache';
import { LayersModelExtractor } from './layersExtractor';
import { IdentityPointsExtractor } from './pointsExtractor';
import { DEFAULT_EXTRACTOR_VERSION, capsKey, resolveTrainingCaps, trainDefaultExtractor } from './trainDefaultExtractor';
import type { FeatureExtractor, ObtainFeatureExtractorOptions } from './types';
import { loadUserModelExtractor } from './userModelExtractor';

export type { FeatureExtractor, ObtainFeatureExtractorOptions } from './types';
export { EMBED_BATCH, LayersModelExtractor } from './layersExtractor';
export { IdentityPointsExtractor } from './pointsExtractor';
export { DEFAULT_EXTRACTOR_VERSION, defaultTrainingCaps, resolveTrainingCaps } from './trainDefaultExtractor';
export { extractorCacheDir } from './extractorCache';
export { imagesToTensor } from './preprocess';

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
  const cached = await tryCache();
  if (cached) return cached;

  const reader = await openDataset(options.datasetDir);
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
    numClasses: expected.numClasses,
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
    // Another process cached the same extractor first: use its copy, so every run shares one model.
    const theirs = await tryCache();
    if (theirs) {
      trained.model.dispose();
      progress('another process cached the feature extractor first; using its copy', 1);
      return theirs;
    }
  }
  progress(`feature extractor cached at ${dir}`, 1);
  return defaultExtractor(trained.model, info, 'trained');
}
