// `ouroboros run <sweep.json>` (every point on the local job queue, a progress line per point, a table of
// the points at the end) and `ouroboros sweeps list|show <id>`: sweeps without the UI.
import { describeCoordinates, sweepConfigSchema } from '@shared/config/sweepConfig';
import type { SweepDetail } from '@shared/contract/sweepApi';
import { parseOrThrow, WorkbenchError } from '@shared/errors';
import type { Workbench } from '../../core/workbench';
import { callOrThrow } from '../callOrThrow';
import { followRuns } from '../followRuns';
import { formatTable } from '../table';

/** Up to three metric keys every point reports, preferring per-seed means (e.g. frechet.mean). */
function tableMetricKeys(detail: SweepDetail): string[] {
  const keys = detail.points.length ? Object.keys(detail.points[0]!.metrics) : [];
  const common = keys.filter((key) => detail.points.every((point) => key in point.metrics)).sort();
  const means = common.filter((key) => key.endsWith('.mean'));
  return (means.length ? means : common).slice(0, 3);
}

export function sweepTable(detail: SweepDetail): string {
  const keys = tableMetricKeys(detail);
  const rows = detail.points.map((point) => [
    point.index,
    describeCoordinates(point.coordinates),
    point.status,
    point.progress ? `${point.progress.step}/${point.progress.total}` : '',
    ...keys.map((key) => point.metrics[key] ?? ''),
    point.runId,
  ]);
  return formatTable(['#', 'point', 'status', 'progress', ...keys, 'run'], rows);
}

function countsLine(detail: Pick<SweepDetail, 'counts' | 'points' | 'status'>, points: number): string {
  return `${points} point(s), ${detail.status}: ${Object.entries(detail.counts).map(([status, n]) => `${n} ${status}`).join(', ')}`;
}

export async function runSweepCommand(workbench: Workbench, json: unknown, path: string, asJson: boolean): Promise<number> {
  const config = parseOrThrow(sweepConfigSchema, json, `sweep file ${path}`);
  const created = await callOrThrow(workbench, 'sweeps.create', { config });
  let detail = await callOrThrow(workbench, 'sweeps.get', { sweepId: created.id });
  if (!asJson) process.stderr.write(`sweep ${detail.name} (${detail.id}): ${detail.points.length} point(s) queued locally\n`);
  let cancelled = false;
  const onInterrupt = () => {
    cancelled = true;
    process.stderr.write('\ncancelling the sweep… (resume it later with `ouroboros sweeps show` + `ouroboros runs resume`, or in the app)\n');
    void workbench.invoke('sweeps.cancel', { sweepId: created.id });
  };
  process.once('SIGINT', onInterrupt);
  const width = String(detail.points.length - 1).length;
  await followRuns(
    workbench,
    detail.points.map((point) => ({ runId: point.runId, label: `#${String(point.index).padStart(width)} ${describeCoordinates(point.coordinates)}` })),
    { showProgress: !asJson },
  );
  process.off('SIGINT', onInterrupt);
  detail = await callOrThrow(workbench, 'sweeps.get', { sweepId: created.id });
  if (asJson) process.stdout.write(`${JSON.stringify(detail, null, 2)}\n`);
  else process.stdout.write(`\nSweep ${detail.name} (${detail.id}) ${countsLine(detail, detail.points.length)}\n${sweepTable(detail)}\n`);
  if (cancelled) return 130;
  return detail.status === 'completed' ? 0 : 1;
}

export async function sweepsCommand(workbench: Workbench, action: string, id: string | undefined, asJson: boolean): Promise<number> {
  if (action === 'list') {
    const sweeps = await callOrThrow(workbench, 'sweeps.list', {});
    if (asJson) process.stdout.write(`${JSON.stringify(sweeps, null, 2)}\n`);
    else if (sweeps.length === 0) process.stdout.write('no sweeps yet: run one with `ouroboros run <sweep.json>` or build one in the UI\n');
    else
      process.stdout.write(
        `${formatTable(
          ['id', 'name', 'kind', 'axes', 'points', 'status', 'created'],
          sweeps.map((s) => [s.id, s.name, s.kind, s.axes.join(' × '), s.points, `${s.status} (${Object.entries(s.counts).map(([k, n]) => `${n} ${k}`).join(', ')})`, s.createdAt.slice(0, 19).replace('T', ' ')]),
        )}\n`,
      );
    return 0;
  }
  if (action === 'show') {
    if (!id) throw new WorkbenchError('invalid-input', 'usage: ouroboros sweeps show <sweep-id> [--json]');
    const detail = await callOrThrow(workbench, 'sweeps.get', { sweepId: id });
    if (asJson) process.stdout.write(`${JSON.stringify(detail, null, 2)}\n`);
    else process.stdout.write(`${detail.name} (${detail.id}) · ${detail.kind} · executor ${detail.executor}\n${countsLine(detail, detail.points.length)}\n${sweepTable(detail)}\n`);
    return 0;
  }
  throw new WorkbenchError('invalid-input', `unknown sweeps action "${action}": use "list" or "show <id>"`);
}
