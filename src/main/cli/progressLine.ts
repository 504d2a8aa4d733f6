// Progress for the terminal: a redrawn bar on a TTY, plain throttled lines otherwise (logs, CI).
import type { Progress } from '@shared/contract/models';

export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return 'ETA –';
  const s = Math.round(seconds);
  if (s < 60) return `ETA ${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `ETA ${m}m ${s % 60}s`;
  return `ETA ${Math.floor(m / 60)}h ${m % 60}m`;
}

export class ProgressLine {
  private lastPlainPercent = -1;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly label: string,
  ) {}

  update(progress: Progress): void {
    const fraction = progress.total > 0 ? progress.step / progress.total : 0;
    const percent = Math.floor(fraction * 100);
    const text = `${progress.step}/${progress.total} ${formatEta(progress.etaSeconds)}${progress.message ? ` ${progress.message}` : ''}`;
    if (this.stream.isTTY) {
      const width = 30;
      const filled = Math.round(fraction * width);
      this.stream.write(`\r${this.label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(percent).padStart(3)}% ${text}\x1b[K`);
    } else if (percent >= this.lastPlainPercent + 10 || progress.step === progress.total) {
      this.lastPlainPercent = percent;
      this.stream.write(`${this.label}: ${percent}% ${text}\n`);
    }
  }

  finish(): void {
    if (this.stream.isTTY) this.stream.write('\n');
  }
}
