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
} satisfies FieldSpecs;

export type GanObjectiveConfig = ParamsOf<typeof ganObjectiveFields>;
export const ganObjectiveConfigSchema = schemaFromFields(ganObjectiveFields);
export const ganObjectiveDefaults: GanObjectiveConfig = defaultsFromFields(ganObjectiveFields);
