// The weak-to-strong artifacts as the comparison view reads them: per-seed artifacts found by kind or by name,
// schema checks that refuse a wrong body, the galleries' items by category and true class, one item's
// probabilities per model, and a metric's band over seeds from the metric series.
import { describe, expect, it } from 'vitest';
import type { ArtifactInfo } from '@shared/contract/models';
import { weakToStrongArtifactNames as names } from '@shared/contract/weakToStrongArtifacts';
import { mergePoints, type SeriesMap } from '../../src/renderer/src/lib/metricSeries';
import {
  galleryCounts,
  galleryItems,
  itemAttention,
  itemProbabilities,
  parseW2sComparison,
  parseW2sPredictions,
  seedBand,
  w2sArtifactsOf,
  w2sSingleArtifact,
} from '../../src/renderer/src/lib/weakToStrongArtifacts';
import { comparisonFixture, predictionsFixture } from '../fixtures/weakToStrongViews/artifacts';

const info = (name: string, kind: string, step: number | null): ArtifactInfo => ({ name, kind, step, bytes: 1, sha256: name, createdAt: '' });

describe('finding a run’s weak-to-strong artifacts', () => {
  const list = [
    info(names.comparison(2), 'w2s-comparison', 2),
    info(names.protocol, 'w2s-protocol', null),
    info(names.comparison(1), 'w2s-comparison', 1),
    info(names.predictions(1), 'w2s-predictions', 1),
    info(names.curves(10), '', null), // listed without kind or step: found by name
  ];
  it('lists per-seed artifacts by seed, from the listing or the name', () => {
    expect(w2sArtifactsOf(list, 'comparison').map((a) => a.step)).toEqual([1, 2]);
    expect(w2sArtifactsOf(list, 'curves').map((a) => a.step)).toEqual([10]);
    expect(w2sArtifactsOf(list, 'predictions')).toHaveLength(1);
    expect(w2sSingleArtifact(list, 'protocol')?.name).toBe('w2s/protocol.json');
    expect(w2sSingleArtifact(list, 'sweep')).toBeNull();
  });
  it('accepts bodies of the contract and refuses others', () => {
    expect(parseW2sComparison(comparisonFixture())).not.toBeNull();
    expect(parseW2sComparison({ ...comparisonFixture(), format: 'w2s-comparison/2' })).toBeNull();
    expect(parseW2sPredictions({ ...predictionsFixture(), categories: ['right'] })).toBeNull();
  });
});

describe('galleries', () => {
  const p = predictionsFixture();
  it('picks corrected, inherited, new-error items and every disagreement', () => {
    expect(galleryItems(p, 'corrected')).toEqual([2, 6, 9, 10]);
    expect(galleryItems(p, 'inherited')).toEqual([3, 11]);
    expect(galleryItems(p, 'new-error')).toEqual([5]);
    // disagreements: the corrected, the new error and the different error (7)
    expect(galleryItems(p, 'disagreements')).toEqual([2, 5, 6, 7, 9, 10]);
  });
  it('filters by true class', () => {
    expect(galleryItems(p, 'corrected', 2)).toEqual([9, 10]);
    expect(galleryItems(p, 'new-error', 0)).toEqual([]);
    expect(galleryCounts(p, 1)).toEqual({ corrected: 1, inherited: 0, 'new-error': 1, disagreements: 3 });
  });
  it('reads one item’s probabilities per model and names a missing item', () => {
    expect(itemProbabilities(p, 'student', 5)).toEqual([0.15, 0.15, 0.7]);
    expect(itemProbabilities(p, 'ceiling', 0)).toEqual([0.9, 0.05, 0.05]);
    expect(() => itemProbabilities(p, 'weak', 12)).toThrow(/seed 1.*no weak probabilities for item 12/);
  });
});

describe('a metric over seeds', () => {
  it('gives per-seed values, and the stored mean and band once the last seed is done', () => {
    const series: SeriesMap = new Map();
    mergePoints(series, [{ key: 'pgr', step: 1, value: 0.4 }, { key: 'pgr', step: 3, value: 0.6 }]);
    expect(seedBand(series, 'pgr', 3)).toEqual({ mean: 0.5, p10: null, p90: null, perSeed: [0.4, null, 0.6] });
    mergePoints(series, [{ key: 'pgr.mean', step: 3, value: 0.5 }, { key: 'pgr.p10', step: 3, value: 0.42 }, { key: 'pgr.p90', step: 3, value: 0.58 }]);
    expect(seedBand(series, 'pgr', 3)).toMatchObject({ mean: 0.5, p10: 0.42, p90: 0.58 });
    expect(seedBand(undefined, 'pgr', 2)).toEqual({ mean: null, p10: null, p90: null, perSeed: [null, null] });
  });
});

describe('attention over an item', () => {
  it('finds each layer of a model that covers the item, with its row; none without the optional field', () => {
    const p = predictionsFixture();
    expect(itemAttention(p, 'student', 2)).toEqual([]);
    const withMaps = {
      ...p,
      attention: [
        { role: 'student' as const, layer: 'cbam1', mapHeight: 2, mapWidth: 2, items: [5, 2], maps: [0, 0, 0, 0, 0.1, 0.2, 0.3, 0.4] },
        { role: 'weak' as const, layer: 'cbam1', mapHeight: 2, mapWidth: 2, items: [2], maps: [1, 1, 1, 1] },
      ],
    };
    expect(parseW2sPredictions(withMaps)).not.toBeNull();
    expect(itemAttention(withMaps, 'student', 2)).toMatchObject([{ layer: 'cbam1', row: 1, mapHeight: 2 }]);
    expect(itemAttention(withMaps, 'ceiling', 2)).toEqual([]);
    expect(itemAttention(withMaps, 'student', 7)).toEqual([]);
  });
  it('names a layer whose maps are short', () => {
    const bad = { ...predictionsFixture(), attention: [{ role: 'weak' as const, layer: 'sa', mapHeight: 3, mapWidth: 3, items: [0], maps: [1] }] };
    expect(() => itemAttention(bad, 'weak', 0)).toThrow(/attention weak\/sa has 1 values for 1 maps of 3×3/);
  });
});
