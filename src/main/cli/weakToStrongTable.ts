// The final tables of a weak-to-strong run for `ouroboros run`: weak / w2s / ceiling accuracy and PGR (mean and
// 10–90 % band over seeds), then agreement and calibration, read from the run summary; for a sweep, one row per
// (weak, strong, method) and the median PGR per method with its spread over seeds.
import { formatNumber, formatTable } from './table';

interface Band { mean: number | null; p10: number | null; p90: number | null; perSeed: Array<number | null> }

const rows: Array<[string, string]> = [
  ['weak', 'weakAccuracy'],
  ['w2s (final)', 'studentAccuracy'],
  ['w2s (early-stopped)', 'studentEarlyStoppedAccuracy'],
  ['ceiling', 'ceilingAccuracy'],
  ['PGR', 'pgr'],
  ['PGR (early-stopped)', 'pgrEarlyStopped'],
  ['agreement', 'agreement'],
  ['agreement | weak right', 'agreementSupervisorRight'],
  ['agreement | weak wrong', 'agreementSupervisorWrong'],
  ['inheritance rate', 'inheritanceRate'],
  ['correction rate', 'correctionRate'],
  ['new-error rate', 'newErrorRate'],
  ['ECE weak / w2s / ceiling', 'Ece'],
  ['Brier weak / w2s / ceiling', 'Brier'],
];

/** Summary keys the tables print (the run command leaves them out of its key: value lines). */
export const weakToStrongTableKeys = ['results', 'rows', 'methodPgr'];

const cell = (v: number | null | undefined) => (v === null || v === undefined ? '—' : formatNumber(v));

interface SweepRow { weak: string; strong: string; method: string; seeds: number; weakAccuracy: number; w2sAccuracy: number; ceilingAccuracy: number; pgr: number | null; excluded: number }
interface MethodPgr { method: string; median: number | null; low: number | null; high: number | null; seeds: number; undefinedCells: number; cells: number }

function sweepTable(summary: Record<string, unknown>): string {
  const sweepRows = summary.rows as SweepRow[];
  const pairs = formatTable(
    ['weak', 'strong', 'method', 'weak acc.', 'w2s acc.', 'ceiling acc.', 'PGR', 'excluded seeds'],
    sweepRows.map((r) => [r.weak, r.strong, r.method, cell(r.weakAccuracy), cell(r.w2sAccuracy), cell(r.ceilingAccuracy), cell(r.pgr), `${r.excluded}/${r.seeds}`]),
  );
  const methods = formatTable(
    ['method', 'median PGR', 'min over seeds', 'max over seeds', 'seeds', 'cells excluded'],
    (summary.methodPgr as MethodPgr[]).map((m) => [m.method, cell(m.median), cell(m.low), cell(m.high), String(m.seeds), `${m.undefinedCells}/${m.cells}`]),
  );
  return `${pairs}\n\n${methods}`;
}

/** The table, or null when the summary is not a weak-to-strong one. */
export function weakToStrongTable(summary: Record<string, unknown> | null): string | null {
  if (summary?.mode === 'sweep' && Array.isArray(summary.rows) && Array.isArray(summary.methodPgr)) return sweepTable(summary);
  const results = summary?.results as Record<string, Band> | undefined;
  if (!results || !results.weakAccuracy) return null;
  const seeds = results.weakAccuracy.perSeed.length;
  const body = rows.map(([label, key]) => {
    if (key === 'Ece' || key === 'Brier') {
      const keys = ['weak', 'student', 'ceiling'].map((m) => results[`${m}${key}`]);
      return [label, keys.map((b) => cell(b?.mean)).join(' / '), '', '', ''];
    }
    const b = results[key];
    return [label, cell(b?.mean), cell(b?.p10), cell(b?.p90), (b?.perSeed ?? []).map(cell).join(' ')];
  });
  return formatTable(['', `mean of ${seeds} seeds`, 'p10', 'p90', 'per seed'], body);
}
