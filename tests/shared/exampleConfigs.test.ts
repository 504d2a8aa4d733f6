// Every config in examples/ (the README's and the demo's) is valid for the current schema, so the
// documented commands never fail on a renamed field.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { experimentConfigSchema } from '@shared/config/experimentKinds';
import { expandSweep, isSweepInput } from '@shared/config/sweepConfig';

const dir = resolve(__dirname, '../../examples');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

describe('example configs', () => {
  it('there are examples for the neural kinds too', () => {
    expect(files).toEqual(expect.arrayContaining(['mad-shapes10-fully-synthetic.json', 'mad-shapes10-fresh-data.json', 'train-dcgan-shapes10.json']));
  });
  it('there are weak-to-strong examples', () => {
    expect(files).toEqual(expect.arrayContaining(['w2s-shapes10-naive.json', 'w2s-fashion-mnist-bootstrap.json', 'w2s-sweep-shapes10.json']));
  });
  it('there are sweeps of the MAD figures', () => {
    expect(files).toEqual(expect.arrayContaining(['sweep-gaussian-mad.json', 'sweep-neural-loop.json']));
    const mad = expandSweep(JSON.parse(readFileSync(join(dir, 'sweep-gaussian-mad.json'), 'utf8')));
    expect(mad.points).toHaveLength(27); // 3 loop kinds × 3 λ × 3 seeds
    const neural = expandSweep(JSON.parse(readFileSync(join(dir, 'sweep-neural-loop.json'), 'utf8')));
    expect(neural.points.map((p) => p.coordinates)).toEqual([
      { lambda: 1, loop: 'fully-synthetic', 'trainer.seed': 1 },
      { lambda: 1, loop: 'fresh-data', 'trainer.seed': 1 },
      { lambda: 0.7, loop: 'fully-synthetic', 'trainer.seed': 1 },
      { lambda: 0.7, loop: 'fresh-data', 'trainer.seed': 1 },
    ]);
  });
  it.each(files)('%s parses (a sweep: every point)', (file) => {
    const json: unknown = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    if (isSweepInput(json)) {
      expect(expandSweep(json).points.length).toBeGreaterThan(0);
      return;
    }
    const parsed = experimentConfigSchema.safeParse(json);
    expect(parsed.success ? 'ok' : parsed.error.message).toBe('ok');
  });
});
