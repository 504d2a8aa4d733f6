// Artifact names and shape checks for the scatter and phase map.
import { describe, expect, it } from 'vitest';
import { parsePhaseMapArtifact, parseScatterArtifact, scatterArtifactName, scatterArtifacts } from '../../src/renderer/src/lib/artifacts';

const info = (name: string) => ({ name, kind: 'json', step: null, bytes: 1, sha256: 'x', createdAt: '' });

describe('artifacts', () => {
  it('names scatter generations with 4 digits and lists them in order', () => {
    expect(scatterArtifactName(3)).toBe('scatter/gen-0003.json');
    const list = scatterArtifacts([info('scatter/gen-0010.json'), info('phase-map.json'), info('scatter/gen-0000.json')]);
    expect(list.map((a) => a.generation)).toEqual([0, 10]);
  });
  it('accepts the scatter shape and rejects others', () => {
    const ok = { generation: 1, axes: ['a', 'b'], points: [[1, 2]], referenceEllipse: { sx: 1, sy: 2 } };
    expect(parseScatterArtifact(ok)).not.toBeNull();
    expect(parseScatterArtifact({ ...ok, points: [[1]] })).toBeNull();
    expect(parseScatterArtifact(null)).toBeNull();
  });
  it('checks the phase-map matrices against the grids', () => {
    const ok = { lambda: 1, realSamplesGrid: [1], syntheticSamplesGrid: [1, 2], ratio: [[1, null]], ne: [[1, 2]], limitDistance: [[1, 2]] };
    expect(parsePhaseMapArtifact(ok)).not.toBeNull();
    expect(parsePhaseMapArtifact({ ...ok, ratio: [[1]] })).toBeNull();
  });
});
