// `ouroboros doctor`: versions, workspace, database and compute backend, each with why a faster or
// missing piece is not available — the first thing to paste into a bug report.
import { existsSync, readFileSync } from 'node:fs';
import { totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import type { SystemInfo } from '@shared/contract/models';
import type { Workbench } from '../../core/workbench';
import { callOrThrow } from '../callOrThrow';
import { formatTable } from '../table';

/** Electron's version and whether its binary is there (read from disk: require('electron') would try to download it). */
function electronStatus(): string {
  try {
    const pkgPath = require.resolve('electron/package.json');
    const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { version: string };
    const pathTxt = join(dirname(pkgPath), 'path.txt');
    const present = existsSync(pathTxt) && existsSync(join(dirname(pkgPath), 'dist', readFileSync(pathTxt, 'utf8').trim()));
    return `${pkg.version} (${present ? 'binary present' : 'binary missing: `npm start` cannot open the desktop app; use `npm run serve`'})`;
  } catch {
    return 'not installed';
  }
}

export async function doctorCommand(workbench: Workbench, json: boolean): Promise<number> {
  const info = await callOrThrow(workbench, 'system.info', {});
  const report = {
    ...info,
    electron: electronStatus(),
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    builtRenderer: existsSync(join(__dirname, '..', 'renderer', 'index.html')),
  };
  if (json) {
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    return 0;
  }
  const rows: Array<[string, string]> = [
    ['workbench', info.appVersion],
    ['node', `${info.nodeVersion} (modules ABI ${process.versions.modules})`],
    ['electron', report.electron],
    ['platform', `${info.platform}, ${info.cpus} cores, ${report.memoryGiB} GiB`],
    ['workspace', info.workspace],
    ['database', `${info.databasePath} (schema ${info.schemaVersion})`],
    ['job concurrency', String(info.concurrency)],
    ['renderer build', report.builtRenderer ? 'present' : 'missing (run `npm run build`)'],
    ['compute backend', `${info.compute.backend} on ${info.compute.device}`],
    ...adapterRows(info.compute.adapter ?? null),
    ...info.compute.notes.map((note, i): [string, string] => [i === 0 ? 'why not faster' : '', note]),
  ];
  process.stdout.write(formatTable(['check', 'result'], rows) + '\n');
  return 0;
}

const mib = (bytes: number): string => `${Math.round(bytes / 2 ** 20)} MiB`;

/** The WebGPU adapter's rows: what it is, its driver, the limit on one tensor. */
function adapterRows(adapter: SystemInfo['compute']['adapter']): Array<[string, string]> {
  if (!adapter) return [];
  return [
    ['webgpu adapter', `${adapter.vendor || '?'} / ${adapter.architecture || '?'} / ${adapter.device || '?'}${adapter.software ? ' (SOFTWARE: runs on the CPU)' : ''}`],
    ['webgpu driver', adapter.description || '(not reported)'],
    ['webgpu limits', `largest tensor ${mib(adapter.limits.maxStorageBufferBindingSize)} (maxStorageBufferBindingSize), largest buffer ${mib(adapter.limits.maxBufferSize)}`],
  ];
}
