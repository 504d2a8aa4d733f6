// What a figure source produces for one figure spec: the drawing (a chart option for ECharts, or the rows of a
// sample grid), the exact numbers drawn as a long CSV table, and where they came from (for the manifest).
import type { ChartOption } from '@shared/charts/chartOption';

/** One labelled row of a sample grid: `columns` tiles of height×width×channels uint8 (HWC, row-major). */
export interface GridRow {
  label: string;
  sublabel: string;
  tiles: Uint8Array[];
  height: number;
  width: number;
  channels: 1 | 3;
}

/** A horizontal colour bar under a grid (attention maps): the colour at 0…1 and the labels of its two ends. */
export interface GridColorBar {
  label: string;
  low: string;
  high: string;
  color(v: number): [number, number, number];
}

export type Drawing =
  | { type: 'chart'; option: ChartOption }
  | { type: 'grid'; rows: GridRow[]; columns: number; header?: string[]; subheader?: string[]; corner?: string; columnGap?: boolean; colorBar?: GridColorBar };

export interface CsvTable {
  header: string[];
  rows: Array<Array<string | number>>;
}

export interface RunProvenance {
  id: string;
  name: string;
  kind: string;
  /** sha256 of the run's resolved config as canonical JSON. */
  configHash: string;
  seed: number;
  /** Monte-Carlo seeds averaged (gaussian-loop), else 1. */
  seeds: number;
  datasets: Record<string, string | null>;
  status: string;
}

export interface FigureProvenance {
  runs: RunProvenance[];
  metricKeys: string[];
  steps: number[];
  aggregation: string;
  artifacts: string[];
}

export interface FigureData {
  drawing: Drawing;
  csv: CsvTable;
  provenance: Omit<FigureProvenance, 'runs'> & { runIds: string[] };
}
