// The 2-D Gaussian mixtures: modes where the literature puts them, every mode populated, samples tight
// around their mode, reproducible, and stored as a points dataset.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mixtureModes, openDataset, sampleMixture, writeMixture } from '../../../../../src/main/core/datasets';
import { makeTempDir } from '../helpers/fixtures';

let tmp: ReturnType<typeof makeTempDir>;
beforeEach(() => (tmp = makeTempDir()));
afterEach(() => tmp.cleanup());

describe('2-D mixtures', () => {
  it('places ring8 on a radius-2 circle and grid25 on −4…4', () => {
    const ring = mixtureModes('ring8');
    expect(ring.means.length).toBe(16);
    for (let k = 0; k < 8; k++) expect(Math.hypot(ring.means[2 * k], ring.means[2 * k + 1])).toBeCloseTo(2, 5);
    const grid = mixtureModes('grid25');
    expect(new Set(Array.from(grid.means))).toEqual(new Set([-4, -2, 0, 2, 4]));
    expect(grid.names[0]).toBe('(-4, -4)');
  });

  it('samples every mode with the right spread, reproducibly', () => {
    for (const kind of ['ring8', 'grid25'] as const) {
      const modes = mixtureModes(kind);
      const k = modes.means.length / 2;
      const { points, labels } = sampleMixture({ kind, seed: 9 }, 'train', 0, 20000);
      const counts = new Array(k).fill(0);
      let sq = 0;
      for (let i = 0; i < labels.length; i++) {
        counts[labels[i]]++;
        sq += (points[2 * i] - modes.means[2 * labels[i]]) ** 2 + (points[2 * i + 1] - modes.means[2 * labels[i] + 1]) ** 2;
      }
      expect(Math.min(...counts)).toBeGreaterThan((20000 / k) * 0.85);
      expect(Math.sqrt(sq / (2 * labels.length))).toBeCloseTo(modes.std, 2);
      const again = sampleMixture({ kind, seed: 9 }, 'train', 100, 5);
      expect([...again.points]).toEqual([...points.subarray(200, 210)]);
    }
  });

  it('writes a points dataset with a class per mode', async () => {
    const meta = await writeMixture(join(tmp.dir, 'ring'), { kind: 'ring8', trainCount: 2500, testCount: 500, seed: 1 });
    expect(meta).toMatchObject({ kind: 'points', dims: 2, classes: mixtureModes('ring8').names, splits: { train: { count: 2500 }, test: { count: 500 } } });
    const r = await openDataset(join(tmp.dir, 'ring'));
    const b = await r.readPoints('test', 0, 500);
    expect([...b.points.subarray(0, 4)]).toEqual([...sampleMixture({ kind: 'ring8', seed: 1 }, 'test', 0, 2).points]);
    await r.close();
  });
});
