// The one place the neural loop turns a plan's architecture into a GenerativeModel (GAN or diffusion) and a
// one-line description, so the loop itself never branches on the model family.
import type { GanObjectiveConfig } from '@shared/config/models/ganObjectiveConfig';
import type { TrainerConfig } from '@shared/config/models/trainerConfig';
import { createDiffusionGenerativeModel } from './diffusionGenerativeModel';
import { createGanGenerativeModel, describeGanArchitecture } from './ganGenerativeModel';
import type { GenerativeModel } from './generativeModel';
import { createInfoGanGenerativeModel, describeInfoGanArchitecture } from './infoGanGenerativeModel';
import type { LoopArchitecture } from './neuralLoopPlan';

/** A freshly initialised model of `architecture` (weights from its `config.seed`). */
export function createLoopModel(architecture: LoopArchitecture, trainer: TrainerConfig, objective: GanObjectiveConfig): GenerativeModel {
  if (architecture.kind === 'infogan') return createInfoGanGenerativeModel(architecture, trainer, objective);
  return architecture.kind === 'diffusion'
    ? createDiffusionGenerativeModel(architecture.config, architecture.diffusion, trainer)
    : createGanGenerativeModel(architecture, trainer, objective);
}

/** One line naming the architecture, e.g. "DDPM UNet 28×28×1 (width 8 × [1, 2], T = 50, DDIM 5 steps, …)". */
export function describeLoopArchitecture(architecture: LoopArchitecture): string {
  if (architecture.kind === 'infogan') return describeInfoGanArchitecture(architecture);
  if (architecture.kind !== 'diffusion') return describeGanArchitecture(architecture);
  const { config: c, diffusion: d } = architecture;
  const sampler = d.sampler === 'ddim' ? `DDIM ${d.samplingSteps} steps` : `DDPM ${d.steps} steps`;
  const guidance = c.numClasses > 0 ? `conditional on ${c.numClasses} classes, ${d.guidanceWeight > 0 ? `CFG w = ${+d.guidanceWeight.toFixed(4)}` : 'unguided'}` : 'unconditional';
  return `DDPM UNet ${c.imageSize}×${c.imageSize}×${c.channels} (width ${c.width} × [${c.channelMultipliers.join(', ')}], ${d.schedule} β, T = ${d.steps}, ${sampler}, ${guidance})`;
}
