// Turns a sample-grid artifact into what the views draw: an ImageSource for ImageGrid (pixels decoded from
// base64, optionally only the first n samples), the points of a 2-D grid, and a sample's caption.
import type { SampleGrid } from '@shared/contract/neuralArtifacts';
import { batchSource, decodeBase64, type ImageSource } from './imageSource';

/** Whether the grid holds 2-D points instead of images. */
export function isPointGrid(grid: SampleGrid): boolean {
  return grid.points !== undefined && (grid.height === 0 || grid.pixels === undefined);
}

/** The grid's images as an ImageSource (the first `limit` samples when given); null for a point grid. */
export function gridSource(grid: SampleGrid, limit?: number): ImageSource | null {
  if (isPointGrid(grid) || grid.pixels === undefined) return null;
  if (grid.channels !== 1 && grid.channels !== 3) throw new Error(`sample grid has ${grid.channels} channels; 1 or 3 can be drawn`);
  const size = grid.height * grid.width * grid.channels;
  const n = Math.min(grid.count, limit ?? grid.count);
  const images = decodeBase64(grid.pixels).subarray(0, n * size);
  const labels = grid.labels ?? grid.predicted ?? undefined;
  return batchSource(images, { n, height: grid.height, width: grid.width, channels: grid.channels }, labels?.slice(0, n));
}

/** The grid's 2-D points as [x, y] pairs (the first `limit` when given). */
export function gridPoints(grid: SampleGrid, limit?: number): Array<[number, number]> {
  const flat = grid.points ?? [];
  const n = Math.min(Math.floor(flat.length / 2), limit ?? Infinity);
  const out: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) out.push([flat[2 * i], flat[2 * i + 1]]);
  return out;
}

export interface ClassLayout {
  /** Columns to draw the grid with. */
  columns: number;
  /** 'column': sample i is class i mod K (one class per column); 'row': runs of `columns` samples per class. */
  by: 'column' | 'row';
  /** Class name of each column (by column) or of each row (by row). */
  names: string[];
}

/**
 * How a conditional grid is ordered by class, so it can be drawn one class per column (the loop's grids
 * cycle through the classes) or per row (train-model's grids give each class a row); null when the labels
 * follow neither pattern.
 */
export function classLayout(grid: SampleGrid): ClassLayout | null {
  const labels = grid.labels;
  if (!labels || labels.length < 2) return null;
  const k = grid.classNames?.length ?? Math.max(...labels) + 1;
  if (k < 2) return null;
  const name = (c: number) => grid.classNames?.[c] ?? String(c);
  if (k <= labels.length && labels.every((label, i) => label === i % k)) {
    return { columns: k, by: 'column', names: Array.from({ length: k }, (_, c) => name(c)) };
  }
  let run = 1;
  while (run < labels.length && labels[run] === labels[0]) run++;
  if (run < 2 || run === labels.length || !labels.every((label, i) => label === Math.floor(i / run) % k)) return null;
  const rows = Math.ceil(labels.length / run);
  return { columns: run, by: 'row', names: Array.from({ length: rows }, (_, r) => name(labels[r * run])) };
}

function className(grid: SampleGrid, k: number | undefined): string | null {
  if (k === undefined || k < 0) return null;
  return grid.classNames?.[k] ?? String(k);
}

/** "drawn as circle · classified as square" for sample `index`, or '' when the grid has no labels. */
export function sampleCaption(grid: SampleGrid, index: number): string {
  const parts: string[] = [];
  const label = className(grid, grid.labels?.[index]);
  const predicted = className(grid, grid.predicted?.[index]);
  if (label !== null) parts.push(`drawn as ${label}`);
  if (predicted !== null) parts.push(`classified as ${predicted}`);
  return parts.join(' · ');
}
