// The diffusion networks: the conditional UNet and the noise-conditional classifier (registered for
// save/load on import), their building blocks and input helpers.
export { DiffusionUnet, buildUnet } from './unet';
export { NoisyClassifier, buildNoisyClassifier } from './noisyClassifier';
export { classifierLogits, labelColumn, predictEps, timestepColumn } from './diffusionInputs';
export { groupNorm } from './groupNorm';
export { timestepEmbedding } from './timestepEmbedding';
export { unetShape, type UnetShape } from './unetShape';
export { ddimTimesteps, sampleDiffusion, type DiffusionSampleOptions, type SamplingGuidance } from './sampleDiffusion';
