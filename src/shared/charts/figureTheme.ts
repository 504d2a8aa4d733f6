// One print theme for every chart of a figure pack: the venue's type size, font, line width and marker size
// applied to every component (axis labels, axis names, legend, visual map, cell labels, series), since
// ECharts' global textStyle alone does not reach axis labels. The grid then grows to hold labels and names
// (ECharts 6 outer bounds), so figures of any size keep their text inside the page. A horizontal legend wraps
// into rows in narrow figures (subfigures); the rows are counted with the real font and room is kept for all.
import type { ChartOption } from './chartOption';

export interface FigureTheme {
  /** Family name of the figure font (as SVG font-family). */
  fontFamily: string;
  /** Type size in points (the drawing's unit is the point: 1 px of the SVG = 1 pt on paper). */
  fontPt: number;
  /** Data line width in points. */
  lineWidthPt: number;
  /** Marker diameter in points. */
  markerPt: number;
  /** Height of the drawing in points (sizes the colour bar). */
  heightPt: number;
  /** Width of the drawing in points (a horizontal legend wraps into rows at it). */
  widthPt: number;
  legend: 'top' | 'right' | 'bottom' | 'none';
  /** Width in points of `text` set in the theme's font at `sizePt` (the export measures with the real font). */
  measure: (text: string, sizePt: number) => number;
}

const ink = '#1f2328';
const axisInk = '#4b5563';
type Loose = Record<string, unknown>;

const asList = (value: unknown): Loose[] => (Array.isArray(value) ? (value as Loose[]) : value ? [value as Loose] : []);
const one = (list: Loose[], original: unknown): unknown => (Array.isArray(original) ? list : list[0]);

function textOf(theme: FigureTheme, size = theme.fontPt, extra: Loose = {}): Loose {
  return { fontFamily: theme.fontFamily, fontSize: size, color: ink, ...extra };
}

function themeAxis(axis: Loose, theme: FigureTheme): Loose {
  const line = (axis.axisLine as Loose | undefined) ?? {};
  const split = (axis.splitLine as Loose | undefined) ?? {};
  return {
    ...axis,
    nameGap: theme.fontPt * 1.1,
    nameTextStyle: textOf(theme, theme.fontPt, (axis.nameTextStyle as Loose | undefined) ?? {}),
    axisLabel: { ...((axis.axisLabel as Loose | undefined) ?? {}), ...textOf(theme, theme.fontPt * 0.9), margin: theme.fontPt * 0.4 },
    axisLine: { ...line, lineStyle: { ...((line.lineStyle as Loose | undefined) ?? {}), color: axisInk, width: 0.5 } },
    axisTick: { length: theme.fontPt * 0.35, lineStyle: { color: axisInk, width: 0.5 } },
    splitLine: { ...split, lineStyle: { ...((split.lineStyle as Loose | undefined) ?? {}), width: 0.4 } },
  };
}

function themeSeries(series: Loose, theme: FigureTheme): Loose {
  const out: Loose = { ...series };
  const lineStyle = series.lineStyle as Loose | undefined;
  if (lineStyle) out.lineStyle = { ...lineStyle, width: typeof lineStyle.width === 'number' ? theme.lineWidthPt * (lineStyle.width / 1.6) : theme.lineWidthPt };
  if (series.type === 'line' || series.type === 'scatter') {
    out.symbolSize = series.type === 'scatter' ? theme.markerPt * 0.6 : theme.markerPt;
  }
  if (series.label) out.label = { ...(series.label as Loose), fontFamily: theme.fontFamily, fontSize: theme.fontPt * 0.8, textBorderWidth: 0 };
  const itemStyle = series.itemStyle as Loose | undefined;
  if (itemStyle && typeof itemStyle.borderWidth === 'number') out.itemStyle = { ...itemStyle, borderWidth: Math.min(1, itemStyle.borderWidth * 0.4) };
  // Per-item overrides (heatmap cells) carry their own label/border styles: scale those too.
  if (Array.isArray(series.data)) {
    out.data = (series.data as unknown[]).map((item) => {
      if (!item || typeof item !== 'object' || Array.isArray(item)) return item;
      const it = item as Loose;
      const next: Loose = { ...it };
      if (it.label) next.label = { ...(it.label as Loose), fontFamily: theme.fontFamily, fontSize: theme.fontPt * 0.8 };
      const style = it.itemStyle as Loose | undefined;
      if (style && typeof style.borderWidth === 'number') next.itemStyle = { ...style, borderWidth: Math.min(1.2, style.borderWidth * 0.4) };
      return next;
    });
  }
  return out;
}

/** Gap between a legend item's icon and its text (ECharts' fixed 5 px; 1 px = 1 pt in the export). */
const legendIconTextGap = 5;

/**
 * Rows a horizontal legend of `names` takes in `maxWidth` points, packed as ECharts' box layout does (an item
 * goes to the next row when it would cross the edge).
 */
export function legendRows(names: readonly string[], maxWidth: number, theme: Pick<FigureTheme, 'fontPt' | 'measure'>): number {
  const itemWidth = theme.fontPt * 1.6;
  const itemGap = theme.fontPt * 0.9;
  let rows = names.length > 0 ? 1 : 0;
  let x = 0;
  for (const name of names) {
    const width = itemWidth + legendIconTextGap + theme.measure(name, theme.fontPt);
    if (x > 0 && x + width > maxWidth) {
      rows++;
      x = 0;
    }
    x += width + itemGap;
  }
  return rows;
}

/** Height of one row of a horizontal legend: a text line and the gap ECharts leaves to the next (itemGap). */
export const legendRowPt = (fontPt: number): number => fontPt * 1.2 + fontPt * 0.9;

/**
 * Points a drawing must grow by so that a legend wrapping into several rows takes room from the page, not the
 * plot: every row after the first. 0 for a right-hand or hidden legend.
 */
export function extraLegendHeight(option: ChartOption, theme: Pick<FigureTheme, 'fontPt' | 'measure' | 'widthPt' | 'legend'>): number {
  const o = option as Loose;
  if (theme.legend === 'none' || theme.legend === 'right' || !asList(o.legend).some((l) => l.show !== false)) return 0;
  const rows = legendRows(legendNames(o), theme.widthPt - theme.fontPt * 0.5, theme);
  return Math.max(0, rows - 1) * legendRowPt(theme.fontPt);
}

function legendNames(option: Loose): string[] {
  const names = new Set<string>();
  for (const s of asList(option.series)) if (typeof s.name === 'string' && s.type !== 'custom') names.add(s.name);
  return [...names];
}

/** The option drawn with the theme: every text, line and margin sized for print. */
export function applyFigureTheme(option: ChartOption, theme: FigureTheme): ChartOption {
  const o = option as Loose;
  const pad = theme.fontPt * 0.5;
  const legendShown = theme.legend !== 'none' && asList(o.legend).some((l) => l.show !== false) && legendNames(o).length > 0;
  const legendEdge = pad * 0.5;
  const horizontalRows = legendShown && theme.legend !== 'right' ? legendRows(legendNames(o), theme.widthPt - 2 * legendEdge, theme) : 0;
  // Every row is one text line plus the gap ECharts leaves between rows (itemGap); then the same gap to the plot.
  const legendHeight = horizontalRows > 0 ? legendEdge + horizontalRows * legendRowPt(theme.fontPt) : 0;
  const legendWidth = legendShown && theme.legend === 'right'
    ? Math.max(...legendNames(o).map((n) => theme.measure(n, theme.fontPt))) + theme.fontPt * 2.6
    : 0;
  const visualMap = asList(o.visualMap);
  const visualMapWidth = visualMap.length > 0
    ? theme.fontPt * 1.2 + Math.max(...visualMap.flatMap((v) => ((v.text as string[] | undefined) ?? ['100 %']).map((t) => theme.measure(String(t), theme.fontPt * 0.9)))) + pad
    : 0;
  const grid = {
    left: pad,
    right: pad + legendWidth + visualMapWidth,
    top: theme.legend === 'top' && legendHeight > 0 ? legendHeight : pad,
    bottom: theme.legend === 'bottom' && legendHeight > 0 ? legendHeight : pad,
    outerBoundsMode: 'same',
    outerBoundsContain: 'all',
  };
  const legend = asList(o.legend).map((l) => ({
    ...l,
    show: legendShown,
    textStyle: textOf(theme),
    itemWidth: theme.fontPt * 1.6,
    itemHeight: theme.fontPt * 0.8,
    itemGap: theme.fontPt * 0.9,
    padding: 0,
    ...(theme.legend === 'right'
      ? { orient: 'vertical', right: pad + visualMapWidth, top: 'middle', left: undefined, bottom: undefined }
      : theme.legend === 'bottom'
        ? { orient: 'horizontal', bottom: legendEdge, left: 'center', top: undefined, right: undefined, width: theme.widthPt - 2 * legendEdge }
        : { orient: 'horizontal', top: legendEdge, left: 'center', right: undefined, bottom: undefined, width: theme.widthPt - 2 * legendEdge }),
  }));
  const themed: Loose = {
    ...o,
    animation: false,
    backgroundColor: '#ffffff',
    textStyle: textOf(theme),
    grid,
    tooltip: { show: false },
    xAxis: one(asList(o.xAxis).map((a) => themeAxis(a, theme)), o.xAxis),
    yAxis: one(asList(o.yAxis).map((a) => themeAxis(a, theme)), o.yAxis),
    series: one(asList(o.series).map((s) => themeSeries(s, theme)), o.series),
  };
  if (o.legend !== undefined) themed.legend = one(legend, o.legend);
  if (o.visualMap !== undefined) {
    themed.visualMap = one(visualMap.map((v) => ({
      ...v, right: pad, textStyle: textOf(theme, theme.fontPt * 0.9), itemWidth: theme.fontPt, itemHeight: theme.heightPt * 0.55, textGap: theme.fontPt * 0.3,
    })), o.visualMap);
  }
  return themed as ChartOption;
}
