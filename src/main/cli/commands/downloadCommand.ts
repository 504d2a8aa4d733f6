// `ouroboros download <mnist|fashion-mnist|kmnist|cifar-10> [--mirror URL] [--name N] [--json]`: fetches a
// catalogued dataset from its canonical host (or a mirror), verifies its checksums, imports it — all in a
// job process, with a progress bar per file. Exit codes as `import`.
import { downloadNames, type DownloadName } from '@shared/datasets/downloadCatalog';
import { WorkbenchError } from '@shared/errors';
import type { Workbench } from '../../core/workbench';
import { callOrThrow } from '../callOrThrow';
import { followAndReport } from './importCommand';

export async function downloadCommand(workbench: Workbench, dataset: string, flags: { mirror?: string; name?: string }, json: boolean): Promise<number> {
  if (!downloadNames.includes(dataset as DownloadName)) {
    throw new WorkbenchError('invalid-input', `unknown dataset "${dataset}"; downloadable: ${downloadNames.join(', ')}`);
  }
  const started = await callOrThrow(workbench, 'datasets.download', {
    dataset: dataset as DownloadName,
    ...(flags.mirror ? { baseUrl: flags.mirror } : {}),
    options: flags.name ? { name: flags.name } : {},
  });
  return followAndReport(workbench, started, json);
}
