// One figure of a pack from spec to drawing: its data from the workspace (by kind), the venue's print theme
// applied to the app's own chart option, and the SVG at the figure's true size. The preview in the app and
// every file of the export come from here.
import { applyFigureTheme, extraLegendHeight } from '@shared/charts/figureTheme';
import type { FigureSpec, PackSpec } from '@shared/figures/packSpec';
import { figureWidthInches, venuePresets } from '@shared/figures/venuePresets';
import { renderChartSvg } from './chartSvg';
import type { ExportSource } from './exportSource';
import type { FigureData } from './figureModel';
import { loadFont, type LoadedFont } from './fontFiles';
import { classHeatmapFigure, confusionFigure } from './neuralFigures';
import { metricsFigure } from './metricsFigure';
import { phaseMapFigure, scatterFigure } from './gaussianFigures';
import { renderGridSvg } from './gridSvg';
import { sampleGridFigure } from './sampleGridFigure';
import { attentionFigure } from './attentionFigure';
import { w2sConfusionChangeFigure, w2sReliabilityFigure, w2sSweepFigure } from './w2sFigures';
import { guidanceSweepGridFigure, guidanceSweepMetricsFigure } from './guidanceSweepFigures';
import { infoGanTraversalFigure } from './infoGanTraversalFigure';
import { measureText } from './textMeasure';

/** Gap between subfigures of a group, in inches. */
export const subfigureGapInches = 0.1;

export async function figureData(spec: FigureSpec, source: ExportSource): Promise<FigureData> {
  switch (spec.kind) {
    case 'metrics': return metricsFigure(spec, source);
    case 'scatter': return scatterFigure(spec, source);
    case 'phase-map': return phaseMapFigure(spec, source);
    case 'class-heatmap': return classHeatmapFigure(spec, source);
    case 'confusion': return confusionFigure(spec, source);
    case 'sample-grid': return sampleGridFigure(spec, source);
    case 'attention': return attentionFigure(spec, source);
    case 'w2s-reliability': return w2sReliabilityFigure(spec, source);
    case 'w2s-confusion-change': return w2sConfusionChangeFigure(spec, source);
    case 'w2s-sweep': return w2sSweepFigure(spec, source);
    case 'guidance-sweep': return guidanceSweepGridFigure(spec, source);
    case 'guidance-sweep-metrics': return guidanceSweepMetricsFigure(spec, source);
    case 'infogan-traversal': return infoGanTraversalFigure(spec, source);
  }
}

/** Width of a figure in inches: its span's width, shared with the other members of its group. */
export function figureInches(pack: PackSpec, figure: FigureSpec): { widthInches: number; fractionOfLine: number } {
  const venue = venuePresets[pack.venue];
  const line = figureWidthInches(venue, figure.span);
  const members = figure.group ? pack.figures.filter((f) => f.group === figure.group).length : 1;
  const widthInches = (line - (members - 1) * subfigureGapInches) / members;
  return { widthInches, fractionOfLine: widthInches / line };
}

export interface RenderedFigure {
  spec: FigureSpec;
  data: FigureData;
  svg: string;
  widthPt: number;
  heightPt: number;
  widthInches: number;
  fractionOfLine: number;
}

const round = (v: number) => Number(v.toFixed(3));

export async function renderFigure(pack: PackSpec, spec: FigureSpec, data: FigureData, font: LoadedFont = loadFont(pack.font)): Promise<RenderedFigure> {
  const venue = venuePresets[pack.venue];
  const { widthInches, fractionOfLine } = figureInches(pack, spec);
  const widthPt = round(widthInches * 72);
  if (data.drawing.type === 'grid') {
    const { svg, heightPt } = await renderGridSvg(data.drawing.rows, data.drawing.columns, widthPt, font, venue.fontPt, { header: data.drawing.header, subheader: data.drawing.subheader, corner: data.drawing.corner, columnGap: data.drawing.columnGap, colorBar: data.drawing.colorBar });
    return { spec, data, svg, widthPt, heightPt, widthInches, fractionOfLine };
  }
  const legend = 'legend' in spec ? spec.legend : 'top';
  const measure = (text: string, size: number) => measureText(font, text, size);
  // `aspect` sizes the plot with a one-row legend; a legend that wraps (narrow subfigures) adds its other rows.
  const heightPt = round(widthPt * spec.aspect + extraLegendHeight(data.drawing.option, { fontPt: venue.fontPt, measure, widthPt, legend }));
  const option = applyFigureTheme(data.drawing.option, {
    fontFamily: font.family,
    fontPt: venue.fontPt,
    lineWidthPt: venue.lineWidthPt,
    markerPt: venue.markerPt,
    heightPt,
    widthPt,
    legend,
    measure,
  });
  return { spec, data, svg: renderChartSvg(option, widthPt, heightPt, font), widthPt, heightPt, widthInches, fractionOfLine };
}
