// Colours of the charts: one per overlaid run (Tableau 10, readable on white and for most colour-vision
// types) and the diverging scale of the phase map.
export const runColors = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

export function runColor(index: number): string {
  return runColors[index % runColors.length];
}

/** Low → 1 → high for n_e / n_r: red where synthetic data hurt, white at 1, blue where it helped. */
export const divergingColors = ['#b2182b', '#ef8a62', '#fddbc7', '#f7f7f7', '#d1e5f0', '#67a9cf', '#2166ac'];

export const axisColor = '#6b7280';
export const gridLineColor = '#e5e7eb';
