// `ouroboros datasets [list]` and `ouroboros datasets show <id>`: the workspace's datasets, without the UI
// (the first list generates the built-ins, as the app does).
import type { Workbench } from '../../core/workbench';
import { callOrThrow } from '../callOrThrow';
import { formatTable } from '../table';

export async function datasetsCommand(workbench: Workbench, action: string, id: string | undefined, json: boolean): Promise<number> {
  if (action === 'list') {
    const datasets = await callOrThrow(workbench, 'datasets.list', {});
    if (json) process.stdout.write(JSON.stringify(datasets, null, 2) + '\n');
    else
      process.stdout.write(
        formatTable(
          ['id', 'name', 'kind', 'train', 'test', 'shape', 'classes', ''],
          datasets.map((d) => [d.id, d.name, d.kind, d.trainCount, d.testCount, d.dims.join('×'), d.classes?.length ?? '–', d.builtin ? 'built-in' : '']),
        ) + '\n',
      );
    return 0;
  }
  if (action === 'show') {
    if (!id) throw new Error('usage: ouroboros datasets show <dataset-id>');
    const d = await callOrThrow(workbench, 'datasets.get', { datasetId: id });
    if (json) {
      process.stdout.write(JSON.stringify(d, null, 2) + '\n');
      return 0;
    }
    const { meta } = d;
    process.stdout.write(`${d.name} (${d.id})${d.builtin ? ' · built-in' : ''}\n`);
    process.stdout.write(`${d.kind} ${d.dims.join('×')} · ${d.trainCount} train · ${d.testCount} test · from ${meta.source.format}: ${meta.source.description}\n`);
    process.stdout.write(`sha256 ${d.checksum}\n`);
    if (meta.stats) process.stdout.write(`mean ${meta.stats.mean.map((v) => v.toFixed(3)).join(', ')} · std ${meta.stats.std.map((v) => v.toFixed(3)).join(', ')}\n`);
    if (meta.classes) {
      const train = meta.splits.train.classCounts ?? [];
      const test = meta.splits.test.classCounts ?? [];
      process.stdout.write(formatTable(['label', 'class', 'train', 'test'], meta.classes.map((name, k) => [k, name, train[k] ?? 0, test[k] ?? 0])) + '\n');
    }
    for (const note of meta.source.notes) process.stdout.write(`note: ${note}\n`);
    return 0;
  }
  throw new Error(`unknown datasets action "${action}": use "list" or "show <id>"`);
}
