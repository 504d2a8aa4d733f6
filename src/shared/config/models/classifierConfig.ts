// Config of the classifier zoo (RESEARCH.md §2 and §4): logistic regression, MLP, small CNN and a
// ResNet-style CNN whose residual blocks carry an attention module (none, SE, ECA, CBAM, AAM).
import { defaultsFromFields, schemaFromFields, type FieldSpecs, type ParamsOf } from '../fields';

export const classifierArchitectures = ['logistic', 'mlp', 'small-cnn', 'resnet'] as const;
export type ClassifierArchitecture = (typeof classifierArchitectures)[number];
export const attentionKinds = ['none', 'se', 'eca', 'cbam', 'aam'] as const;
export type AttentionKind = (typeof attentionKinds)[number];

export const classifierFields = {
  architecture: {
    kind: 'enum', label: 'Architecture', default: 'small-cnn',
    options: [
      { value: 'logistic', label: 'Logistic regression' },
      { value: 'mlp', label: 'MLP' },
      { value: 'small-cnn', label: 'Small CNN (2 × conv + pool)' },
      { value: 'resnet', label: 'ResNet-style CNN with attention' },
    ],
    help: 'Model family. The small CNN reaches ≈ 0.90 on Fashion-MNIST; logistic/MLP make weak supervisors.',
  },
  numClasses: {
    kind: 'int', label: 'Classes', default: 10, min: 2, max: 1000,
    help: 'Number of output logits (count); must match the dataset’s label set.',
  },
  hiddenUnits: {
    kind: 'int', label: 'Hidden units', default: 128, min: 2, max: 4096,
    help: 'MLP hidden width and the CNN’s dense layer width (count).',
    visibleWhen: { field: 'architecture', oneOf: ['mlp', 'small-cnn'] },
  },
  hiddenLayers: {
    kind: 'int', label: 'Hidden layers', default: 2, min: 1, max: 8,
    help: 'MLP depth (count of hidden layers); 2 is a classic weak model.',
    visibleWhen: { field: 'architecture', oneOf: ['mlp'] },
  },
  width: {
    kind: 'int', label: 'Base channels', default: 32, min: 4, max: 512,
    help: 'Channels of the first conv (count); later stages double it. 32 keeps CPU training fast.',
    visibleWhen: { field: 'architecture', oneOf: ['small-cnn', 'resnet'] },
  },
  stages: {
    kind: 'int', label: 'ResNet stages', default: 2, min: 1, max: 4,
    help: 'Residual stages; each after the first halves the resolution and doubles the channels.',
    visibleWhen: { field: 'architecture', oneOf: ['resnet'] },
  },
  blocksPerStage: {
    kind: 'int', label: 'Blocks per stage', default: 1, min: 1, max: 8,
    help: 'Residual blocks per stage (count), each followed by the chosen attention module.',
    visibleWhen: { field: 'architecture', oneOf: ['resnet'] },
  },
  attention: {
    kind: 'enum', label: 'Attention module', default: 'none',
    options: [
      { value: 'none', label: 'None' },
      { value: 'se', label: 'SE (squeeze-and-excitation)' },
      { value: 'eca', label: 'ECA (efficient channel attention)' },
      { value: 'cbam', label: 'CBAM (channel then spatial)' },
      { value: 'aam', label: 'AAM (channel and spatial in parallel)' },
    ],
    help: 'Attention inside each residual block (RESEARCH.md §4); CBAM and AAM also give spatial maps to display.',
    visibleWhen: { field: 'architecture', oneOf: ['resnet'] },
  },
  reduction: {
    kind: 'int', label: 'Reduction ratio', default: 16, min: 1, max: 64,
    help: 'SE / CBAM bottleneck ratio r: the hidden layer has C/r units (at least 1). 16 as in both papers.',
    visibleWhen: { field: 'attention', oneOf: ['se', 'cbam'] },
  },
  spatialKernel: {
    kind: 'int', label: 'Spatial kernel', default: 7, min: 1, max: 11,
    help: 'Side of the spatial-attention convolution (pixels) in CBAM / AAM; 7 as in CBAM.',
    visibleWhen: { field: 'attention', oneOf: ['cbam', 'aam'] },
  },
  seed: {
    kind: 'int', label: 'Init seed', default: 0, min: 0, max: 4_294_967_295,
    help: 'Seed of the weight initialisers (integer), so equal seeds start from equal weights.',
  },
} satisfies FieldSpecs;

export type ClassifierConfig = ParamsOf<typeof classifierFields>;
export const classifierConfigSchema = schemaFromFields(classifierFields);
export const classifierDefaults: ClassifierConfig = defaultsFromFields(classifierFields);
