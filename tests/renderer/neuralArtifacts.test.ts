// The neural artifacts as the renderer reads them: listing a run's artifacts of one kind by step (from the
// listing or the file name), the artifact shown at a step, the union of two runs' steps, schema checks,
// and sample grids decoded from base64 into ImageGrid sources (with the first-n limit) or 2-D points.
import { describe, expect, it } from 'vitest';
import type { ArtifactInfo } from '@shared/contract/models';
import { neuralArtifactNames, type SampleGrid } from '@shared/contract/neuralArtifacts';
import { artifactsOfKind, atOrBefore, parseSampleGrid, unionSteps } from '../../src/renderer/src/lib/neuralArtifacts';
import { classLayout, gridPoints, gridSource, isPointGrid, sampleCaption } from '../../src/renderer/src/lib/sampleGrid';

const info = (name: string, kind: string, step: number | null): ArtifactInfo => ({ name, kind, step, bytes: 1, sha256: name, createdAt: '' });

function imageGrid(count: number, h: number, w: number, c: number): SampleGrid {
  const bytes = Uint8Array.from({ length: count * h * w * c }, (_, i) => i % 256);
  return {
    format: 'sample-grid/1', step: 2, count, height: h, width: w, channels: c,
    pixels: btoa(String.fromCharCode(...bytes)),
    labels: Array.from({ length: count }, (_, i) => i % 2), predicted: Array.from({ length: count }, () => 1),
    classNames: ['circle', 'square'], lambda: 1,
  };
}

describe('artifact lists', () => {
  const artifacts = [
    info(neuralArtifactNames.generationGrid(3), 'sample-grid', 3),
    info(neuralArtifactNames.generationGrid(1), 'sample-grid', null),
    info(neuralArtifactNames.classHistogram(1), 'class-histogram', 1),
    info('scatter/gen-0001.json', 'scatter', 1),
    info(neuralArtifactNames.trainingGrid(400), 'json', null),
  ];
  it('lists one kind by step, taking the step from the name when the listing has none', () => {
    expect(artifactsOfKind(artifacts, 'sample-grid').map((a) => a.step)).toEqual([1, 3, 400]);
    expect(artifactsOfKind(artifacts, 'class-histogram').map((a) => a.artifact.name)).toEqual(['classes/gen-0001.json']);
    expect(artifactsOfKind(artifacts, 'confusion-matrix')).toEqual([]);
  });
  it('shows the step, or the nearest earlier one, or the first', () => {
    const grids = artifactsOfKind(artifacts, 'sample-grid');
    expect(atOrBefore(grids, 3)?.step).toBe(3);
    expect(atOrBefore(grids, 2)?.step).toBe(1);
    expect(atOrBefore(grids, 0)?.step).toBe(1);
    expect(atOrBefore([], 5)).toBeNull();
  });
  it('merges two runs\' steps for one slider', () => {
    const a = [{ step: 1, artifact: artifacts[0] }, { step: 3, artifact: artifacts[0] }];
    const b = [{ step: 2, artifact: artifacts[0] }, { step: 3, artifact: artifacts[0] }];
    expect(unionSteps(a, b)).toEqual([1, 2, 3]);
  });
  it('accepts only bodies of the shared schema', () => {
    expect(parseSampleGrid(imageGrid(2, 2, 2, 1))).not.toBeNull();
    expect(parseSampleGrid({ format: 'sample-grid/1', step: 1 })).toBeNull();
    expect(parseSampleGrid(null)).toBeNull();
  });
});

describe('sample grids', () => {
  it('decodes base64 pixels into an ImageSource, optionally the first n samples', async () => {
    const grid = imageGrid(5, 2, 2, 3);
    const source = gridSource(grid)!;
    expect(source).toMatchObject({ total: 5, height: 2, width: 2, channels: 3 });
    const page = await source.load(1, 1);
    expect(Array.from(page.images)).toEqual(Array.from({ length: 12 }, (_, i) => 12 + i));
    expect(Array.from(page.labels!)).toEqual([1]);
    const first = gridSource(grid, 2)!;
    expect(first.total).toBe(2);
    expect((await first.load(0, 10)).images.length).toBe(2 * 12);
  });
  it('refuses channel counts ImageGrid cannot draw', () => {
    expect(() => gridSource(imageGrid(1, 2, 2, 2))).toThrow(/2 channels/);
  });
  it('reads 2-D point grids as pairs', () => {
    const grid: SampleGrid = { ...imageGrid(0, 0, 0, 0), pixels: undefined, count: 3, points: [0, 1, 2, 3, 4, 5] };
    expect(isPointGrid(grid)).toBe(true);
    expect(gridSource(grid)).toBeNull();
    expect(gridPoints(grid)).toEqual([[0, 1], [2, 3], [4, 5]]);
    expect(gridPoints(grid, 2)).toEqual([[0, 1], [2, 3]]);
  });
  it('lays out a conditional grid one class per column or per row, following its labels', () => {
    const grid = imageGrid(5, 1, 1, 1); // labels 0,1,0,1,0 with 2 class names
    expect(classLayout(grid)).toEqual({ columns: 2, by: 'column', names: ['circle', 'square'] });
    expect(classLayout({ ...grid, classNames: null, labels: [0, 1, 2, 0, 1, 2] })).toMatchObject({ columns: 3, by: 'column' });
    expect(classLayout({ ...grid, labels: [0, 0, 0, 1, 1, 1, 0] })).toEqual({ columns: 3, by: 'row', names: ['circle', 'square', 'circle'] });
    expect(classLayout({ ...grid, labels: [1, 0, 0, 1, 1] })).toBeNull();
    expect(classLayout({ ...grid, labels: [0, 0, 0, 0, 0] })).toBeNull();
    expect(classLayout({ ...grid, labels: null })).toBeNull();
  });
  it('captions a sample with its conditioning and predicted class', () => {
    const grid = imageGrid(2, 1, 1, 1);
    expect(sampleCaption(grid, 0)).toBe('drawn as circle · classified as square');
    expect(sampleCaption({ ...grid, labels: null, predicted: null }, 0)).toBe('');
  });
});
