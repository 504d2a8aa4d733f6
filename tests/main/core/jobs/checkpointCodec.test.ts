import { afterEach, describe, expect, it } from 'vitest';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pruneCheckpoints, readCheckpoint, writeCheckpoint } from '../../../../src/main/core/jobs/checkpointCodec';
import { tempDir } from '../../../helpers/tempWorkbench';

describe('checkpoint codec', () => {
  const dir = tempDir();
  afterEach(() => dir.remove());

  it('round-trips nested typed arrays bit for bit', async () => {
    const state = {
      generation: 7,
      models: [
        { mean: new Float64Array([Math.PI, -0, 1e-300, Number.MAX_VALUE]), cov: new Float32Array([1.5, 2.25]) },
        { mean: new Float64Array([0.1 + 0.2]), counts: new Int32Array([-3, 5]), bytes: new Uint8Array([1, 2, 255]) },
      ],
      note: 'text',
    };
    await writeCheckpoint(dir.path, 7, state);
    const back = (await readCheckpoint(dir.path, 7)) as typeof state;
    expect(back.generation).toBe(7);
    expect(back.note).toBe('text');
    expect(back.models[0].mean).toBeInstanceOf(Float64Array);
    expect(Array.from(back.models[0].mean)).toEqual(Array.from(state.models[0].mean));
    expect(Object.is(back.models[0].mean[1], -0)).toBe(true);
    expect(Array.from(back.models[0].cov!)).toEqual([1.5, 2.25]);
    expect(Array.from(back.models[1].counts!)).toEqual([-3, 5]);
    expect(Array.from(back.models[1].bytes!)).toEqual([1, 2, 255]);
    expect(back.models[1].mean[0]).toBe(0.1 + 0.2);
  });

  it('prunes every checkpoint but the one to keep', async () => {
    for (const step of [1, 2, 3]) await writeCheckpoint(dir.path, step, { step });
    await pruneCheckpoints(dir.path, 2);
    expect(readdirSync(join(dir.path, 'checkpoints')).sort()).toEqual(['step-2.bin', 'step-2.json']);
    await writeCheckpoint(dir.path, 3, { step: 3 });
    writeFileSync(join(dir.path, 'checkpoints', 'step-4.bin.tmp-abc'), 'in flight');
    await pruneCheckpoints(dir.path, 3, 'older');
    expect(readdirSync(join(dir.path, 'checkpoints')).sort()).toEqual(['step-3.bin', 'step-3.json', 'step-4.bin.tmp-abc']);
    await pruneCheckpoints(dir.path, null);
    expect(readdirSync(join(dir.path, 'checkpoints'))).toEqual([]);
  });

  it('fails clearly when the checkpoint is missing', async () => {
    await expect(readCheckpoint(dir.path, 9)).rejects.toThrow(/step-9/);
  });
});
