// The renderer's reading of InfoGAN traversal artifacts: listing by step, schema check, and the RGBA atlas.
import { describe, expect, it } from 'vitest';
import type { ArtifactInfo } from '@shared/contract/models';
import { infoGanArtifacts, parseInfoGanTraversal, traversalAtlas } from '../../src/renderer/src/lib/infoGanTraversal';

const info = (name: string, kind: string, step: number | null) => ({ name, kind, step, sha256: 'x', size: 1 }) as unknown as ArtifactInfo;

function body(pixels: Uint8Array) {
  return {
    format: 'infogan-traversal/1', step: 4, height: 1, width: 2, channels: 1, rows: 2, columns: 2, rowsVary: 'categorical',
    columnValues: [-2, 2], grids: [{ continuousCode: 0, pixels: btoa(String.fromCharCode(...pixels)) }],
    purity: [], samplesPerValue: 0, classNames: null, note: null,
  };
}

describe('InfoGAN traversal (renderer)', () => {
  it('lists traversal artifacts by step, by kind or by folder, ignoring others', () => {
    const list = infoGanArtifacts([info('infogan/step-00000008.json', 'infogan-traversal', 8), info('grids/step-00000004.json', 'sample-grid', 4), info('infogan/step-00000004.json', 'other', null)]);
    expect(list.map((a) => a.step)).toEqual([4, 8]);
  });

  it('accepts a schema-valid body and refuses a foreign one', () => {
    expect(parseInfoGanTraversal(body(new Uint8Array(8)))?.rows).toBe(2);
    expect(parseInfoGanTraversal({ ...body(new Uint8Array(8)), format: 'sample-grid/1' })).toBeNull();
    expect(parseInfoGanTraversal({ ...body(new Uint8Array(8)), grids: [] })).toBeNull();
  });

  it('lays rows × columns images out as one grey-to-RGBA atlas', () => {
    // images (1×2 each): r0c0 = [1, 2], r0c1 = [3, 4], r1c0 = [5, 6], r1c1 = [7, 8]
    const t = parseInfoGanTraversal(body(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8])))!;
    const atlas = traversalAtlas(t, 0);
    expect([atlas.width, atlas.height]).toEqual([4, 2]);
    const grey = Array.from({ length: 8 }, (_, i) => atlas.rgba[i * 4]);
    expect(grey).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(atlas.rgba[3]).toBe(255);
  });

  it('refuses a grid whose pixels do not hold rows × columns images', () => {
    const t = parseInfoGanTraversal(body(new Uint8Array(7)))!;
    expect(() => traversalAtlas(t, 0)).toThrow(/grid 0 holds 7 bytes, expected 4 images of 1×2×1/);
    expect(() => traversalAtlas(t, 1)).toThrow(/has no grid 1/);
  });
});
