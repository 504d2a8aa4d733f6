// The final table of a weak-to-strong run for `ouroboros run`: weak / w2s / ceiling accuracy and PGR (mean and
// 10–90 % band over seeds), then agreement and calibration, read from the run summary.
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

const cell = (v: number | null | undefined) => (v === null || v === undefined ? '—' : formatNumber(v));

/** The table, or null when the summary is not a weak-to-strong one. */
export function weakToStrongTable(summary: Record<string, unknown> | null): string | null {
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
