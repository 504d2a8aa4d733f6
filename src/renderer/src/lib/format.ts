// Number, time and progress formatting shared by the run list, run header and charts, so "ETA 1m 20s"
// and metric values read the same everywhere.
import type { Progress } from '@shared/contract/models';

/** "ETA 45s", "ETA 1m 20s", "ETA 2h 05m"; "ETA …" while the rate is not known yet. */
export function formatEta(etaSeconds: number | null | undefined): string {
  if (etaSeconds === null || etaSeconds === undefined || !Number.isFinite(etaSeconds)) return 'ETA …';
  const total = Math.max(0, Math.round(etaSeconds));
  if (total < 60) return `ETA ${total}s`;
  if (total < 3600) return `ETA ${Math.floor(total / 60)}m ${total % 60}s`;
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  return `ETA ${hours}h ${String(minutes).padStart(2, '0')}m`;
}

/** Completed fraction in [0, 1]; 0 when the total is not known. */
export function progressFraction(progress: Progress | null | undefined): number {
  if (!progress || progress.total <= 0) return 0;
  return Math.min(1, Math.max(0, progress.step / progress.total));
}

export function formatPercent(fraction: number): string {
  return `${Math.floor(fraction * 100)}%`;
}

/** Numbers on charts and figures: one shared formatter (see @shared/charts/numberFormat). */
export { formatNumber } from '@shared/charts/numberFormat';

/** Local date and time without seconds noise, e.g. "2025-03-02 14:05:09". */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '–';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
  );
}

/** Wall time between two instants, e.g. "3m 12s"; "–" when either is missing. */
export function formatDuration(fromIso: string | null, toIso: string | null): string {
  if (!fromIso || !toIso) return '–';
  const seconds = (new Date(toIso).getTime() - new Date(fromIso).getTime()) / 1000;
  if (!Number.isFinite(seconds) || seconds < 0) return '–';
  return formatEta(seconds).replace(/^ETA /, '');
}

/** "queued #1" for the next run to start (queue position 0). */
export function formatQueuePosition(position: number | null): string {
  return position === null ? 'queued' : `queued #${position + 1}`;
}

/** "1 run", "3 runs": a count with its noun in the right number (regular plurals only). */
export function countOf(count: number, noun: string): string {
  return `${count} ${count === 1 ? noun : `${noun}s`}`;
}
