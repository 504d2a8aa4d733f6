import { afterAll, describe, expect, it } from 'vitest';
import { createForkJobProcessFactory } from '../../../../src/main/core/jobs/forkJobProcess';
import { createWorkbench } from '../../../../src/main/core/workbench';
import { tempDir } from '../../../helpers/tempWorkbench';

// The router is what every transport calls: bad payloads must come back as clear invalid-input errors.
describe('API router validation', () => {
  const dir = tempDir();
  const workbench = createWorkbench({
    workspace: dir.path,
    shell: 'cli',
    jobProcessFactory: createForkJobProcessFactory('/nonexistent-worker.js'),
  });
  afterAll(async () => {
    await workbench.close();
    dir.remove();
  });

  it('rejects an unknown method', async () => {
    const result = await workbench.invoke('runs.explode', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'not-found', message: expect.stringContaining('runs.explode') } });
  });

  it('rejects a payload of the wrong shape, naming the field', async () => {
    const result = await workbench.invoke('runs.get', { runId: 42 });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('runId') } });
    const extra = await workbench.invoke('runs.list', { everything: true });
    expect(extra).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('everything') } });
  });

  it('rejects an invalid experiment config without creating a run', async () => {
    const result = await workbench.invoke('runs.create', { config: { kind: 'gaussian-loop', params: { lambda: -1 } } });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('config.params.lambda') } });
    const list = await workbench.invoke('runs.list', {});
    expect(list).toEqual({ ok: true, value: [] });
  });

  it('reports unknown ids as not-found', async () => {
    const result = await workbench.invoke('runs.get', { runId: 'nope' });
    expect(result).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('lists the experiment kinds with their fields', async () => {
    const result = await workbench.invoke('experiments.kinds', {});
    expect(result.ok).toBe(true);
    const kinds = (result as { value: Array<{ kind: string; fields: Record<string, unknown> }> }).value;
    expect(kinds.map((k) => k.kind)).toEqual(['gaussian-loop', 'gaussian-phase-map', 'train-model', 'neural-loop', 'weak-to-strong']);
    expect(kinds[0].fields.lambda).toMatchObject({ kind: 'number', default: 1 });
    const neural = kinds.find((k) => k.kind === 'neural-loop')!;
    expect(neural.fields.dataset).toMatchObject({ kind: 'dataset', default: 'builtin-shapes10' });
    expect(neural.fields['trainer.length']).toMatchObject({ kind: 'int' });
  });
});
