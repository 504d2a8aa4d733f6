// A heatmap option (confusion matrix, confusion change) redrawn for a narrow column, as on each side of the
// two-runs comparison: no cell labels, no colour bar, small axis labels and margins. The colours and scale are
// unchanged, so a compact matrix still reads on the same scale as the full one.
import type { ChartOption } from '../chartOption';

type Loose = Record<string, unknown>;
const list = (v: unknown): Loose[] => (Array.isArray(v) ? (v as Loose[]) : v ? [v as Loose] : []);

export function compactHeatmap(option: ChartOption): ChartOption {
  const o = option as Loose;
  // The predicted classes (x) are in the same order as the true classes (y), so only y keeps its labels.
  const axis = (a: Loose, nameGap: number, labels: boolean): Loose => ({ ...a, nameGap, axisLabel: { ...((a.axisLabel as Loose | undefined) ?? {}), show: labels, fontSize: 8, rotate: 0 } });
  return {
    ...o,
    grid: { left: 62, right: 6, top: 4, bottom: 22 },
    xAxis: list(o.xAxis).map((a) => axis(a, 8, false))[0],
    yAxis: list(o.yAxis).map((a) => axis(a, 48, true))[0],
    visualMap: list(o.visualMap).map((v) => ({ ...v, show: false }))[0],
    series: list(o.series).map((s) => ({ ...s, label: { ...((s.label as Loose | undefined) ?? {}), show: false } })),
  } as ChartOption;
}
