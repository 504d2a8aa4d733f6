// Config of the DCGAN (Radford et al. 2016) for 28×28 / 32×32 images with 1 or 3 channels, unconditional or
// class-conditional (RESEARCH.md §3). Architecture only; losses are in ganObjectiveConfig.ts.
import { WorkbenchError } from '../../errors';
import { defaultsFromFields, schemaFromFields, type FieldSpecs, type ParamsOf } from '../fields';

export const dcganFields = {
  imageSize: {
    kind: 'enum', label: 'Image size', default: '28',
    options: [
      { value: '28', label: '28 × 28 (MNIST, Fashion-MNIST)' },
      { value: '32', label: '32 × 32 (CIFAR-like, Shapes-10)' },
    ],
    help: 'Side of the square image (pixels). G starts from a 7×7 or 8×8 map and doubles it twice.',
  },
  channels: {
    kind: 'int', label: 'Channels', default: 1, min: 1, max: 3,
    help: 'Image channels: 1 grey, 3 RGB. Must match the dataset.',
  },
  latentDim: {
    kind: 'int', label: 'Latent dimension', default: 100, min: 2, max: 512,
    help: 'Size of z (count). 100 as in DCGAN and tfjs-examples mnist-acgan.',
  },
  width: {
    kind: 'int', label: 'Width w', default: 32, min: 4, max: 256,
    help: 'Channel unit: G maps 4w→2w→C, D maps C→w→2w. 32 trains at tens of images/s on 2 CPU cores; 64 is the paper’s scale.',
  },
  kernelSize: {
    kind: 'int', label: 'Kernel size', default: 5, min: 3, max: 7,
    help: 'Side of every (transposed) convolution kernel (pixels). 5 as in the TensorFlow DCGAN tutorial.',
  },
  numClasses: {
    kind: 'int', label: 'Classes (0 = unconditional)', default: 0, min: 0, max: 1000,
    help: 'Class-conditional when > 0: a label embedding joins z in G and an extra channel map in D.',
  },
  conditioning: {
    kind: 'enum', label: 'Conditioning of D', default: 'input',
    options: [
      { value: 'input', label: 'Label as an input channel of D (cGAN)' },
      { value: 'acgan', label: 'Auxiliary classifier in D (ACGAN)' },
    ],
    help: 'Conditional models only. input: D sees the label as an extra channel. acgan: D sees only the image and gains a class head; both players add the class cross-entropy (Odena et al. 2017).',
  },
  labelEmbeddingDim: {
    kind: 'int', label: 'Label embedding size', default: 16, min: 1, max: 256,
    help: 'Conditional models only: size of the label embedding joined to z in G (count); small, it only names a class.',
  },
  discriminatorBatchNorm: {
    kind: 'boolean', label: 'Batch norm in D', default: true,
    help: 'Batch norm after D’s second convolution, as in DCGAN (never on D’s first layer).',
  },
  minibatchDiscrimination: {
    kind: 'boolean', label: 'Minibatch discrimination', default: false,
    help: 'Add Salimans et al.’s minibatch layer (100 kernels × 5 dims, L1, Σ exp(−|Δ|)) before D’s logit.',
  },
  virtualBatchNorm: {
    kind: 'boolean', label: 'Virtual batch norm in G', default: false,
    help: 'G’s batch norms normalise each sample with the statistics of a fixed, seeded reference batch of latents plus the sample itself (Salimans et al. 2016), in training and sampling alike. The reference latents have exactly mean 0 and covariance I, so G cannot make them atypical.',
  },
  referenceBatchSize: {
    kind: 'int', label: 'VBN reference batch', default: 128, min: 2, max: 512,
    help: 'Latents in the fixed reference batch of virtual batch norm (count); more than the latent dimension, so they can have covariance I. G runs on them with every batch, so it costs that many extra samples per forward pass.',
    visibleWhen: { field: 'virtualBatchNorm', oneOf: [true] },
  },
  seed: {
    kind: 'int', label: 'Init seed', default: 0, min: 0, max: 4_294_967_295,
    help: 'Seed of the weight initialisers N(0, 0.02) (integer), so equal seeds start from equal weights.',
  },
} satisfies FieldSpecs;

export type DcganConfig = ParamsOf<typeof dcganFields>;
export const dcganConfigSchema = schemaFromFields(dcganFields);
export const dcganDefaults: DcganConfig = defaultsFromFields(dcganFields);

export interface DcganConfigIssue {
  /** The prefixed field to change, e.g. "gan.conditioning". */
  field: string;
  message: string;
}

/** The fields dcganSetupIssues reads; the sizes are optional (the reference-size check needs both). */
export type DcganSetupFields = Pick<DcganConfig, 'conditioning' | 'virtualBatchNorm'> & Partial<Pick<DcganConfig, 'referenceBatchSize' | 'latentDim'>>;

/**
 * Switch combinations a run cannot be built with: ACGAN without classes; virtual batch norm or ACGAN on the
 * point GAN (an MLP with neither, used for 2-D datasets), which would otherwise be ignored silently; a VBN
 * reference batch no larger than the latent dimension (checked when both sizes are given).
 * @param target numClasses of the model (0 = unconditional) and whether the run builds the point GAN
 */
export function dcganSetupIssues(gan: DcganSetupFields, target: { numClasses: number; pointGan: boolean }, prefix = 'gan.'): DcganConfigIssue[] {
  const issues: DcganConfigIssue[] = [];
  if (target.pointGan && gan.virtualBatchNorm) {
    issues.push({ field: `${prefix}virtualBatchNorm`, message: 'the point GAN has no batch norm to make virtual; turn "Virtual batch norm in G" off' });
  } else if (gan.virtualBatchNorm && gan.referenceBatchSize !== undefined && gan.latentDim !== undefined && gan.referenceBatchSize <= gan.latentDim) {
    issues.push({
      field: `${prefix}referenceBatchSize`,
      message: `the VBN reference batch (${gan.referenceBatchSize}) must be larger than the latent dimension (${gan.latentDim}): a smaller one has directions without variance that G learns to exploit`,
    });
  }
  if (target.pointGan && gan.conditioning === 'acgan') {
    issues.push({ field: `${prefix}conditioning`, message: 'the point GAN is unconditional, so it has no ACGAN class head; choose "input" conditioning' });
  } else if (gan.conditioning === 'acgan' && target.numClasses === 0) {
    issues.push({ field: `${prefix}conditioning`, message: 'ACGAN needs a class-conditional model on a labelled dataset; turn "Class-conditional" on or choose "input" conditioning' });
  }
  return issues;
}

/** Throws the first of dcganSetupIssues as WorkbenchError('invalid-input') naming its field. */
export function assertDcganSetup(gan: DcganSetupFields, target: { numClasses: number; pointGan: boolean }, prefix = 'gan.'): void {
  const [issue] = dcganSetupIssues(gan, target, prefix);
  if (issue) throw new WorkbenchError('invalid-input', `${issue.field}: ${issue.message}`, { field: issue.field });
}
