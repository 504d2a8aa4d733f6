// Server-side SVG of a chart option with ECharts' SVG renderer (no DOM, no canvas): text widths come from the
// real figure font, and the root is sized in points so the SVG, PDF and PNG all have the figure's true size.
import { init, setPlatformAPI, use } from 'echarts/core';
import { CustomChart, HeatmapChart, LineChart, ScatterChart, BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent, VisualMapContinuousComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { ChartOption } from '@shared/charts/chartOption';
import type { LoadedFont } from './fontFiles';
import { measureText, parseCssFont } from './textMeasure';

// Tooltip is registered only so the app's options (which configure one) render without warnings; SSR draws none.
use([BarChart, LineChart, ScatterChart, HeatmapChart, CustomChart, GridComponent, LegendComponent, TitleComponent,
  TooltipComponent, VisualMapContinuousComponent, SVGRenderer]);

let measuringFont: LoadedFont | null = null;
setPlatformAPI({
  measureText(text: string, css?: string) {
    const { sizePx, bold } = parseCssFont(css);
    if (!measuringFont) return { width: text.length * sizePx * 0.5 };
    return { width: measureText(measuringFont, text, sizePx, bold) };
  },
});

/** The root `<svg>` sized in points (1 user unit = 1 pt), keeping its viewBox. */
export function sizeSvgInPoints(svg: string, widthPt: number, heightPt: number): string {
  return svg.replace(/^<svg width="[^"]*" height="[^"]*"/, `<svg width="${widthPt}pt" height="${heightPt}pt"`);
}

/**
 * ECharts numbers its instances (zr0-, zr1-, …) and its style classes (cls-N) with process-wide counters:
 * renumbered here in order of first appearance, so the same chart always gives the same bytes.
 */
export function stableIds(svg: string): string {
  const classes = new Map<string, string>();
  return svg
    .replace(/\bzr\d+-/g, 'zr0-')
    .replace(/zr0-cls-\d+/g, (name) => {
      let stable = classes.get(name);
      if (!stable) classes.set(name, (stable = `zr0-cls-${classes.size}`));
      return stable;
    });
}

/**
 * SVG text of the chart at widthPt × heightPt points, laid out with `font`'s metrics. Synchronous: the
 * measuring font is a module global only for the duration of one render.
 */
export function renderChartSvg(option: ChartOption, widthPt: number, heightPt: number, font: LoadedFont): string {
  measuringFont = font;
  const chart = init(null, null, { renderer: 'svg', ssr: true, width: widthPt, height: heightPt });
  try {
    chart.setOption(option);
    return sizeSvgInPoints(stableIds(chart.renderToSVGString()), widthPt, heightPt);
  } finally {
    chart.dispose();
    measuringFont = null;
  }
}
