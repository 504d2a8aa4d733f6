// The config-level check of a neural loop's initialModel: each refusal (missing run, other kind, classifier,
// unfinished, other family, other image shape or classes, a differing architecture field with both values)
// and what may differ (trainer settings, init seeds, sampler), on plain records as the database gives them.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { neuralLoopParamsSchema, type NeuralLoopParams } from '@shared/config/neuralLoop';
import { initialModelIssue, initialModelMatchFields, type InitialModelDataset, type InitialModelSource } from '@shared/config/neuralLoopInitialModel';
import { trainModelParamsSchema } from '@shared/config/trainModel';

const shapes: InitialModelDataset = { id: 'shapes', kind: 'images', dims: [28, 28, 1], classes: Array.from({ length: 10 }, (_, i) => `c${i}`) };
const cifar: InitialModelDataset = { id: 'cifar', kind: 'images', dims: [32, 32, 3], classes: shapes.classes };
const fewClasses: InitialModelDataset = { ...shapes, id: 'three', classes: ['a', 'b', 'c'] };

const loop = (params: Partial<NeuralLoopParams>): NeuralLoopParams => neuralLoopParamsSchema.parse({ dataset: 'shapes', initialModel: 'r1', ...params });

function source(params: Record<string, unknown>, over: Partial<InitialModelSource> = {}): InitialModelSource {
  return {
    id: 'r1', kind: 'train-model', status: 'completed', params: trainModelParamsSchema.parse({ dataset: 'shapes', ...params }) as unknown as Record<string, unknown>,
    checkpointStep: 600, totalSteps: 600, dataset: shapes, ...over,
  };
}

describe('initialModelIssue', () => {
  it('accepts a matching run whose trainer, seeds, sampler and EMA differ', () => {
    expect(initialModelIssue(loop({ model: 'diffusion', 'trainer.learningRate': 0.01, 'unet.seed': 9, 'diffusion.samplingSteps': 7 }), shapes,
      source({ task: 'diffusion', 'trainer.length': 50, 'unet.seed': 2, 'diffusion.emaDecay': 0.99, 'diffusion.sampler': 'ddpm' }))).toBeNull();
    expect(initialModelIssue(loop({ 'gan.seed': 4, 'objective.featureMatching': true }), shapes, source({ task: 'gan', 'gan.seed': 3 }))).toBeNull();
    // The conditioning fields matter only for a conditional GAN.
    expect(initialModelIssue(loop({ 'gan.labelEmbeddingDim': 4 }), shapes, source({ task: 'gan', 'gan.labelEmbeddingDim': 16 }))).toBeNull();
    expect(initialModelIssue(loop({ initialModel: '' }), shapes, null)).toBeNull();
    expect(initialModelIssue(loop({ model: 'diffusion', conditional: true, lambda: 1 }), shapes, source({ task: 'diffusion', conditional: true, 'diffusion.conditionDropout': 0 }))).toBeNull();
  });

  it('refuses each bad run naming the field', () => {
    const cases: Array<[NeuralLoopParams, InitialModelDataset, InitialModelSource | null, RegExp]> = [
      [loop({}), shapes, null, /^initialModel: no run with id "r1" in this workspace$/],
      [loop({}), shapes, source({ task: 'gan' }, { kind: 'neural-loop' }), /^initialModel: run "r1" is a neural-loop run; .*only from a train-model run/],
      [loop({}), shapes, source({ task: 'classifier' }), /^initialModel: run "r1" trained a classifier; .*generative model/],
      [loop({}), shapes, source({ task: 'gan' }, { status: 'interrupted', checkpointStep: 300 }), /^initialModel: run "r1" is interrupted, not completed/],
      [loop({}), shapes, source({ task: 'gan' }, { status: 'running', checkpointStep: null }), /^initialModel: run "r1" is running, not completed/],
      [loop({}), shapes, source({ task: 'gan' }, { checkpointStep: 300 }), /^initialModel: run "r1" is completed but has no final checkpoint/],
      [loop({ model: 'diffusion' }), shapes, source({ task: 'gan' }), /^initialModel: run "r1" trained a GAN, but this loop's model is a diffusion model/],
      [loop({}), shapes, source({ task: 'gan', 'infoGan.enabled': true }), /^initialModel: run "r1" trained an InfoGAN, but this loop's model is a GAN/],
      [loop({}), cifar, source({ task: 'gan' }), /^dataset: "cifar" holds images 32×32×3, but run "r1" \(initialModel\) trained on "shapes" with images 28×28×1/],
      [loop({}), shapes, source({ task: 'gan' }, { dataset: null }), /^initialModel: the dataset run "r1" trained on \(shapes\) is no longer in this workspace/],
      [loop({ conditional: true }), fewClasses, source({ task: 'gan', conditional: true }), /^dataset: "three" has 3 classes, but run "r1" \(initialModel\) was conditioned on the 10 classes/],
      [loop({ conditional: true }), shapes, source({ task: 'gan' }), /^conditional: this loop has true but run "r1" \(initialModel\) was trained with false/],
      [loop({ 'gan.width': 16 }), shapes, source({ task: 'gan', 'gan.width': 8 }), /^gan\.width: this loop has 16 but run "r1" \(initialModel\) was trained with 8/],
      [loop({ 'gan.latentDim': 64 }), shapes, source({ task: 'gan' }), /^gan\.latentDim: this loop has 64 but run "r1" .* with 100/],
      [loop({ conditional: true, 'gan.conditioning': 'acgan' }), shapes, source({ task: 'gan', conditional: true }), /^gan\.conditioning: this loop has "acgan" but .* with "input"/],
      [loop({ model: 'diffusion', 'unet.channelMultipliers': [1, 2] }), shapes, source({ task: 'diffusion' }), /^unet\.channelMultipliers: this loop has \[1,2\] but run "r1" .* with \[1,2,2\]|^unet\.channelMultipliers: this loop has \[1,2\]/],
      [loop({ model: 'diffusion', 'unet.attention': false }), shapes, source({ task: 'diffusion', 'unet.attention': true }), /^unet\.attention: this loop has false but .* with true/],
      [loop({ model: 'diffusion', 'diffusion.steps': 100 }), shapes, source({ task: 'diffusion', 'diffusion.steps': 400 }), /^diffusion\.steps: this loop has 100 but .* with 400/],
      [loop({ model: 'diffusion', 'diffusion.schedule': 'cosine' }), shapes, source({ task: 'diffusion' }), /^diffusion\.schedule: this loop has "cosine" but .* with "linear"/],
      [loop({ model: 'diffusion', conditional: true, lambda: 0.5 }), shapes, source({ task: 'diffusion', conditional: true, 'diffusion.conditionDropout': 0 }), /^lambda: λ = 0\.5 < 1 guides .* trained with diffusion\.conditionDropout 0/],
      [loop({ 'infoGan.enabled': true, 'infoGan.categories': 5 }), shapes, source({ task: 'gan', 'infoGan.enabled': true }), /^infoGan\.categories: this loop has 5 but .* with 10/],
    ];
    for (const [params, dataset, run, message] of cases) {
      expect(initialModelIssue(params, dataset, run), String(message)).toMatch(message);
    }
  });

  it('lists the architecture fields per family, without trainer settings or init seeds', () => {
    const diffusion = initialModelMatchFields('diffusion', 'images', true, { 'diffusion.schedule': 'linear' });
    expect(diffusion).toEqual(expect.arrayContaining(['conditional', 'unet.width', 'unet.channelMultipliers', 'unet.attention', 'diffusion.steps', 'diffusion.schedule', 'diffusion.betaEnd']));
    expect(initialModelMatchFields('diffusion', 'images', true, { 'diffusion.schedule': 'cosine' })).not.toContain('diffusion.betaEnd');
    const all = [...diffusion, ...initialModelMatchFields('infogan', 'images', true, { 'gan.virtualBatchNorm': true }), ...initialModelMatchFields('gan', 'points', false, {})];
    expect(all.filter((f) => f.startsWith('trainer.') || f.endsWith('.seed') || f.startsWith('objective.'))).toEqual([]);
    expect(initialModelMatchFields('gan', 'points', false, {})).toEqual(['conditional', 'pointGan.latentDim', 'pointGan.hiddenUnits', 'pointGan.minibatchDiscrimination']);
  });

  it('the README example: the loops of the Fashion-MNIST sweep can start from the Fashion-MNIST train-model example', () => {
    const example = (name: string) => JSON.parse(readFileSync(resolve(__dirname, '../../examples', name), 'utf8')) as { params?: Record<string, unknown>; base?: { params: Record<string, unknown> } };
    const train = example('train-diffusion-fashion-mnist.json').params!;
    const sweep = example('sweep-mad-diffusion-fashion-mnist-from-trained.json').base!.params;
    const fashion: InitialModelDataset = { id: 'fashion-mnist', kind: 'images', dims: [28, 28, 1], classes: shapes.classes };
    for (const lambda of [1, 0.5]) {
      expect(initialModelIssue(loop({ ...sweep, lambda, initialModel: 'r1' }), fashion, source(train, { dataset: fashion }))).toBeNull();
    }
  });
});
