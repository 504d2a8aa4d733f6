// Progress of several runs at once for the terminal: one redrawn bar per run on a TTY, plain lines
// otherwise (a line per run each 10 % and on every status change), so logs and CI stay readable.
import type { Progress, RunStatus } from '@shared/contract/models';
import { formatEta } from './progressLine';

interface Row {
  label: string;
  status: RunStatus;
  progress: Progress | null;
  lastPlainPercent: number;
  lastPlainStatus: RunStatus | null;
}

function percentOf(progress: Progress | null): number {
  return progress && progress.total > 0 ? Math.floor((progress.step / progress.total) * 100) : 0;
}

export class MultiProgress {
  private readonly rows = new Map<string, Row>();
  private drawnLines = 0;

  constructor(private readonly stream: NodeJS.WriteStream) {}

  add(id: string, label: string, status: RunStatus, progress: Progress | null): void {
    this.rows.set(id, { label, status, progress, lastPlainPercent: -10, lastPlainStatus: null });
    this.update(id, status, progress);
  }

  /** Records the run's status and progress (null keeps the last known progress) and redraws. */
  update(id: string, status: RunStatus, progress: Progress | null): void {
    const row = this.rows.get(id);
    if (!row) return;
    row.status = status;
    if (progress) row.progress = progress;
    if (status === 'completed' && row.progress) row.progress = { ...row.progress, step: row.progress.total, etaSeconds: 0 };
    if (this.stream.isTTY) this.redraw();
    else this.plain(row);
  }

  private line(row: Row, width: number): string {
    const percent = percentOf(row.progress);
    const filled = Math.round((percent / 100) * width);
    const counts = row.progress ? ` ${row.progress.step}/${row.progress.total}` : '';
    const eta = row.status === 'running' && row.progress ? ` ${formatEta(row.progress.etaSeconds)}` : '';
    return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(percent).padStart(3)}% ${row.status}${counts}${eta}  ${row.label}`;
  }

  private redraw(): void {
    const columns = this.stream.columns ?? 100;
    let out = this.drawnLines > 0 ? `\x1b[${this.drawnLines}A` : '';
    for (const row of this.rows.values()) out += `\r${this.line(row, 20).slice(0, Math.max(20, columns - 1))}\x1b[K\n`;
    this.drawnLines = this.rows.size;
    this.stream.write(out);
  }

  private plain(row: Row): void {
    const percent = percentOf(row.progress);
    if (row.status === row.lastPlainStatus && percent < row.lastPlainPercent + 10) return;
    row.lastPlainStatus = row.status;
    row.lastPlainPercent = percent;
    this.stream.write(`${this.line(row, 20)}\n`);
  }
}
