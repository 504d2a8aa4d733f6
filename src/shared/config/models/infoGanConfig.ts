// Config of InfoGAN (Chen et al. 2016) on the DCGAN: latent codes c (categorical and continuous) joined to the
// noise z, a Q head on D's features, and the mutual-information term with its coefficients (RESEARCH.md §3).
import { defaultsFromFields, schemaFromFields, type FieldSpecs, type ParamsOf } from '../fields';

const whenOn = { field: 'enabled', oneOf: [true] };

export const infoGanFields = {
  enabled: {
    kind: 'boolean', label: 'InfoGAN (latent codes + Q head)', default: false,
    help: 'Join categorical and continuous codes c to z and maximise the mutual information I(c; G(z, c)) through a Q head sharing D’s body. DCGAN on images only.',
  },
  categoricalCodes: {
    kind: 'int', label: 'Categorical codes', default: 1, min: 0, max: 4,
    help: 'Number of categorical codes (count), each one-hot over the categories below. 1 as in the paper’s MNIST model.',
    visibleWhen: whenOn,
  },
  categories: {
    kind: 'int', label: 'Categories per code', default: 10, min: 2, max: 100,
    help: 'Values k of each categorical code (count), drawn uniformly. 10 matches the classes of MNIST / Shapes-10.',
    visibleWhen: whenOn,
  },
  continuousCodes: {
    kind: 'int', label: 'Continuous codes', default: 2, min: 0, max: 8,
    help: 'Number of continuous codes (count), each uniform on [−1, 1]. 2 as in the paper’s MNIST model (width, rotation).',
    visibleWhen: whenOn,
  },
  categoricalWeight: {
    kind: 'number', label: 'λ categorical', default: 1, min: 0, max: 100, step: 0.1,
    help: 'Coefficient of the categorical cross-entropy in the MI term (dimensionless). 1.0 as in the paper.',
    visibleWhen: whenOn,
  },
  continuousWeight: {
    kind: 'number', label: 'λ continuous', default: 0.1, min: 0, max: 100, step: 0.05,
    help: 'Coefficient of the continuous codes’ Gaussian NLL (fixed σ = 1, i.e. ½(c − μ)²) in the MI term. 0.1 as in the paper for MNIST.',
    visibleWhen: whenOn,
  },
  qHiddenUnits: {
    kind: 'int', label: 'Q hidden units', default: 128, min: 8, max: 1024,
    help: 'Width of Q’s one hidden layer on D’s features (count): dense → batch norm → LeakyReLU 0.2, as in the paper.',
    visibleWhen: whenOn,
  },
  puritySamples: {
    kind: 'int', label: 'Purity samples per value', default: 100, min: 0, max: 5000,
    help: 'Samples generated per categorical value at each evaluation and classified by the feature classifier (count) for purity and I(c; class); 0 skips it.',
    visibleWhen: whenOn,
  },
  traversalColumns: {
    kind: 'int', label: 'Traversal columns', default: 9, min: 2, max: 21,
    help: 'Columns of the latent-traversal view (count): each continuous code swept evenly from −2 to 2 (beyond its training range ±1, as in the paper).',
    visibleWhen: whenOn,
  },
} satisfies FieldSpecs;

export type InfoGanConfig = ParamsOf<typeof infoGanFields>;
export const infoGanConfigSchema = schemaFromFields(infoGanFields);
export const infoGanDefaults: InfoGanConfig = defaultsFromFields(infoGanFields);

export interface InfoGanConfigIssue {
  field: string;
  message: string;
}

/** The DCGAN switches InfoGAN does not take: its latent and conditioning do not fit them. */
export interface InfoGanCompanions {
  /** gan.virtualBatchNorm: G's reference batch would be drawn without codes. */
  virtualBatchNorm?: boolean;
  /** gan.conditioning: InfoGAN is unconditional (its categories are latent codes). */
  conditioning?: string;
}

/**
 * What makes an enabled InfoGAN config unusable (a model with no codes has nothing to maximise; DCGAN switches
 * InfoGAN does not implement), by field. Companion fields are named with their own prefixes.
 */
export function infoGanConfigIssues(config: InfoGanConfig, prefix = '', companions: InfoGanCompanions = {}): InfoGanConfigIssue[] {
  if (!config.enabled) return [];
  const issues: InfoGanConfigIssue[] = [];
  if (companions.virtualBatchNorm) issues.push({ field: 'gan.virtualBatchNorm', message: 'virtual batch norm is not available with InfoGAN (its reference batch would carry no codes); turn one of them off' });
  if (companions.conditioning !== undefined && companions.conditioning !== 'input') issues.push({ field: 'gan.conditioning', message: `InfoGAN is unconditional (its categories are latent codes), so conditioning "${companions.conditioning}" does not apply; keep the default` });
  if (config.categoricalCodes === 0 && config.continuousCodes === 0) {
    issues.push({ field: `${prefix}categoricalCodes`, message: 'InfoGAN needs at least one code: set categoricalCodes or continuousCodes above 0' });
  } else if ((config.categoricalCodes === 0 || config.categoricalWeight === 0) && (config.continuousCodes === 0 || config.continuousWeight === 0)) {
    const field = config.categoricalCodes > 0 ? 'categoricalWeight' : 'continuousWeight';
    issues.push({ field: `${prefix}${field}`, message: 'every code has λ = 0, so the mutual-information term is off: this is a plain GAN with extra noise' });
  }
  return issues;
}

/** Size of the code vector joined to z: one-hot blocks of the categorical codes, then the continuous codes. */
export function infoGanCodeDim(config: Pick<InfoGanConfig, 'categoricalCodes' | 'categories' | 'continuousCodes'>): number {
  return config.categoricalCodes * config.categories + config.continuousCodes;
}
