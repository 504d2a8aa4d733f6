// What each figure kind is called on the Figure pack page.
import type { FigureKind } from '@shared/figures/packSpec';

export const figureKindTitles: Record<FigureKind, string> = {
  metrics: 'metric curves',
  scatter: 'Gaussian scatter',
  'phase-map': 'phase map',
  'class-heatmap': 'class × generation heatmap',
  confusion: 'confusion matrix',
  'sample-grid': 'sample grid',
  attention: 'attention maps',
  'w2s-reliability': 'reliability diagram',
  'w2s-confusion-change': 'confusion change (student − weak)',
  'w2s-sweep': 'weak-to-strong sweep',
  'guidance-sweep': 'guidance sweep grids',
  'guidance-sweep-metrics': 'guidance sweep metrics',
  'infogan-traversal': 'InfoGAN latent traversal',
};
