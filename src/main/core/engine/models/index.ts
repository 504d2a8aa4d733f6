// The model zoo's public surface: builders from typed configs, the GAN interface and samplers, and the
// attention modules (importing this registers every custom layer for save/load).
export { buildPointGan } from './pointGan';
export { buildDcgan, buildDcganDiscriminator, buildDcganGenerator } from './dcgan';
export { discriminatorInputs, generate, generatorInputs, type GanModels } from './ganModels';
export { sampleGan, type GanSampleOptions } from './ganSampling';
export { sampleLabels, sampleLatents, truncateLatents } from './latent';
export { MinibatchDiscrimination, minibatchFeatures } from './minibatchDiscrimination';
export { buildClassifier, buildLogisticRegression, buildMlp, buildSmallCnn } from './classifiers';
export { attentionLayers, buildAttentionResNet, spatialAttentionMaps, type AttentionResNetOptions } from './resnet';
export { AamAttention, AttentionLayer, CbamAttention, EcaAttention, SeAttention, createAttention, ecaKernelSize } from './attention';
export { SeededInit } from './seededInit';
export { buildNoisyClassifier, buildUnet, DiffusionUnet, NoisyClassifier } from './diffusion';
