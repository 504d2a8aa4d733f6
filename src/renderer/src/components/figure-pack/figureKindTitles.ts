// What each figure kind is called on the Figure pack page.
import type { FigureKind } from '@shared/figures/packSpec';

export const figureKindTitles: Record<FigureKind, string> = {
  metrics: 'metric curves',
  scatter: 'Gaussian scatter',
  'phase-map': 'phase map',
  'class-heatmap': 'class × generation heatmap',
  confusion: 'confusion matrix',
  'sample-grid': 'sample grid',
};
