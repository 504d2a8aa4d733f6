// Every metric against numbers computed independently with numpy/scipy by
// scripts/reference/generative_metrics.py, on the seeded feature sets stored beside them as .npy files.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { classHistogram } from '../../../../src/main/core/metrics/classHistogram';
import { densityCoverage } from '../../../../src/main/core/metrics/densityCoverage';
import type { FeatureMatrix } from '../../../../src/main/core/metrics/featureMatrix';
import { featureStats } from '../../../../src/main/core/metrics/featureStats';
import { fid } from '../../../../src/main/core/metrics/fid';
import { inceptionScore } from '../../../../src/main/core/metrics/inceptionScore';
import { kid } from '../../../../src/main/core/metrics/kid';
import { gridCentres, modeCoverage, ringCentres } from '../../../../src/main/core/metrics/modeCoverage';
import { kthNeighbourSquaredDistances } from '../../../../src/main/core/metrics/nearestNeighbours';
import { readNpyFeatures } from '../../../../src/main/core/metrics/npyFeatures';
import { precisionRecall } from '../../../../src/main/core/metrics/precisionRecall';

const dir = resolve(__dirname, '../../../fixtures/metrics');

interface PrRef { k: number; realRadii2: number[]; fakeRadii2: number[]; precisionCount: number; recallCount: number; precision: number; recall: number; precisionCountStrict?: number }
interface DcRef { k: number; realRadii: number[]; densityCount: number; coverageCount: number; density: number; coverage: number }
interface CaseRef {
  name: string;
  real: string;
  fake: string;
  fid?: { sqrtm: number; eigvals: number; symmetric: number; symmetricSwapped: number };
  kid?: { real: number[][]; fake: number[][]; values: number[]; mean: number; std: number };
  pr: PrRef;
  dc: DcRef;
}
interface Reference {
  stats: { file: string; mean: number[]; covariance: number[] };
  cases: CaseRef[];
  inceptionScore: { file: string; splits: number; mean: number; std: number; splitScores: number[] };
  classHistogram: { file: string; counts: number[]; classesCovered: number; threshold: number; strict: { minShare: number; classesCovered: number; threshold: number } };
  modes: Array<{ file: string; layout: 'ring' | 'grid'; count?: number; radius?: number; side?: number; spacing?: number; sigma: number; counts: number[]; modesCovered: number; highQualityFraction: number }>;
}

const reference = JSON.parse(readFileSync(resolve(dir, 'reference.json'), 'utf8')) as Reference;
const files = new Map<string, FeatureMatrix>();
const load = (name: string): FeatureMatrix => {
  const m = files.get(name);
  if (!m) throw new Error(`fixture ${name} not loaded`);
  return m;
};

function relativeError(actual: number, expected: number): number {
  return Math.abs(actual - expected) / Math.max(Math.abs(expected), 1e-300);
}

function maxRelativeError(actual: ArrayLike<number>, expected: ArrayLike<number>, floor = 0): number {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / Math.max(Math.abs(expected[i]), floor, 1e-300));
  }
  return worst;
}

beforeAll(async () => {
  const names = new Set<string>([reference.stats.file, reference.inceptionScore.file, ...reference.modes.map((m) => m.file)]);
  for (const c of reference.cases) {
    names.add(c.real);
    names.add(c.fake);
  }
  for (const name of names) files.set(name, await readNpyFeatures(resolve(dir, name)));
});

describe('feature statistics vs numpy', () => {
  it('matches X.mean(0) and np.cov(X, rowvar=False)', () => {
    const s = featureStats(load(reference.stats.file));
    expect(maxRelativeError(s.mean, reference.stats.mean)).toBeLessThan(1e-12);
    const scale = Math.max(...reference.stats.covariance.map(Math.abs));
    expect(maxRelativeError(s.covariance, reference.stats.covariance, scale)).toBeLessThan(1e-13);
  });
});

describe.each(reference.cases.filter((c) => c.fid))('FID vs numpy/scipy: $name', (c) => {
  const ref = c.fid!;
  it.each(['cholesky', 'sqrt'] as const)('route %s matches sqrtm, eigvals and the symmetric eigenvalue route (rel < 1e-6)', (route) => {
    const { fid: value, warnings } = fid(load(c.real), load(c.fake), { route });
    for (const expected of [ref.symmetric, ref.sqrtm, ref.eigvals]) expect(relativeError(value, expected)).toBeLessThan(1e-6);
    const rankDeficient = load(c.real).n < load(c.real).d || load(c.fake).n < load(c.fake).d;
    expect(warnings.some((w) => w.includes('rank-deficient'))).toBe(rankDeficient);
    // Full-rank cases agree with numpy to rounding level.
    if (!rankDeficient) expect(relativeError(value, ref.symmetric)).toBeLessThan(1e-10);
  });
});

describe.each(reference.cases.filter((c) => c.kid))('KID vs numpy on the same subsets: $name', (c) => {
  it('matches every subset’s unbiased MMD², the mean and the std', () => {
    const ref = c.kid!;
    const result = kid(load(c.real), load(c.fake), { indices: { real: ref.real, fake: ref.fake } });
    expect(result.subsetSize).toBe(ref.real[0].length);
    expect(maxRelativeError(result.values, ref.values)).toBeLessThan(1e-9);
    expect(relativeError(result.mean, ref.mean)).toBeLessThan(1e-9);
    expect(relativeError(result.std, ref.std)).toBeLessThan(1e-7);
  });
});

describe.each(reference.cases)('precision/recall and density/coverage vs the reference code: $name', (c) => {
  it('k-NN radii match', () => {
    expect(maxRelativeError(kthNeighbourSquaredDistances(load(c.real), c.pr.k), c.pr.realRadii2, 1e-12)).toBeLessThan(1e-9);
    expect(maxRelativeError(kthNeighbourSquaredDistances(load(c.fake), c.pr.k), c.pr.fakeRadii2, 1e-12)).toBeLessThan(1e-9);
    const dcRadii = kthNeighbourSquaredDistances(load(c.real), c.dc.k).map(Math.sqrt);
    expect(maxRelativeError(dcRadii, c.dc.realRadii, 1e-12)).toBeLessThan(1e-9);
  });

  it('precision and recall counts are exactly those of kynkaanniemi/improved-precision-and-recall-metric', () => {
    const r = precisionRecall(load(c.real), load(c.fake), { k: c.pr.k });
    expect([r.precisionCount, r.recallCount]).toEqual([c.pr.precisionCount, c.pr.recallCount]);
    expect([r.precision, r.recall]).toEqual([c.pr.precision, c.pr.recall]);
  });

  it('density and coverage counts are exactly those of clovaai/generative-evaluation-prdc', () => {
    const r = densityCoverage(load(c.real), load(c.fake), { k: c.dc.k });
    expect([r.densityCount, r.coverageCount]).toEqual([c.dc.densityCount, c.dc.coverageCount]);
    expect(relativeError(r.density, c.dc.density)).toBeLessThan(1e-15);
    expect(r.coverage).toBe(c.dc.coverage);
  });

  it('the JavaScript kernel gives the same counts as WebAssembly SIMD', () => {
    const pr = precisionRecall(load(c.real), load(c.fake), { k: c.pr.k, kernel: 'js' });
    const dc = densityCoverage(load(c.real), load(c.fake), { k: c.dc.k, kernel: 'js' });
    expect([pr.precisionCount, pr.recallCount, dc.densityCount, dc.coverageCount]).toEqual([c.pr.precisionCount, c.pr.recallCount, c.dc.densityCount, c.dc.coverageCount]);
  });
});

describe('ties decide between ≤ and <', () => {
  it('the integer-feature case has distances exactly equal to radii, so the comparison rule changes the count', () => {
    const ties = reference.cases.find((c) => c.name === 'ties')!;
    expect(ties.pr.precisionCountStrict).toBeDefined();
    expect(ties.pr.precisionCountStrict).not.toBe(ties.pr.precisionCount);
  });
});

describe('Inception Score and class histogram vs numpy', () => {
  it('matches the split scores, mean and std (openai/improved-gan splits, 0·log 0 = 0)', () => {
    const ref = reference.inceptionScore;
    const r = inceptionScore(load(ref.file), ref.splits);
    expect(maxRelativeError(r.splitScores, ref.splitScores)).toBeLessThan(1e-12);
    expect(relativeError(r.mean, ref.mean)).toBeLessThan(1e-12);
    expect(relativeError(r.std, ref.std)).toBeLessThan(1e-9);
  });

  it('matches the argmax histogram and the classes covered under both thresholds', () => {
    const ref = reference.classHistogram;
    const h = classHistogram(load(ref.file));
    expect(Array.from(h.counts)).toEqual(ref.counts);
    expect([h.classesCovered, h.threshold]).toEqual([ref.classesCovered, ref.threshold]);
    const strict = classHistogram(load(ref.file), { minShare: ref.strict.minShare });
    expect([strict.classesCovered, strict.threshold]).toEqual([ref.strict.classesCovered, ref.strict.threshold]);
  });
});

describe.each(reference.modes)('mode coverage vs numpy: $layout', (ref) => {
  it('matches per-mode counts, modes covered and the high-quality fraction', () => {
    const centres = ref.layout === 'ring' ? ringCentres(ref.count!, ref.radius!) : gridCentres(ref.side!, ref.spacing!);
    const r = modeCoverage(load(ref.file), centres, { sigma: ref.sigma });
    expect(Array.from(r.counts)).toEqual(ref.counts);
    expect(r.modesCovered).toBe(ref.modesCovered);
    expect(r.highQualityFraction).toBe(ref.highQualityFraction);
  });
});
