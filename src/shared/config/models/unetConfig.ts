// Config of the small conditional UNet that predicts the noise ε̂(x_t, t, y) of a DDPM (RESEARCH.md §5), for
// 28×28×1 and 32×32×3 images, and of the noise-conditional classifier classifier guidance needs. Architecture
// only; the diffusion process and training are in diffusionConfig.ts.
import { defaultsFromFields, schemaFromFields, type FieldSpecs, type ParamsOf } from '../fields';

export const unetFields = {
  imageSize: {
    kind: 'enum', label: 'Image size', default: '28',
    options: [
      { value: '28', label: '28 × 28 (MNIST, Fashion-MNIST)' },
      { value: '32', label: '32 × 32 (CIFAR-like, Shapes-10)' },
    ],
    help: 'Side of the square image (pixels). Each level below the first halves it, so 28 allows 3 levels (28, 14, 7) and 32 allows 4.',
  },
  channels: {
    kind: 'int', label: 'Channels', default: 1, min: 1, max: 3,
    help: 'Image channels: 1 grey, 3 RGB. Must match the dataset.',
  },
  numClasses: {
    kind: 'int', label: 'Classes (0 = unconditional)', default: 10, min: 0, max: 1000,
    help: 'Class-conditional when > 0: a learned class embedding (plus one learned null class, index = classes, for condition dropout and classifier-free guidance) is added to the time embedding.',
  },
  width: {
    kind: 'int', label: 'Base width', default: 16, min: 4, max: 256,
    help: 'Channels of the first level (count). 16 with multipliers 1,2,2 is ≈ 0.2 M parameters and trains at tens of images/s on 2 CPU cores; DDPM’s CIFAR model uses 128.',
  },
  channelMultipliers: {
    kind: 'intList', label: 'Channel multipliers', default: [1, 2, 2], min: 1, max: 8, maxItems: 4,
    help: 'Width × multiplier channels at each resolution level, first = full size (one level per entry; 28 × 28 allows at most 3).',
  },
  resBlocksPerLevel: {
    kind: 'int', label: 'Residual blocks per level', default: 1, min: 1, max: 4,
    help: 'Residual blocks at each level on the way down (the way up has the same number, each fed a skip). DDPM uses 2; 1 halves the cost on a CPU.',
  },
  attention: {
    kind: 'boolean', label: 'Self-attention at the lowest resolution', default: true,
    help: 'One single-head self-attention block in the middle of the UNet (7 × 7 or 8 × 8 positions with the default 3 levels), as DDPM has at 16 × 16.',
  },
  groups: {
    kind: 'int', label: 'Group-norm groups', default: 8, min: 1, max: 32,
    help: 'Groups of every group normalisation (count; must divide every level’s width). DDPM uses 32 at width 128; 8 keeps ≥ 2 channels per group at width 16.',
  },
  seed: {
    kind: 'int', label: 'Init seed', default: 0, min: 0, max: 4_294_967_295,
    help: 'Seed of the weight initialisers (integer), so equal seeds start from equal weights.',
  },
} satisfies FieldSpecs;

export type UnetConfig = ParamsOf<typeof unetFields>;
export const unetConfigSchema = schemaFromFields(unetFields);
export const unetDefaults: UnetConfig = defaultsFromFields(unetFields);
