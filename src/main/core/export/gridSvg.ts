// SVG of a sample grid: one row per generation, its label (generation, FID) at the left in the figure font,
// then the row's tiles as one PNG image (nearest-neighbour upscaled to at least 300 dpi, so every raster and
// PDF viewer shows square pixels). Tiles are lossless PNG; nothing is resampled smoothly.
import sharp from 'sharp';
import type { GridColorBar, GridRow } from './figureModel';
import type { LoadedFont } from './fontFiles';
import { measureText } from './textMeasure';

const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

/** A row's tiles side by side as RGB pixels, each source pixel repeated `scale` times in x and y. */
export function rowMontage(row: GridRow, columns: number, scale: number): { data: Buffer; width: number; height: number } {
  const width = columns * row.width * scale;
  const height = row.height * scale;
  const out = Buffer.alloc(width * height * 3, 255);
  row.tiles.forEach((tile, t) => {
    for (let y = 0; y < height; y++) {
      const sy = Math.floor(y / scale);
      for (let x = 0; x < row.width * scale; x++) {
        const sx = Math.floor(x / scale);
        const i = (sy * row.width + sx) * row.channels;
        const o = (y * width + t * row.width * scale + x) * 3;
        out[o] = tile[i];
        out[o + 1] = row.channels === 3 ? tile[i + 1] : tile[i];
        out[o + 2] = row.channels === 3 ? tile[i + 2] : tile[i];
      }
    }
  });
  return { data: out, width, height };
}

export interface GridLayout { widthPt: number; heightPt: number }

/**
 * Height of the grid drawn `widthPt` wide: square-pixel tiles after the label column (wide enough for every row
 * label and the `corner` text above them), small gaps between rows (and between columns when `columnGap`).
 */
export function gridLayout(rows: readonly GridRow[], columns: number, widthPt: number, font: LoadedFont, fontPt: number, corner = '', columnGap = false): { labelPt: number; tilePt: number; gapPt: number; columnGapPt: number; heightPt: number } {
  const labelPt = Math.max(measureText(font, corner, fontPt * 0.9), ...rows.flatMap((r) => [measureText(font, r.label, fontPt), measureText(font, r.sublabel, fontPt * 0.9)])) + fontPt * 0.6;
  const gapPt = fontPt * 0.25;
  const columnGapPt = columnGap ? gapPt : 0;
  const tilePt = (widthPt - labelPt - (columns - 1) * columnGapPt) / columns;
  const aspect = rows[0].height / rows[0].width;
  return { labelPt, tilePt, gapPt, columnGapPt, heightPt: rows.length * (tilePt * aspect + gapPt) - gapPt };
}

/**
 * Options of a grid: column titles above the tiles (with an optional second, smaller line each), a text above
 * the row labels naming what the columns vary, a colour bar below the tiles, and gaps between the columns (when
 * each column is a grid of its own, e.g. one guidance value).
 */
export interface GridExtras {
  columnGap?: boolean;
  header?: readonly string[];
  subheader?: readonly string[];
  corner?: string;
  colorBar?: GridColorBar;
}

/** Steps of a drawn colour bar (vector rectangles, so every PDF and raster viewer shows the same). */
const colorBarSteps = 64;

export async function renderGridSvg(rows: readonly GridRow[], columns: number, widthPt: number, font: LoadedFont, fontPt: number, extras: GridExtras = {}): Promise<{ svg: string; heightPt: number }> {
  const layout = gridLayout(rows, columns, widthPt, font, fontPt, extras.corner, extras.columnGap);
  const { labelPt, tilePt, gapPt, columnGapPt } = layout;
  const sublinePt = extras.header?.length && extras.subheader?.length ? fontPt * 1.05 : 0;
  const headerPt = extras.header?.length ? fontPt * 1.4 + sublinePt : 0;
  const barPt = fontPt * 0.7;
  const colorBarPt = extras.colorBar ? fontPt * 0.5 + barPt + fontPt * 1.3 : 0;
  const rowPt = tilePt * (rows[0].height / rows[0].width);
  const parts: string[] = [];
  const h = Number((layout.heightPt + headerPt + colorBarPt).toFixed(3));
  const textStyle = (size: number, fill = '#1f2328') => `font-family:${font.family};font-size:${size}px;fill:${fill}`;
  parts.push(`<svg width="${widthPt}pt" height="${h}pt" viewBox="0 0 ${widthPt} ${h}" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1">`);
  parts.push(`<rect width="${widthPt}" height="${h}" fill="#ffffff"/>`);
  extras.header?.forEach((title, c) => {
    if (c >= columns) return;
    const centre = labelPt + c * (tilePt + columnGapPt) + 0.5 * tilePt;
    parts.push(`<text x="${centre.toFixed(3)}" y="${(fontPt * 1.0).toFixed(3)}" text-anchor="middle" style="${textStyle(fontPt)}">${escapeXml(title)}</text>`);
    const sub = extras.subheader?.[c];
    if (sub && sublinePt > 0) parts.push(`<text x="${centre.toFixed(3)}" y="${(fontPt * 1.0 + sublinePt).toFixed(3)}" text-anchor="middle" style="${textStyle(fontPt * 0.9, '#4b5563')}">${escapeXml(sub)}</text>`);
  });
  if (extras.corner && headerPt > 0) parts.push(`<text x="0" y="${(headerPt - fontPt * 0.4).toFixed(3)}" style="${textStyle(fontPt * 0.9, '#4b5563')}">${escapeXml(extras.corner)}</text>`);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    const top = headerPt + r * (rowPt + gapPt);
    const scale = Math.max(1, Math.ceil((tilePt / 72) * 300 / row.width));
    const mid = top + rowPt / 2;
    const style = `font-family:${font.family};font-size:${fontPt}px;fill:#1f2328`;
    parts.push(`<text x="0" y="${(mid - fontPt * 0.15).toFixed(3)}" style="${style}">${escapeXml(row.label)}</text>`);
    if (row.sublabel) parts.push(`<text x="0" y="${(mid + fontPt * 0.95).toFixed(3)}" style="font-family:${font.family};font-size:${fontPt * 0.9}px;fill:#4b5563">${escapeXml(row.sublabel)}</text>`);
    // One image per row, or per tile when the columns have gaps between them.
    const pieces = columnGapPt > 0 ? row.tiles.map((tile, c) => ({ row: { ...row, tiles: [tile] }, columns: 1, x: labelPt + c * (tilePt + columnGapPt) })) : [{ row, columns, x: labelPt }];
    for (const piece of pieces) {
      const montage = rowMontage(piece.row, piece.columns, scale);
      const png = await sharp(montage.data, { raw: { width: montage.width, height: montage.height, channels: 3 } }).png({ compressionLevel: 9, palette: false }).toBuffer();
      parts.push(`<image x="${piece.x.toFixed(3)}" y="${top.toFixed(3)}" width="${(tilePt * piece.columns).toFixed(3)}" height="${rowPt.toFixed(3)}" preserveAspectRatio="none" image-rendering="optimizeSpeed" style="image-rendering:pixelated" xlink:href="data:image/png;base64,${png.toString('base64')}"/>`);
    }
  }
  if (extras.colorBar) parts.push(...colorBarSvg(extras.colorBar, labelPt, headerPt + layout.heightPt + fontPt * 0.5, Math.min(tilePt * columns + columnGapPt * (columns - 1), 144), barPt, fontPt, textStyle));
  parts.push('</svg>');
  return { svg: parts.join('\n'), heightPt: h };
}

/** The colour bar: `colorBarSteps` abutting rectangles from 0 to 1, its end labels under it and its name in the middle. */
function colorBarSvg(bar: GridColorBar, x: number, y: number, width: number, height: number, fontPt: number, textStyle: (size: number, fill?: string) => string): string[] {
  const out: string[] = [];
  const step = width / colorBarSteps;
  for (let i = 0; i < colorBarSteps; i++) {
    const [r, g, b] = bar.color((i + 0.5) / colorBarSteps);
    // Each rectangle overlaps the next by a hair, so no viewer shows seams between them.
    out.push(`<rect x="${(x + i * step).toFixed(3)}" y="${y.toFixed(3)}" width="${(step + (i < colorBarSteps - 1 ? 0.05 : 0)).toFixed(3)}" height="${height.toFixed(3)}" fill="rgb(${r},${g},${b})"/>`);
  }
  out.push(`<rect x="${x.toFixed(3)}" y="${y.toFixed(3)}" width="${width.toFixed(3)}" height="${height.toFixed(3)}" fill="none" stroke="#6b7280" stroke-width="0.4"/>`);
  const baseline = (y + height + fontPt * 1.05).toFixed(3);
  out.push(`<text x="${x.toFixed(3)}" y="${baseline}" style="${textStyle(fontPt * 0.9, '#4b5563')}">${escapeXml(bar.low)}</text>`);
  out.push(`<text x="${(x + width / 2).toFixed(3)}" y="${baseline}" text-anchor="middle" style="${textStyle(fontPt * 0.9, '#4b5563')}">${escapeXml(bar.label)}</text>`);
  out.push(`<text x="${(x + width).toFixed(3)}" y="${baseline}" text-anchor="end" style="${textStyle(fontPt * 0.9, '#4b5563')}">${escapeXml(bar.high)}</text>`);
  return out;
}
