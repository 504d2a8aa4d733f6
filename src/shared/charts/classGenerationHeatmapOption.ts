// Option of the class × generation heatmap of a neural loop: rows = classes (by name), columns =
// generations, colour = fraction of the generation's samples the feature classifier assigns to the class.
// A collapsing loop shows as rows fading to white while a few rows darken.
import type { HeatmapSeriesOption } from 'echarts/charts';
import type { ClassHistogramArtifact } from '../contract/neuralArtifacts';
import { escapeHtml } from './escape';
import type { ChartOption } from './chartOption';

export interface ClassByGeneration {
  generations: number[];
  classNames: string[];
  /** frequencies[class][column]: fraction of that generation's samples in the class. */
  frequencies: number[][];
  /** Classes covered per generation (column). */
  covered: number[];
}

/** The table behind the heatmap from the class-histogram artifacts (any order; one column per generation). */
export function classByGeneration(histograms: readonly ClassHistogramArtifact[]): ClassByGeneration {
  const sorted = [...histograms].sort((a, b) => a.generation - b.generation);
  const classNames = sorted.reduce<string[]>((names, h) => (h.classNames.length > names.length ? h.classNames : names), []);
  return {
    generations: sorted.map((h) => h.generation),
    classNames,
    frequencies: classNames.map((_, k) => sorted.map((h) => h.frequencies[k] ?? 0)),
    covered: sorted.map((h) => h.covered),
  };
}

export function buildClassHeatmapOption(table: ClassByGeneration): ChartOption {
  type Item = NonNullable<HeatmapSeriesOption['data']>[number];
  const data: Item[] = [];
  let max = 0;
  for (const row of table.frequencies) for (const f of row) max = Math.max(max, f);
  const scaleMax = Math.max(max, table.classNames.length > 0 ? 2 / table.classNames.length : 0, 0.01);
  // Dark cells get white labels; empty cells none, so the classes that are there stand out.
  table.frequencies.forEach((row, k) => row.forEach((f, g) => {
    data.push({ value: [g, k, f], label: { color: f > scaleMax * 0.6 ? '#ffffff' : '#111827' } });
  }));
  const uniform = table.classNames.length > 0 ? 1 / table.classNames.length : 0;
  const at = (raw: unknown) => (raw as { value?: [number, number, number] }).value;
  const showLabels = table.generations.length * table.classNames.length <= 240;
  return {
    animation: false,
    grid: { left: 96, right: 86, top: 10, bottom: 40 },
    tooltip: {
      trigger: 'item',
      confine: true,
      formatter: (raw: unknown) => {
        const v = at(raw);
        if (!v) return '';
        const name = escapeHtml(table.classNames[v[1]] ?? '');
        return `generation ${table.generations[v[0]]} · <b>${name}</b><br/>${(v[2] * 100).toFixed(1)} % of samples (uniform: ${(uniform * 100).toFixed(1)} %)<br/>${table.covered[v[0]]} classes covered`;
      },
    },
    xAxis: {
      type: 'category', data: table.generations.map(String), name: 'generation', nameLocation: 'middle', nameGap: 26,
      axisLabel: { fontSize: 10 }, splitArea: { show: false },
    },
    yAxis: { type: 'category', data: table.classNames, inverse: true, axisLabel: { interval: 0, fontSize: 10 } },
    visualMap: {
      type: 'continuous', min: 0, max: scaleMax, dimension: 2, calculable: false, right: 4, top: 'middle',
      itemHeight: 140, text: ['share', '0'], textStyle: { fontSize: 10 },
      inRange: { color: ['#ffffff', '#fdd49e', '#fc8d59', '#d7301f', '#7f0000'] },
      formatter: (v: unknown) => `${Math.round(Number(v) * 100)} %`,
    },
    series: [{
      type: 'heatmap',
      data,
      label: {
        show: showLabels, fontSize: 9,
        formatter: (raw: unknown) => {
          const f = at(raw)?.[2] ?? 0;
          return f > 0 ? `${Math.max(1, Math.round(f * 100))}` : '';
        },
      },
      itemStyle: { borderColor: '#ffffff', borderWidth: 1 },
    }],
  };
}
