// `ouroboros metrics <real.npy> <fake.npy>`: generative metrics (FID, KID, precision/recall,
// density/coverage) between two feature matrices saved as .npy (N×D float32/float64), headless.
import { densityCoverage } from '../../core/metrics/densityCoverage';
import { fid } from '../../core/metrics/fid';
import { kid } from '../../core/metrics/kid';
import { readNpyFeatures } from '../../core/metrics/npyFeatures';
import { precisionRecall } from '../../core/metrics/precisionRecall';
import { WorkbenchError } from '@shared/errors';
import { formatTable } from '../table';

export async function metricsCommand(realPath: string, fakePath: string, json: boolean): Promise<number> {
  const [real, fake] = await Promise.all([readNpyFeatures(realPath), readNpyFeatures(fakePath)]);
  if (real.d !== fake.d) {
    throw new WorkbenchError('invalid-input', `feature dimensions differ: ${realPath} has ${real.d} columns, ${fakePath} has ${fake.d}`);
  }
  const f = fid(real, fake);
  const k = kid(real, fake);
  const pr = precisionRecall(real, fake);
  const dc = densityCoverage(real, fake);
  const result = {
    real: { path: realPath, n: real.n, d: real.d },
    fake: { path: fakePath, n: fake.n, d: fake.d },
    fid: f.fid,
    kid: { mean: k.mean, std: k.std, subsetSize: k.subsetSize },
    precision: pr.precision,
    recall: pr.recall,
    density: dc.density,
    coverage: dc.coverage,
    warnings: f.warnings,
  };
  if (json) {
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    return 0;
  }
  process.stdout.write(
    formatTable(['metric', 'value', 'definition'], [
      ['FID', result.fid, 'Fréchet distance of the feature Gaussians (eigenvalue route)'],
      ['KID', `${k.mean.toPrecision(4)} ± ${k.std.toPrecision(2)}`, `unbiased MMD², cubic kernel, 100 subsets of ${k.subsetSize}`],
      ['precision', result.precision, 'fake inside a real k=3 ball (quality)'],
      ['recall', result.recall, 'real inside a fake k=3 ball (diversity)'],
      ['density', result.density, 'Naeem et al., k=5'],
      ['coverage', result.coverage, 'Naeem et al., k=5'],
    ]) + '\n',
  );
  for (const warning of f.warnings) process.stderr.write(`warning: ${warning}\n`);
  return 0;
}
