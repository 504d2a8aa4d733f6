// The mode centres of a real points dataset when it is one of the built-in 2-D mixtures (ring8, grid25),
// recognised from meta.source.format ('builtin:ring8' / 'builtin:grid25'), so the loop can report
// modesCovered and highQualityFraction; null for any other dataset.
import type { DatasetMeta } from '@shared/datasets/datasetFormat';
import { mixtureModes, type MixtureKind } from '../../datasets/builtins/mixtures';
import { featureMatrix, type FeatureMatrix } from '../../metrics/featureMatrix';

const MIXTURE_FORMATS: Record<string, MixtureKind> = { 'builtin:ring8': 'ring8', 'builtin:grid25': 'grid25' };

/** The mixture's centres (K × 2) and common σ (read from the description's "σ …" when written there). */
export function mixtureModesOf(meta: DatasetMeta): { kind: MixtureKind; centres: FeatureMatrix; std: number } | null {
  const kind = MIXTURE_FORMATS[meta.source.format];
  if (!kind || meta.kind !== 'points' || meta.dims !== 2) return null;
  const match = /σ\s*([0-9]*\.?[0-9]+(?:e-?\d+)?)/.exec(meta.source.description);
  const described = match ? Number(match[1]) : NaN;
  const modes = mixtureModes(kind, Number.isFinite(described) && described > 0 ? described : undefined);
  return { kind, centres: featureMatrix(modes.means, modes.means.length / 2, 2), std: modes.std };
}
