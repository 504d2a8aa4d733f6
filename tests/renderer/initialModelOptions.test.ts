// The neural-loop form's "Generation 1 from a trained model" choices: completed train-model runs of a
// generative model only, each checked against the form with the core's rule (a mismatch disabled with the
// field named), classifiers and unfinished runs left out, an unknown chosen id kept and flagged.
import { describe, expect, it } from 'vitest';
import { neuralLoopFields } from '@shared/config/neuralLoop';
import { trainModelParamsSchema } from '@shared/config/trainModel';
import type { DatasetSummary } from '@shared/contract/datasetModels';
import type { RunDetail, RunSummary } from '@shared/contract/models';
import { initialValues } from '../../src/renderer/src/lib/fieldForm';
import { initialModelOptions } from '../../src/renderer/src/lib/initialModelOptions';

const shapes: DatasetSummary = {
  id: 'builtin-shapes10', name: 'Shapes-10', kind: 'images', builtin: true, sourceFormat: 'builtin', checksum: 'x', trainCount: 100, testCount: 10,
  dims: [28, 28, 1], classes: Array.from({ length: 10 }, (_, i) => `c${i}`), createdAt: '2026-01-01T00:00:00Z', sourceRunId: null, sourceStep: null,
};

function run(id: string, status: RunSummary['status'], params: Record<string, unknown>): { summary: RunSummary; detail: RunDetail } {
  const summary: RunSummary = {
    id, experimentId: `e-${id}`, kind: 'train-model', name: `run ${id}`, status, seed: 0, backend: 'wasm', createdAt: '2026-01-01T00:00:00Z',
    startedAt: null, finishedAt: null, checkpointStep: status === 'completed' ? 600 : null, progress: null, queuePosition: null, error: null,
  };
  const config = { kind: 'train-model' as const, params: trainModelParamsSchema.parse({ dataset: 'builtin-shapes10', ...params }) };
  return { summary, detail: { ...summary, config, summary: null, artifacts: [] } };
}

const runs = [
  run('gan8', 'completed', { task: 'gan', 'gan.width': 8 }),
  run('gan32', 'completed', { task: 'gan' }),
  run('diff', 'completed', { task: 'diffusion' }),
  run('clf', 'completed', { task: 'classifier' }),
  run('busy', 'running', { task: 'gan' }),
];
const summaries = runs.map((r) => r.summary);
const details = Object.fromEntries(runs.map((r) => [r.summary.id, r.detail]));

describe('initialModelOptions', () => {
  it('offers the completed generative runs, disabling those that do not fit the form with the reason', () => {
    const values = initialValues(neuralLoopFields, { 'gan.width': 8 });
    const options = initialModelOptions(neuralLoopFields, values, summaries, details, [shapes], '');
    expect(options.map((o) => o.value)).toEqual(['', 'gan8', 'gan32', 'diff']);
    expect(options[1]).toMatchObject({ issue: null, label: 'run gan8 · gan on builtin-shapes10 · gan8' });
    expect(options[2].issue).toMatch(/^gan\.width: this loop has 8 but run "gan32" \(initialModel\) was trained with 32/);
    expect(options[3].issue).toMatch(/^initialModel: run "diff" trained a diffusion model, but this loop's model is a GAN/);
    // The same runs against a diffusion loop: only the diffusion run fits.
    const diffusion = initialModelOptions(neuralLoopFields, { ...values, model: 'diffusion' }, summaries, details, [shapes], '');
    expect(diffusion.filter((o) => o.value && o.issue === null).map((o) => o.value)).toEqual(['diff']);
  });

  it('keeps a chosen id that is not a completed run, flagged; runs without details yet are listed as loading', () => {
    const values = initialValues(neuralLoopFields, {});
    const options = initialModelOptions(neuralLoopFields, values, summaries, {}, [shapes], 'gone');
    expect(options.map((o) => o.value)).toEqual(['', 'gan8', 'gan32', 'diff', 'clf', 'gone']);
    expect(options[1]).toMatchObject({ issue: null, label: 'run gan8 · loading… · gan8' });
    expect(options.at(-1)!.issue).toMatch(/no completed train-model run "gone"/);
  });
});
