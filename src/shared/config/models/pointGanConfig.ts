// Config of the vanilla (MLP) GAN for 2-D point data — the ring / grid mode-collapse toys of RESEARCH.md §3.
// Architecture only; the GAN objective options live in ganObjectiveConfig.ts and are shared with the DCGAN.
import { defaultsFromFields, schemaFromFields, type FieldSpecs, type ParamsOf } from '../fields';

export const pointGanFields = {
  latentDim: {
    kind: 'int', label: 'Latent dimension', default: 8, min: 1, max: 256,
    help: 'Size of z (count). 8 is ample for 2-D mixtures and keeps the toy fast; 2 makes mode collapse likelier.',
  },
  hiddenUnits: {
    kind: 'int', label: 'Hidden units', default: 128, min: 4, max: 2048,
    help: 'Units in each of the two hidden layers of G and of D (count). 128 fits 8–25 modes in a few thousand steps.',
  },
  minibatchDiscrimination: {
    kind: 'boolean', label: 'Minibatch discrimination', default: false,
    help: 'Add Salimans et al.’s minibatch layer (100 kernels × 5 dims) before D’s logit; counters mode collapse.',
  },
  seed: {
    kind: 'int', label: 'Init seed', default: 0, min: 0, max: 4_294_967_295,
    help: 'Seed of the weight initialisers (integer), so two runs with the same seed start from the same weights.',
  },
} satisfies FieldSpecs;

export type PointGanConfig = ParamsOf<typeof pointGanFields>;
export const pointGanConfigSchema = schemaFromFields(pointGanFields);
export const pointGanDefaults: PointGanConfig = defaultsFromFields(pointGanFields);
