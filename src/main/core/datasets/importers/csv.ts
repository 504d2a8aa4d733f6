// CSV importer (Kaggle MNIST layout): one image per row, an optional label column plus pixel columns
// (integers 0–255, HWC order), header optional. Streams lines; a first pass only counts rows.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { asFileError, fileError } from '../importErrors';
import type { ImportOptions } from '../importOptions';
import { BATCH_ITEMS, type Importer, type RawBatch } from './types';

const LABEL_NAMES = ['label', 'labels', 'class', 'target', 'y'];

function lines(path: string): AsyncIterable<string> {
  return createInterface({ input: createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 }), crlfDelay: Infinity });
}

function cells(line: string): string[] {
  return line.split(',').map((c) => {
    const t = c.trim();
    return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).trim() : t;
  });
}

const isNumber = (s: string): boolean => s !== '' && Number.isFinite(Number(s));

interface Geometry {
  height: number;
  width: number;
  channels: 1 | 3;
}

function squareGeometry(pixels: number): Geometry | null {
  const s = Math.round(Math.sqrt(pixels));
  if (s * s === pixels) return { height: s, width: s, channels: 1 };
  const s3 = Math.round(Math.sqrt(pixels / 3));
  if (pixels % 3 === 0 && s3 * s3 * 3 === pixels) return { height: s3, width: s3, channels: 3 };
  return null;
}

function geometryFor(path: string, pixels: number, o: ImportOptions['csv']): Geometry {
  if (o.height !== undefined || o.width !== undefined) {
    if (o.height === undefined || o.width === undefined) throw fileError(path, 'needs both csv.height and csv.width');
    const channels = o.channels ?? (pixels === o.height * o.width * 3 ? 3 : 1);
    if (o.height * o.width * channels !== pixels) {
      throw fileError(path, `has ${pixels} pixel columns, which do not make ${o.height}×${o.width}×${channels} images`);
    }
    return { height: o.height, width: o.width, channels };
  }
  const g = squareGeometry(pixels);
  if (!g) throw fileError(path, `has ${pixels} pixel columns, not a square image; set csv.height and csv.width`);
  return g;
}

/** Which column holds the label (−1 = none), from the option, the header, or the column count. */
function labelColumnFor(path: string, header: string[] | null, columns: number, o: ImportOptions['csv']): number {
  const choice = o.labelColumn;
  if (choice === 'none') return -1;
  if (typeof choice === 'number') {
    if (choice >= columns) throw fileError(path, `has ${columns} columns; label column ${choice} does not exist`);
    return choice;
  }
  if (choice !== 'auto') {
    const index = header ? header.findIndex((h) => h.toLowerCase() === choice.toLowerCase()) : -1;
    if (index < 0) throw fileError(path, header ? `has no column named "${choice}"` : `has no header, so no column named "${choice}"`);
    return index;
  }
  const named = header ? header.findIndex((h) => LABEL_NAMES.includes(h.toLowerCase())) : -1;
  if (named >= 0) return named;
  if (o.height !== undefined && o.width !== undefined) {
    const hw = o.height * o.width;
    const sizes = o.channels ? [hw * o.channels] : [hw, hw * 3];
    return sizes.includes(columns - 1) && !sizes.includes(columns) ? 0 : -1;
  }
  return squareGeometry(columns - 1) && !squareGeometry(columns) ? 0 : -1;
}

export const openCsv: Importer = async ({ path, options, signal }) => {
  let header: string[] | null = null;
  let columns = 0;
  let rows = 0;
  try {
    for await (const line of lines(path)) {
      if (!line.trim()) continue;
      if (!columns) {
        const first = cells(line.replace(/^\uFEFF/, ''));
        columns = first.length;
        if (first.some((c) => !isNumber(c))) {
          header = first;
          continue;
        }
      }
      rows++;
      if ((rows & 0xffff) === 0) signal.throwIfAborted();
    }
  } catch (error) {
    throw asFileError(path, error);
  }
  if (!rows) throw fileError(path, 'has no data rows');
  const labelColumn = labelColumnFor(path, header, columns, options.csv);
  const geometry = geometryFor(path, columns - (labelColumn >= 0 ? 1 : 0), options.csv);
  const size = geometry.height * geometry.width * geometry.channels;
  const columnName = (c: number): string => (header ? `column ${c + 1} ("${header[c]}")` : `column ${c + 1}`);

  return {
    format: 'csv',
    description: `CSV ${path}: ${rows} rows of ${geometry.height}×${geometry.width}×${geometry.channels}${labelColumn >= 0 ? `, labels in ${columnName(labelColumn)}` : ', unlabelled'}`,
    total: rows,
    labelled: labelColumn >= 0,
    classNames: null,
    notes: [header ? 'first row read as a header' : 'no header row'],
    async *batches() {
      let pixels = new Uint8Array(BATCH_ITEMS * size);
      let labels = new Int32Array(BATCH_ITEMS);
      let n = 0;
      let start = 0;
      let lineNo = 0;
      let headerSkipped = header === null;
      const flush = (): RawBatch => {
        const batchStart = start;
        const batch: RawBatch = {
          split: 'train', count: n, ...geometry, pixels: pixels.subarray(0, n * size),
          labels: labelColumn >= 0 ? labels.subarray(0, n) : null,
          origin: (i) => `${path} (row ${batchStart + i + 1})`,
        };
        start += n;
        n = 0;
        pixels = new Uint8Array(BATCH_ITEMS * size);
        labels = new Int32Array(BATCH_ITEMS);
        return batch;
      };
      try {
        for await (const line of lines(path)) {
          lineNo++;
          if (!line.trim()) continue;
          if (!headerSkipped) {
            headerSkipped = true;
            continue;
          }
          const row = cells(lineNo === 1 ? line.replace(/^\uFEFF/, '') : line);
          if (row.length !== columns) {
            throw fileError(path, `line ${lineNo} has ${row.length} columns, expected ${columns} (ragged row)`, { line: lineNo, columns: row.length, expected: columns });
          }
          let p = n * size;
          for (let c = 0; c < columns; c++) {
            const text = row[c];
            const value = Number(text);
            if (c === labelColumn) {
              if (text === '' || !Number.isInteger(value) || value < 0 || value > 2 ** 31 - 1) {
                throw fileError(path, `line ${lineNo}, ${columnName(c)}: "${text}" is not a label (a non-negative integer)`, { line: lineNo, column: c + 1 });
              }
              labels[n] = value;
            } else {
              if (text === '' || !Number.isInteger(value) || value < 0 || value > 255) {
                throw fileError(path, `line ${lineNo}, ${columnName(c)}: "${text}" is not a pixel value (an integer 0–255)`, { line: lineNo, column: c + 1 });
              }
              pixels[p++] = value;
            }
          }
          if (++n === BATCH_ITEMS) yield flush();
        }
      } catch (error) {
        throw asFileError(path, error);
      }
      if (n) yield flush();
    },
  };
};
