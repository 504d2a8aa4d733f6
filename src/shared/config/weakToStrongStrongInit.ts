// Config of where the weak-to-strong strong model starts (issue 9): from scratch (the zoo architecture), or from
// an encoder pretrained without labels on the dataset's own train images (a small convolutional denoising
// autoencoder, cached per dataset + encoder config + seed) under a linear probe or fine-tuned whole.
import type { FieldSpecs } from './fields';

export const strongInits = ['scratch', 'pretrained-probe', 'pretrained-finetune'] as const;
export type StrongInit = (typeof strongInits)[number];

const whenPretrained = { field: 'strong.init', oneOf: ['pretrained-probe', 'pretrained-finetune'] };

/**
 * Encoder defaults sized for a 2-core CPU: on 28×28 Shapes-10 (wasm) the default autoencoder pretrains in
 * well under a minute per seed (README "Weak-to-strong" has the measured time), and its cache entry is reused
 * by every later run with the same dataset, encoder settings and seed.
 */
export const strongInitFields = {
  'strong.init': {
    kind: 'enum', label: 'Strong model starts from', default: 'scratch',
    options: [
      { value: 'scratch', label: 'Scratch: the strong architecture above, randomly initialised' },
      { value: 'pretrained-probe', label: 'Pretrained encoder + linear probe (encoder frozen)' },
      { value: 'pretrained-finetune', label: 'Pretrained encoder + linear head, all fine-tuned' },
    ],
    help: 'Pretrained: a convolutional (denoising) autoencoder is first trained on the dataset’s train images without labels (images of both halves; no label is read), then the ceiling and the student are its encoder plus a linear head — the paper’s "generative pretraining" variant, knowledge the weak model lacks. The strong architecture fields are then unused. Single mode only.',
  },
  'encoder.width': {
    kind: 'int', label: 'Encoder width', default: 16, min: 1, max: 256,
    help: 'Channels of the encoder’s first stride-2 conv (count); the second has twice as many.',
    visibleWhen: whenPretrained,
  },
  'encoder.codeSize': {
    kind: 'int', label: 'Code size', default: 64, min: 2, max: 4096,
    help: 'Units of the code the linear head reads (count).',
    visibleWhen: whenPretrained,
  },
  'encoder.noise': {
    kind: 'number', label: 'Denoising noise', default: 0.2, min: 0, max: 2, step: 0.05,
    help: 'Standard deviation of Gaussian noise added to each input pixel of [0, 1] during pretraining; the clean image is the target. 0 = plain autoencoder.',
    visibleWhen: whenPretrained,
  },
  'encoder.steps': {
    kind: 'int', label: 'Pretraining steps', default: 600, min: 1, max: 1_000_000,
    help: 'Adam steps of the autoencoder (count). 600 of batch 64 ≈ 4 epochs of 10 000 images.',
    visibleWhen: whenPretrained,
  },
  'encoder.items': {
    kind: 'int', label: 'Pretraining images', default: 10_000, min: 1, max: 10_000_000,
    help: 'Train images (a seeded sample of the whole train split, labels unread) the autoencoder trains on (count); capped at the train split.',
    visibleWhen: whenPretrained,
  },
  'encoder.batchSize': {
    kind: 'int', label: 'Pretraining batch', default: 64, min: 1, max: 100_000,
    help: 'Images per pretraining step (count).',
    visibleWhen: whenPretrained,
  },
  'encoder.learningRate': {
    kind: 'number', label: 'Pretraining learning rate', default: 0.001, min: 1e-6, max: 1, step: 0.0005,
    help: 'Adam’s constant rate during pretraining (per step). The probe and the fine-tuning use the trainer’s rate.',
    visibleWhen: whenPretrained,
  },
} satisfies FieldSpecs;
