// `ouroboros metrics <real> <fake>`: generative metrics, headless. Inputs are either two .npy feature
// matrices (N×D; FID, KID, precision/recall, density/coverage) or two sets of items — datasets (directory
// or workspace id) or folders of images — which are embedded with a feature extractor (default: the small
// CNN trained on the real dataset's train split, cached in `<workspace>/cache`; or `--feature-model`) and
// scored with every metric of the generative metric suite (the neural loop's metric keys).
// The metric and input modules (tfjs, the image importer) are imported when the command runs, so every
// other CLI command starts without loading them.
import { neuralLoopMetricKeys } from '@shared/contract/neuralArtifacts';
import { WorkbenchError } from '@shared/errors';
import type { FeatureExtractor } from '../../core/metrics/featureExtractor';
import type { GenerativeMetricKey } from '../../core/metrics/generativeMetricSuite';
import { formatTable } from '../table';
import type { MetricsInput, MetricsSplit, ResolveContext } from '../metricsInputs';

export interface MetricsCommandOptions {
  json: boolean;
  /** A TF.js layers model.json to embed with instead of the default extractor (`--feature-model`). */
  featureModel?: string;
  /** Workspace cache dir for the default extractor (`<workspace>/cache`); needed for image inputs without a feature model. */
  cacheDir?: () => string;
  /** Resolves workspace dataset ids to directories; absent = only paths are accepted. */
  datasetDirById?: ResolveContext['datasetDirById'];
  /** Split(s) of dataset inputs to compare (`--split`, default 'train'); image folders use all their images. */
  split?: MetricsSplit;
  /** At most this many items per side, a seeded uniform subset (`--max-items`, default 10 000). */
  maxItems?: number;
  /** Seed of the subsets and of KID (`--seed`, default 0). */
  seed?: number;
  /** Caps on the default extractor's training (tests); see ObtainFeatureExtractorOptions.training. */
  training?: { maxTrainItems?: number; epochs?: number; maxTestItems?: number };
  /** Progress lines (default: stderr). */
  onProgress?: (message: string) => void;
}

export const metricDefinitions: Record<GenerativeMetricKey, string> = {
  fid: 'Fréchet distance of the feature Gaussians (eigenvalue route)',
  kid: 'KID: unbiased MMD², cubic kernel, 100 subsets of ≤ 1000',
  precision: 'fake inside a real k=3 ball (quality)',
  recall: 'real inside a fake k=3 ball (diversity)',
  density: 'Naeem et al., k=5',
  coverage: 'Naeem et al., k=5',
  inceptionScore: 'exp E KL(p(y|x) ‖ p(y)) over the extractor’s classes, 10 splits',
  classesCovered: 'classes the generated samples are predicted as (≥ 1 % of a fair share)',
  modesCovered: 'mixture modes with enough samples within 3σ (2-D mixtures)',
  highQualityFraction: 'fraction of samples within 3σ of a mode (2-D mixtures)',
};

/** Backwards compatible: the third argument may be the old `json` flag. */
export async function metricsCommand(realArg: string, fakeArg: string, optionsOrJson: boolean | MetricsCommandOptions): Promise<number> {
  const options: MetricsCommandOptions = typeof optionsOrJson === 'boolean' ? { json: optionsOrJson } : optionsOrJson;
  const progress = options.onProgress ?? ((m: string) => process.stderr.write(`${m}\n`));
  const context: ResolveContext = { datasetDirById: options.datasetDirById, onProgress: progress };
  const { resolveMetricsInput } = await import('../metricsInputs');
  const real = await resolveMetricsInput(realArg, 'real', context);
  let fake: MetricsInput | null = null;
  try {
    fake = await resolveMetricsInput(fakeArg, 'fake', context);
    if (real.kind === 'npy' && fake.kind === 'npy') return await npyMetrics(real.path, fake.path, options.json);
    if (real.kind === 'npy' || fake.kind === 'npy') {
      throw new WorkbenchError('invalid-input', `cannot compare a .npy feature file with items: give two .npy files, or two datasets / image folders (got ${realArg} and ${fakeArg})`);
    }
    return await itemMetrics(real, fake, options, progress);
  } finally {
    if (real.kind === 'dataset') await real.cleanup();
    if (fake?.kind === 'dataset') await fake.cleanup();
  }
}

async function itemMetrics(
  real: MetricsInput & { kind: 'dataset' },
  fake: MetricsInput & { kind: 'dataset' },
  options: MetricsCommandOptions,
  progress: (m: string) => void,
): Promise<number> {
  const { assertSameGeometry, loadItems, mixtureModesOf } = await import('../metricsInputs');
  const { obtainFeatureExtractor } = await import('../../core/metrics/featureExtractor');
  const { computeGenerativeMetrics } = await import('../../core/metrics/generativeMetricSuite');
  assertSameGeometry(real, fake);
  const split = options.split ?? 'train';
  const maxItems = options.maxItems ?? 10_000;
  const seed = options.seed ?? 0;
  if (!Number.isInteger(maxItems) || maxItems < 2) throw new WorkbenchError('invalid-input', `--max-items must be a whole number ≥ 2, got ${maxItems}`);
  const isFolder = (i: MetricsInput & { kind: 'dataset' }) => i.label.startsWith('image folder');
  const cacheDir = !options.featureModel && real.meta.kind === 'images' ? (options.cacheDir?.() ?? '') : '';
  const extractor: FeatureExtractor = await obtainFeatureExtractor({
    datasetDir: real.dir,
    cacheDir,
    userModelPath: options.featureModel,
    training: options.training,
    onProgress: (m) => progress(m),
  });
  try {
    const embed = async (input: MetricsInput & { kind: 'dataset' }, stream: number) => {
      const items = await loadItems(input, isFolder(input) ? 'all' : split, maxItems, seed, stream);
      progress(`embedding ${items.count} items of ${input.label}`);
      return items.data instanceof Float32Array
        ? extractor.embedPoints!(items.data, items.count)
        : extractor.embed(items.data, items.count);
    };
    const r = await embed(real, 0);
    const f = await embed(fake, 1);
    const result = computeGenerativeMetrics({
      real: r,
      fake: f,
      classNames: extractor.numClasses !== null && real.meta.classes?.length === extractor.numClasses ? real.meta.classes : null,
      modes: mixtureModesOf(real.meta),
      seed,
    });
    const report = {
      real: { source: real.label, name: real.meta.name, n: r.features.n },
      fake: { source: fake.label, name: fake.meta.name, n: f.features.n },
      extractor: { description: extractor.description, featureDim: extractor.featureDim, numClasses: extractor.numClasses },
      values: result.values,
      histogram: result.histogram,
      warnings: result.warnings,
    };
    if (options.json) {
      process.stdout.write(JSON.stringify(report, null, 2) + '\n');
      return 0;
    }
    process.stdout.write(`real: ${real.label} (${r.features.n} items) · fake: ${fake.label} (${f.features.n} items)\n`);
    process.stdout.write(`features: ${extractor.description}, ${extractor.featureDim} dimensions\n`);
    process.stdout.write(
      formatTable(['metric', 'value', 'definition'], neuralLoopMetricKeys.map((key) => [key, result.values[key] ?? '–', metricDefinitions[key]])) + '\n',
    );
    for (const warning of result.warnings) process.stderr.write(`warning: ${warning}\n`);
    return 0;
  } finally {
    extractor.dispose();
  }
}

/** Two N×D feature files: the distribution metrics only (no class probabilities, no modes). */
async function npyMetrics(realPath: string, fakePath: string, json: boolean): Promise<number> {
  const [{ readNpyFeatures }, { fid }, { kid }, { precisionRecall }, { densityCoverage }] = await Promise.all([
    import('../../core/metrics/npyFeatures'),
    import('../../core/metrics/fid'),
    import('../../core/metrics/kid'),
    import('../../core/metrics/precisionRecall'),
    import('../../core/metrics/densityCoverage'),
  ]);
  const [real, fake] = await Promise.all([readNpyFeatures(realPath), readNpyFeatures(fakePath)]);
  if (real.d !== fake.d) {
    throw new WorkbenchError('invalid-input', `feature dimensions differ: ${realPath} has ${real.d} columns, ${fakePath} has ${fake.d}`);
  }
  const f = fid(real, fake);
  const k = kid(real, fake);
  const pr = precisionRecall(real, fake);
  const dc = densityCoverage(real, fake);
  const result = {
    real: { path: realPath, n: real.n, d: real.d },
    fake: { path: fakePath, n: fake.n, d: fake.d },
    fid: f.fid,
    kid: { mean: k.mean, std: k.std, subsetSize: k.subsetSize },
    precision: pr.precision,
    recall: pr.recall,
    density: dc.density,
    coverage: dc.coverage,
    warnings: f.warnings,
  };
  if (json) {
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    return 0;
  }
  process.stdout.write(
    formatTable(['metric', 'value', 'definition'], [
      ['FID', result.fid, 'Fréchet distance of the feature Gaussians (eigenvalue route)'],
      ['KID', `${k.mean.toPrecision(4)} ± ${k.std.toPrecision(2)}`, `unbiased MMD², cubic kernel, 100 subsets of ${k.subsetSize}`],
      ['precision', result.precision, 'fake inside a real k=3 ball (quality)'],
      ['recall', result.recall, 'real inside a fake k=3 ball (diversity)'],
      ['density', result.density, 'Naeem et al., k=5'],
      ['coverage', result.coverage, 'Naeem et al., k=5'],
    ]) + '\n',
  );
  for (const warning of f.warnings) process.stderr.write(`warning: ${warning}\n`);
  return 0;
}
