import { describe, expect, it } from 'vitest';
import { neuralLoopMetricKeys } from '@shared/contract/neuralArtifacts';
import { classHistogram } from '../../../../src/main/core/metrics/classHistogram';
import { densityCoverage } from '../../../../src/main/core/metrics/densityCoverage';
import { featureMatrix, type FeatureMatrix } from '../../../../src/main/core/metrics/featureMatrix';
import { fid } from '../../../../src/main/core/metrics/fid';
import { computeGenerativeMetrics } from '../../../../src/main/core/metrics/generativeMetricSuite';
import { inceptionScore } from '../../../../src/main/core/metrics/inceptionScore';
import { kid } from '../../../../src/main/core/metrics/kid';
import { modeCoverage, ringCentres } from '../../../../src/main/core/metrics/modeCoverage';
import { precisionRecall } from '../../../../src/main/core/metrics/precisionRecall';
import { gaussianFeatures } from './helpers';

/** n rows of K-class softmax probabilities, deterministic. */
function probabilities(n: number, k: number, seed: number): FeatureMatrix {
  const data = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let c = 0; c < k; c++) sum += data[i * k + c] = Math.exp(Math.sin(seed * 31 + i * 7 + c * 13) * 3);
    for (let c = 0; c < k; c++) data[i * k + c] /= sum;
  }
  return featureMatrix(data, n, k);
}

describe('computeGenerativeMetrics', () => {
  const real = gaussianFeatures(200, 8, 1);
  const fake = gaussianFeatures(150, 8, 2, 0.3, 1.2);

  it('reports exactly the neural-loop keys, each equal to its own metric function', () => {
    const pReal = probabilities(200, 4, 1);
    const pFake = probabilities(150, 4, 2);
    const r = computeGenerativeMetrics({ real: { features: real, probabilities: pReal }, fake: { features: fake, probabilities: pFake }, classNames: ['a', 'b', 'c', 'd'], seed: 5 });
    expect(Object.keys(r.values).sort()).toEqual([...neuralLoopMetricKeys].sort());
    expect(r.values.fid).toBe(fid(real, fake).fid);
    expect(r.values.kid).toBe(kid(real, fake, { seed: 5 }).mean);
    const pr = precisionRecall(real, fake, { k: 3 });
    expect(r.values.precision).toBe(pr.precision);
    expect(r.values.recall).toBe(pr.recall);
    const dc = densityCoverage(real, fake, { k: 5 });
    expect(r.values.density).toBe(dc.density);
    expect(r.values.coverage).toBe(dc.coverage);
    expect(r.values.inceptionScore).toBe(inceptionScore(pFake, 10).mean);
    const h = classHistogram(pFake);
    expect(r.values.classesCovered).toBe(h.classesCovered);
    expect(r.histogram).toEqual({ frequencies: Array.from(h.frequencies), covered: h.classesCovered, coverageThreshold: h.threshold / 150 });
    expect(r.values.modesCovered).toBeNull();
    expect(r.values.highQualityFraction).toBeNull();
    expect(r.warnings).toEqual([]);
  });

  it('nulls IS and classes without probabilities, computes modes for 2-D mixtures', () => {
    const centres = ringCentres(8, 2);
    const pts = new Float64Array(2 * 80);
    for (let i = 0; i < 80; i++) {
      const m = i % 5; // only 5 of the 8 modes
      pts[2 * i] = centres.data[2 * m] + 0.01 * Math.sin(i);
      pts[2 * i + 1] = centres.data[2 * m + 1] + 0.01 * Math.cos(i);
    }
    const fakePts = featureMatrix(pts, 80, 2);
    const realPts = gaussianFeatures(100, 2, 3);
    const r = computeGenerativeMetrics({ real: { features: realPts, probabilities: null }, fake: { features: fakePts, probabilities: null }, classNames: null, modes: { centres, std: 0.02 }, seed: 0 });
    expect(r.values.inceptionScore).toBeNull();
    expect(r.values.classesCovered).toBeNull();
    expect(r.histogram).toBeNull();
    expect(r.warnings.some((w) => /class probabilities/.test(w))).toBe(true);
    const m = modeCoverage(fakePts, centres, { sigma: 0.02 });
    expect(r.values.modesCovered).toBe(m.modesCovered);
    expect(r.values.modesCovered).toBe(5);
    expect(r.values.highQualityFraction).toBe(m.highQualityFraction);
    expect(r.values.fid).not.toBeNull();
  });

  it('passes FID rank warnings through and nulls what too few samples cannot give', () => {
    const small = gaussianFeatures(5, 8, 4);
    const r = computeGenerativeMetrics({ real: { features: real, probabilities: null }, fake: { features: small, probabilities: null }, classNames: null, seed: 0 });
    expect(r.warnings.some((w) => /FID: generated features: 5 samples < 8 feature dimensions/.test(w))).toBe(true);
    expect(r.values.fid).not.toBeNull();
    expect(r.values.precision).not.toBeNull();
    const tiny = gaussianFeatures(3, 8, 4);
    const t = computeGenerativeMetrics({ real: { features: real, probabilities: null }, fake: { features: tiny, probabilities: null }, classNames: null, seed: 0 });
    expect(t.values.precision).toBeNull();
    expect(t.values.recall).toBeNull();
    expect(t.values.density).not.toBeNull();
    expect(t.warnings.some((w) => /precision and recall \(k=3\)/.test(w))).toBe(true);
  });

  it('rejects mismatched inputs with messages naming the field', () => {
    const other = gaussianFeatures(50, 4, 1);
    expect(() => computeGenerativeMetrics({ real: { features: real, probabilities: null }, fake: { features: other, probabilities: null }, classNames: null, seed: 0 })).toThrow(/real features have 8 dimensions/);
    expect(() => computeGenerativeMetrics({ real: { features: real, probabilities: null }, fake: { features: fake, probabilities: probabilities(150, 4, 1) }, classNames: ['x'], seed: 0 })).toThrow(/classNames lists 1 classes/);
    expect(() => computeGenerativeMetrics({ real: { features: real, probabilities: null }, fake: { features: fake, probabilities: probabilities(10, 4, 1) }, classNames: null, seed: 0 })).toThrow(/fake.probabilities has 10 rows/);
    expect(() => computeGenerativeMetrics({ real: { features: real, probabilities: null }, fake: { features: fake, probabilities: null }, classNames: null, modes: { centres: ringCentres(8, 2), std: 0.1 }, seed: 0 })).toThrow(/modes.centres are 2-D/);
  });
});
