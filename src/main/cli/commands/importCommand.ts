// `ouroboros import <path> [options]`: the same import job as the UI (its own process, progress with
// items/s and ETA, nothing left on failure), headless. Ctrl-C cancels. Exit: 0 imported or already
// there, 1 failed, 2 bad input, 130 cancelled.
import type { ApiImportOptionsInput, ImportJob } from '@shared/contract/datasetModels';
import { sourceFormats, type SourceFormat } from '@shared/datasets/importOptions';
import { WorkbenchError } from '@shared/errors';
import type { Workbench } from '../../core/workbench';
import { callOrThrow } from '../callOrThrow';
import { ProgressLine } from '../progressLine';

export interface ImportFlags {
  name?: string;
  format?: string;
  size?: string;
  channels?: string;
  'resize-policy'?: string;
  'test-fraction'?: string;
  'split-seed'?: string;
}

/** Turns the command-line flags into API import options (validated again by the router's schema). */
export function importOptionsFromFlags(flags: ImportFlags): ApiImportOptionsInput {
  const options: ApiImportOptionsInput = {};
  if (flags.name !== undefined) options.name = flags.name;
  if (flags.format !== undefined) {
    if (!sourceFormats.includes(flags.format as SourceFormat)) {
      throw new WorkbenchError('invalid-input', `--format must be one of ${sourceFormats.join(', ')} (got "${flags.format}")`);
    }
    options.format = flags.format as SourceFormat;
  }
  if (flags.size !== undefined) {
    const match = /^(\d+)x(\d+)$/i.exec(flags.size);
    if (!match) throw new WorkbenchError('invalid-input', `--size must be HxW, e.g. 28x28 (got "${flags.size}")`);
    options.size = { height: Number(match[1]), width: Number(match[2]) };
  }
  if (flags.channels !== undefined) options.channels = flags.channels as ApiImportOptionsInput['channels'];
  if (flags['resize-policy'] !== undefined) options.resizePolicy = flags['resize-policy'] as ApiImportOptionsInput['resizePolicy'];
  if (flags['test-fraction'] !== undefined) {
    const testFraction = Number(flags['test-fraction']);
    const seed = flags['split-seed'] === undefined ? 0 : Number(flags['split-seed']);
    options.split = { mode: 'random', testFraction, seed };
  } else if (flags['split-seed'] !== undefined) {
    throw new WorkbenchError('invalid-input', '--split-seed needs --test-fraction');
  }
  return options;
}

export function followImport(workbench: Workbench, job: ImportJob, showProgress: boolean): Promise<ImportJob> {
  let bar = new ProgressLine(process.stderr, `import ${job.name}`);
  let barFor = 'import';
  return new Promise((resolve) => {
    const off = workbench.onEvent((event) => {
      if (event.type !== 'didProgressImport' || event.job.id !== job.id) return;
      const j = event.job;
      // One bar per downloaded file, then one for the import.
      const phaseKey = j.phase === 'download' ? `download ${j.message ?? ''}` : 'import';
      if (showProgress && phaseKey !== barFor && j.status === 'running') {
        bar.finish();
        bar = new ProgressLine(process.stderr, j.phase === 'download' ? `download ${j.message ?? ''}` : `import ${job.name}`);
        barFor = phaseKey;
      }
      if (showProgress && j.phase === 'download' && j.status === 'running' && j.bytesDone !== null) {
        const rate = j.bytesPerSecond === null ? '' : `${(j.bytesPerSecond / 1e6).toFixed(1)} MB/s`;
        bar.update({ step: j.bytesDone, total: j.bytesTotal ?? j.bytesDone, etaSeconds: j.etaSeconds, message: rate });
      }
      if (showProgress && j.phase === 'import' && j.itemsTotal !== null && j.status === 'running') {
        const rate = j.itemsPerSecond === null ? '' : `${Math.round(j.itemsPerSecond).toLocaleString('en-US')} items/s`;
        bar.update({ step: j.itemsDone, total: j.itemsTotal, etaSeconds: j.etaSeconds, message: rate });
      }
      if (j.status !== 'running') {
        off();
        if (showProgress) bar.finish();
        resolve(j);
      }
    });
  });
}

/** Prints the outcome of an import or download job; returns the exit code. */
export async function reportImport(workbench: Workbench, finished: ImportJob, json: boolean): Promise<number> {
  const dataset = finished.datasetId ? await callOrThrow(workbench, 'datasets.get', { datasetId: finished.datasetId }) : null;
  if (json) {
    const { meta: _meta, ...summary } = dataset ?? { meta: null };
    process.stdout.write(JSON.stringify({ import: finished, dataset: dataset ? summary : null }, null, 2) + '\n');
  } else if (finished.status === 'completed' && dataset) {
    process.stdout.write(
      `imported "${dataset.name}" (${dataset.id}): ${dataset.trainCount} train, ${dataset.testCount} test, ` +
        `${dataset.dims.join('×')}, ${dataset.classes ? `${dataset.classes.length} classes` : 'unlabelled'}\n`,
    );
  } else if (finished.status === 'duplicate') {
    process.stdout.write(`${finished.message} (${finished.datasetId})\n`);
  } else {
    process.stderr.write(`import ${finished.status}: ${finished.message ?? ''}\n`);
  }
  if (finished.status === 'completed' || finished.status === 'duplicate') return 0;
  return finished.status === 'cancelled' ? 130 : 1;
}

/** Follows a started job to its end (Ctrl-C cancels it) and reports it. */
export async function followAndReport(workbench: Workbench, started: ImportJob, json: boolean): Promise<number> {
  const onInterrupt = (): void => {
    process.stderr.write('\ncancelling…\n');
    void workbench.invoke('datasets.cancelImport', { importId: started.id });
  };
  process.once('SIGINT', onInterrupt);
  const finished = await followImport(workbench, started, !json);
  process.off('SIGINT', onInterrupt);
  return reportImport(workbench, finished, json);
}

export async function importCommand(workbench: Workbench, path: string, flags: ImportFlags, json: boolean): Promise<number> {
  const options = importOptionsFromFlags(flags);
  const { resolve } = await import('node:path');
  const started = await callOrThrow(workbench, 'datasets.import', { path: resolve(path), options });
  return followAndReport(workbench, started, json);
}
