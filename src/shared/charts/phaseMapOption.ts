// Option of the effective-sample-size phase map: rows n_r, columns n_s, colour = n_e / n_r on a log scale
// with a diverging palette centred at 1; cells with n_e / n_r ≥ 1 (synthetic data helped) get a bold outline.
import type { HeatmapSeriesOption } from 'echarts/charts';
import type { PhaseMapArtifact } from '../contract/gaussianArtifacts';
import { formatNumber } from './numberFormat';
import { divergingColors } from './palette';
import type { ChartOption } from './chartOption';

const finite = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

export function isAdmissible(ratio: number | null | undefined): boolean {
  return finite(ratio) && ratio >= 1;
}

/** Largest |log₂ ratio| over computed cells, at least 1, so the colour scale is symmetric around 1. */
export function colourHalfRange(map: PhaseMapArtifact): number {
  let m = 1;
  for (const row of map.ratio) for (const r of row) if (finite(r) && r > 0) m = Math.max(m, Math.abs(Math.log2(r)));
  return Math.ceil(m);
}

export function buildPhaseMapOption(map: PhaseMapArtifact): ChartOption {
  const half = colourHalfRange(map);
  type Item = NonNullable<HeatmapSeriesOption['data']>[number];
  const data: Item[] = [];
  map.realSamplesGrid.forEach((_, row) => {
    map.syntheticSamplesGrid.forEach((__, col) => {
      const ratio = map.ratio[row]?.[col];
      if (!finite(ratio) || ratio <= 0) {
        data.push({ value: [col, row, '-'] });
        return;
      }
      const admissible = isAdmissible(ratio);
      data.push({
        value: [col, row, Math.max(-half, Math.min(half, Math.log2(ratio)))],
        itemStyle: admissible ? { borderColor: '#111827', borderWidth: 3 } : { borderColor: '#ffffff', borderWidth: 1 },
        label: { fontWeight: admissible ? 'bold' : 'normal' },
      });
    });
  });
  const cell = (raw: unknown) => {
    const value = (raw as { value?: unknown }).value as [number, number, unknown] | undefined;
    return value ? { col: value[0], row: value[1] } : null;
  };
  return {
    animation: false,
    grid: { left: 78, right: 96, top: 16, bottom: 52 },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (raw: unknown) => {
        const c = cell(raw);
        if (!c) return '';
        const nr = map.realSamplesGrid[c.row];
        const ns = map.syntheticSamplesGrid[c.col];
        const ratio = map.ratio[c.row]?.[c.col];
        if (!finite(ratio)) return `n_r = ${nr}, n_s = ${ns}<br/>not computed yet`;
        return [
          `n_r = ${nr}, n_s = ${ns}`,
          `n_e = ${formatNumber(map.ne[c.row]?.[c.col])}`,
          `n_e / n_r = <b>${formatNumber(ratio, 3)}</b>${isAdmissible(ratio) ? ' (admissible: synthetic data helped)' : ''}`,
          `limit distance = ${formatNumber(map.limitDistance[c.row]?.[c.col])}`,
        ].join('<br/>');
      },
    },
    xAxis: {
      type: 'category', data: map.syntheticSamplesGrid.map(String), name: 'n_s (synthetic samples per generation)',
      nameLocation: 'middle', nameGap: 30, splitArea: { show: false }, axisLabel: { fontSize: 11 },
    },
    yAxis: {
      type: 'category', data: map.realSamplesGrid.map(String), name: 'n_r (real samples per generation)',
      nameLocation: 'middle', nameGap: 50, axisLabel: { fontSize: 11 },
    },
    visualMap: {
      type: 'continuous', min: -half, max: half, dimension: 2, calculable: false, orient: 'vertical',
      right: 8, top: 'middle', itemHeight: 160, text: [`n_e/n_r ${formatNumber(2 ** half)}`, formatNumber(2 ** -half)], textStyle: { fontSize: 11 },
      inRange: { color: divergingColors },
      formatter: (v: unknown) => formatNumber(2 ** Number(v), 3),
    },
    series: [{
      type: 'heatmap',
      data,
      label: {
        show: true, fontSize: 11, color: '#111827', textBorderColor: '#ffffff', textBorderWidth: 2,
        formatter: (raw: unknown) => {
          const c = cell(raw);
          const ratio = c ? map.ratio[c.row]?.[c.col] : null;
          if (!finite(ratio)) return '';
          return `${formatNumber(ratio, 2)}${isAdmissible(ratio) ? ' ✓' : ''}`;
        },
      },
      emphasis: { itemStyle: { borderColor: '#f59e0b', borderWidth: 2 } },
    }],
  };
}
