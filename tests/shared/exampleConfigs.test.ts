// Every config in examples/ (the README's and the demo's) is valid for the current schema, so the
// documented commands never fail on a renamed field.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { experimentConfigSchema } from '@shared/config/experimentKinds';

const dir = resolve(__dirname, '../../examples');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

describe('example configs', () => {
  it('there are examples for the neural kinds too', () => {
    expect(files).toEqual(expect.arrayContaining(['mad-shapes10-fully-synthetic.json', 'mad-shapes10-fresh-data.json', 'train-dcgan-shapes10.json']));
  });
  it('there are weak-to-strong examples', () => {
    expect(files).toEqual(expect.arrayContaining(['w2s-shapes10-naive.json', 'w2s-fashion-mnist-bootstrap.json', 'w2s-sweep-shapes10.json']));
  });
  it.each(files)('%s parses', (file) => {
    const parsed = experimentConfigSchema.safeParse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
    expect(parsed.success ? 'ok' : parsed.error.message).toBe('ok');
  });
});
