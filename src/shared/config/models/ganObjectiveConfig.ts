// The GAN objective and the "Improved techniques" options (Salimans et al. 2016) that change the losses,
// shared by every GAN architecture (point GAN, DCGAN) so the UI shows them the same way everywhere.
import { defaultsFromFields, schemaFromFields, type FieldSpecs, type ParamsOf } from '../fields';

export const ganObjectiveFields = {
  realLabelTarget: {
    kind: 'number', label: 'Real target (one-sided smoothing)', default: 1, min: 0.5, max: 1, step: 0.05,
    help: 'Target of D on real images (probability). 1 = none; 0.9 is Salimans’ one-sided smoothing. Fake target stays 0.',
  },
  featureMatching: {
    kind: 'boolean', label: 'Feature matching', default: false,
    help: 'G minimises ‖E f(x) − E f(G(z))‖² on D’s intermediate features instead of the non-saturating loss.',
  },
  historicalAveraging: {
    kind: 'boolean', label: 'Historical averaging', default: false,
    help: 'Each player’s loss gains c·‖θ − (1/t)Σᵢθᵢ‖², the distance of its trainable weights to their running average over the steps so far (Salimans et al. 2016).',
  },
  historicalAveragingWeight: {
    kind: 'number', label: 'Historical averaging weight c', default: 0.01, min: 0, max: 100, step: 0.001,
    help: 'Coefficient c of the historical-averaging penalty (per unit of summed squared weight distance). The paper gives none; 0.01 keeps it small next to the adversarial loss at DCGAN scale.',
    visibleWhen: { field: 'historicalAveraging', oneOf: [true] },
  },
} satisfies FieldSpecs;

export type GanObjectiveConfig = ParamsOf<typeof ganObjectiveFields>;
export const ganObjectiveConfigSchema = schemaFromFields(ganObjectiveFields);
export const ganObjectiveDefaults: GanObjectiveConfig = defaultsFromFields(ganObjectiveFields);
