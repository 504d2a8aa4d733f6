// Data shaping of a weak-to-strong sweep (weak × strong × method × seed cells): the points of the paper's
// figure (accuracies averaged over seeds per weak/strong/method) and the table of median PGR per method with
// its spread over seeds. Pure, so the app's view and the exported figure read the same numbers.
import type { WeakToStrongSweep } from '../../contract/weakToStrongArtifacts';

type Cell = WeakToStrongSweep['cells'][number];

export interface SweepPoint {
  weak: string;
  strong: string;
  method: string;
  seeds: number;
  /** Means over the cell's seeds (fractions). */
  weakAccuracy: number;
  w2sAccuracy: number;
  ceilingAccuracy: number;
}

export interface SweepLine {
  weak: string;
  method: string;
  /** By ceiling accuracy ascending. */
  points: SweepPoint[];
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Median of a non-empty list (the mean of the two middle values for an even count). */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new Error('sweepSummary.median: empty list');
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Cells grouped by (weak, strong, method), accuracies averaged over seeds; first-seen order kept. */
export function sweepPoints(sweep: WeakToStrongSweep): SweepPoint[] {
  const groups = new Map<string, Cell[]>();
  for (const c of sweep.cells) {
    const key = JSON.stringify([c.weak, c.strong, c.method]);
    const list = groups.get(key);
    if (list) list.push(c);
    else groups.set(key, [c]);
  }
  return [...groups.values()].map((cells) => ({
    weak: cells[0].weak,
    strong: cells[0].strong,
    method: cells[0].method,
    seeds: cells.length,
    weakAccuracy: mean(cells.map((c) => c.weakAccuracy)),
    w2sAccuracy: mean(cells.map((c) => c.w2sAccuracy)),
    ceilingAccuracy: mean(cells.map((c) => c.ceilingAccuracy)),
  }));
}

/** One line per (weak model, method) over the strong models, sorted by ceiling accuracy. */
export function sweepLines(sweep: WeakToStrongSweep): SweepLine[] {
  const lines = new Map<string, SweepLine>();
  for (const p of sweepPoints(sweep)) {
    const key = JSON.stringify([p.weak, p.method]);
    let line = lines.get(key);
    if (!line) lines.set(key, (line = { weak: p.weak, method: p.method, points: [] }));
    line.points.push(p);
  }
  for (const line of lines.values()) line.points.sort((a, b) => a.ceilingAccuracy - b.ceilingAccuracy);
  return [...lines.values()];
}

/** Distinct values of one cell field, in first-seen order. */
export function sweepAxis(sweep: WeakToStrongSweep, field: 'weak' | 'strong' | 'method'): string[] {
  return [...new Set(sweep.cells.map((c) => c[field]))];
}

export interface MethodPgr {
  method: string;
  /**
   * Median over seeds of the per-seed median PGR over the (weak, strong) pairs — the paper's "median PGR"
   * taken per seed, then summarised over seeds; null when no cell of the method has a defined PGR.
   */
  median: number | null;
  /** Smallest and largest per-seed median (the spread over seeds). */
  low: number | null;
  high: number | null;
  /** Seeds with at least one defined PGR. */
  seeds: number;
  /** Cells whose PGR is undefined (ceiling − weak under the minimum gap), out of `cells`. */
  undefinedCells: number;
  cells: number;
}

export function methodPgrTable(sweep: WeakToStrongSweep): MethodPgr[] {
  return sweepAxis(sweep, 'method').map((method) => {
    const cells = sweep.cells.filter((c) => c.method === method);
    const bySeed = new Map<number, number[]>();
    for (const c of cells) {
      if (c.pgr === null || !Number.isFinite(c.pgr)) continue;
      const list = bySeed.get(c.seed);
      if (list) list.push(c.pgr);
      else bySeed.set(c.seed, [c.pgr]);
    }
    const perSeed = [...bySeed.values()].map(median);
    return {
      method,
      median: perSeed.length ? median(perSeed) : null,
      low: perSeed.length ? Math.min(...perSeed) : null,
      high: perSeed.length ? Math.max(...perSeed) : null,
      seeds: perSeed.length,
      undefinedCells: cells.filter((c) => c.pgr === null || !Number.isFinite(c.pgr)).length,
      cells: cells.length,
    };
  });
}
