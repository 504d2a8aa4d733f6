// `ouroboros export <pack.json> -o pack.zip [--force]` and `ouroboros export --run <id> [--run <id>…]
// --preset <venue> [--font times|computer-modern] -o pack.zip`: the app's export job, headless. The spec file
// is validated like an experiment config (unknown keys rejected, the field named). Ctrl-C cancels; no partial
// file is left. Exit: 0 written, 1 failed, 2 bad input, 130 cancelled.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ExportJob } from '@shared/contract/figurePackApi';
import { describePackIssues, packSpecSchema, type PackSpec } from '@shared/figures/packSpec';
import { fontIds, type FontId } from '@shared/figures/fontPresets';
import { venueIds, type VenueId } from '@shared/figures/venuePresets';
import { WorkbenchError } from '@shared/errors';
import type { Workbench } from '../../core/workbench';
import { callOrThrow } from '../callOrThrow';
import { ProgressLine } from '../progressLine';

export interface ExportFlags {
  output?: string;
  force?: boolean;
  run?: string[];
  preset?: string;
  font?: string;
  json?: boolean;
}

export const exportUsage = 'usage: ouroboros export <pack.json> -o pack.zip [--force]  |  ouroboros export --run <id> [--run <id>…] --preset <icml|neurips|iclr|ieee|acm|cvpr> [--font times|computer-modern] -o pack.zip';

async function readSpec(file: string): Promise<PackSpec> {
  const text = await readFile(file, 'utf8').catch((error: Error) => {
    throw new WorkbenchError('invalid-input', `pack spec ${file} cannot be read: ${error.message}`);
  });
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new WorkbenchError('invalid-input', `pack spec ${file} is not JSON: ${(error as Error).message}`);
  }
  const parsed = packSpecSchema.safeParse(raw);
  if (!parsed.success) throw new WorkbenchError('invalid-input', `pack spec ${file} is invalid: ${describePackIssues(parsed.error)}`);
  return parsed.data;
}

function follow(workbench: Workbench, started: ExportJob, showProgress: boolean): Promise<ExportJob> {
  const bar = new ProgressLine(process.stderr, `export ${started.fileName}`);
  return new Promise((resolveJob) => {
    const settle = (job: ExportJob) => {
      off();
      if (showProgress) bar.finish();
      resolveJob(job);
    };
    const off = workbench.onEvent((event) => {
      if (event.type !== 'didProgressExport' || event.job.id !== started.id) return;
      if (event.job.status !== 'running') return settle(event.job);
      if (showProgress) bar.update({ step: event.job.step, total: event.job.total, etaSeconds: null, message: event.job.message });
    });
  });
}

export async function exportCommand(workbench: Workbench, specFile: string | undefined, flags: ExportFlags): Promise<number> {
  if (!flags.output) throw new WorkbenchError('invalid-input', `-o/--output is required; ${exportUsage}`);
  const runs = flags.run ?? [];
  if (specFile && runs.length > 0) throw new WorkbenchError('invalid-input', `give a pack spec or --run ids, not both; ${exportUsage}`);
  if (!specFile && runs.length === 0) throw new WorkbenchError('invalid-input', exportUsage);
  if (flags.preset !== undefined && !venueIds.includes(flags.preset as VenueId)) throw new WorkbenchError('invalid-input', `--preset must be one of ${venueIds.join(', ')} (got "${flags.preset}")`);
  if (flags.font !== undefined && !fontIds.includes(flags.font as FontId)) throw new WorkbenchError('invalid-input', `--font must be one of ${fontIds.join(', ')} (got "${flags.font}")`);
  let spec = specFile
    ? await readSpec(resolve(specFile))
    : await callOrThrow(workbench, 'packs.defaultFor', { runIds: runs, venue: (flags.preset ?? 'icml') as VenueId, font: flags.font as FontId | undefined });
  if (specFile && flags.preset) spec = { ...spec, venue: flags.preset as VenueId };
  if (specFile && flags.font) spec = { ...spec, font: flags.font as FontId };
  const path = resolve(flags.output);
  const started = await callOrThrow(workbench, 'packs.export', { spec, path, force: flags.force ?? false });
  const onInterrupt = (): void => {
    process.stderr.write('\ncancelling…\n');
    void workbench.invoke('packs.cancelExport', { exportId: started.id });
  };
  process.once('SIGINT', onInterrupt);
  const finished = await follow(workbench, started, !flags.json);
  process.off('SIGINT', onInterrupt);
  if (flags.json) process.stdout.write(`${JSON.stringify(finished, null, 2)}\n`);
  else if (finished.status === 'completed') process.stdout.write(`wrote ${finished.path} (${spec.figures.length} figures, ${((finished.bytes ?? 0) / 1e6).toFixed(2)} MB, ${finished.seconds?.toFixed(1)} s)\n`);
  else process.stderr.write(`export ${finished.status}${finished.error ? `: ${finished.error}` : ''}\n`);
  if (finished.status === 'completed') return 0;
  return finished.status === 'cancelled' ? 130 : 1;
}
