// The final value of each headline metric of a run (mean and the half-width of its 10–90 % band over seeds
// where one was recorded): what tables.tex and macros.tex quote.
import type { MetricSeries } from '@shared/contract/models';
import type { RunRecord } from '../store/runsRepository';
import type { ExportSource } from './exportSource';
import { metricLabel, stepName } from './metricLabels';

/** Headline metrics per run kind, in table order. */
export const headlineMetrics: Record<string, readonly string[]> = {
  'gaussian-loop': ['frechet', 'meanError', 'traceRatio', 'logDetDiff'],
  'neural-loop': ['fid', 'precision', 'recall', 'coverage'],
  'train-model': ['fid', 'testAccuracy', 'trainAccuracy'],
};

export interface FinalValue {
  key: string;
  label: string;
  step: number;
  stepName: string;
  mean: number;
  /** Half the 10–90 % band over seeds, or null for a single-run value. */
  spread: number | null;
}

function lastOf(series: MetricSeries | undefined): { step: number; value: number } | null {
  if (!series || series.steps.length === 0) return null;
  return { step: series.steps[series.steps.length - 1], value: series.values[series.values.length - 1] };
}

export function finalValues(run: RunRecord, source: ExportSource): FinalValue[] {
  const keys = headlineMetrics[run.kind] ?? [];
  if (keys.length === 0) return [];
  const wanted = keys.flatMap((k) => [k, `${k}.mean`, `${k}.p10`, `${k}.p90`]);
  const byKey = new Map(source.series(run.id, wanted).map((s) => [s.key, s]));
  const out: FinalValue[] = [];
  for (const key of keys) {
    const mean = lastOf(byKey.get(`${key}.mean`) ?? byKey.get(key));
    if (!mean) continue;
    const at = (suffix: string) => {
      const s = byKey.get(`${key}.${suffix}`);
      const i = s ? s.steps.indexOf(mean.step) : -1;
      return i >= 0 ? s!.values[i] : null;
    };
    const lo = at('p10');
    const hi = at('p90');
    out.push({ key, label: metricLabel(key), step: mean.step, stepName: stepName(run.kind), mean: mean.value, spread: lo !== null && hi !== null ? (hi - lo) / 2 : null });
  }
  return out;
}
