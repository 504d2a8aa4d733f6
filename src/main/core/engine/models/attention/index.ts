// One entry point for the attention modules: a factory keyed by the config's attention kind, and the
// registration side effects (importing this file registers every module class for save/load).
import type { AttentionKind } from '@shared/config/models/classifierConfig';
import { AamAttention } from './aam';
import { AttentionLayer } from './attentionLayer';
import { CbamAttention } from './cbam';
import { EcaAttention } from './eca';
import { SeAttention } from './se';

export { AamAttention, AttentionLayer, CbamAttention, EcaAttention, SeAttention };
export { ecaKernelSize } from './attentionOps';

export interface AttentionOptions {
  name: string;
  seed?: number;
  /** SE / CBAM reduction ratio. */
  reduction?: number;
  /** CBAM / AAM spatial kernel side. */
  spatialKernel?: number;
}

/** A new attention layer of the given kind, or null for 'none'. */
export function createAttention(kind: AttentionKind, opts: AttentionOptions): AttentionLayer | null {
  switch (kind) {
    case 'none':
      return null;
    case 'se':
      return new SeAttention({ name: opts.name, seed: opts.seed, reduction: opts.reduction });
    case 'eca':
      return new EcaAttention({ name: opts.name, seed: opts.seed });
    case 'cbam':
      return new CbamAttention({ name: opts.name, seed: opts.seed, reduction: opts.reduction, spatialKernel: opts.spatialKernel });
    case 'aam':
      return new AamAttention({ name: opts.name, seed: opts.seed, spatialKernel: opts.spatialKernel });
  }
}
