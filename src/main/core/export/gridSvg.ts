// SVG of a sample grid: one row per generation, its label (generation, FID) at the left in the figure font,
// then the row's tiles as one PNG image (nearest-neighbour upscaled to at least 300 dpi, so every raster and
// PDF viewer shows square pixels). Tiles are lossless PNG; nothing is resampled smoothly.
import sharp from 'sharp';
import type { GridRow } from './figureModel';
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

/** Height of the grid drawn `widthPt` wide: square-pixel tiles after the label column, small gaps between rows. */
export function gridLayout(rows: readonly GridRow[], columns: number, widthPt: number, font: LoadedFont, fontPt: number): { labelPt: number; tilePt: number; gapPt: number; heightPt: number } {
  const labelPt = Math.max(...rows.flatMap((r) => [measureText(font, r.label, fontPt), measureText(font, r.sublabel, fontPt * 0.9)])) + fontPt * 0.6;
  const tilePt = (widthPt - labelPt) / columns;
  const aspect = rows[0].height / rows[0].width;
  const gapPt = fontPt * 0.25;
  return { labelPt, tilePt, gapPt, heightPt: rows.length * (tilePt * aspect + gapPt) - gapPt };
}

export async function renderGridSvg(rows: readonly GridRow[], columns: number, widthPt: number, font: LoadedFont, fontPt: number): Promise<{ svg: string; heightPt: number }> {
  const { labelPt, tilePt, gapPt, heightPt } = gridLayout(rows, columns, widthPt, font, fontPt);
  const rowPt = tilePt * (rows[0].height / rows[0].width);
  const parts: string[] = [];
  const h = Number(heightPt.toFixed(3));
  parts.push(`<svg width="${widthPt}pt" height="${h}pt" viewBox="0 0 ${widthPt} ${h}" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1">`);
  parts.push(`<rect width="${widthPt}" height="${h}" fill="#ffffff"/>`);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    const top = r * (rowPt + gapPt);
    const scale = Math.max(1, Math.ceil((tilePt / 72) * 300 / row.width));
    const montage = rowMontage(row, columns, scale);
    const png = await sharp(montage.data, { raw: { width: montage.width, height: montage.height, channels: 3 } }).png({ compressionLevel: 9, palette: false }).toBuffer();
    const mid = top + rowPt / 2;
    const style = `font-family:${font.family};font-size:${fontPt}px;fill:#1f2328`;
    parts.push(`<text x="0" y="${(mid - fontPt * 0.15).toFixed(3)}" style="${style}">${escapeXml(row.label)}</text>`);
    if (row.sublabel) parts.push(`<text x="0" y="${(mid + fontPt * 0.95).toFixed(3)}" style="font-family:${font.family};font-size:${fontPt * 0.9}px;fill:#4b5563">${escapeXml(row.sublabel)}</text>`);
    const w = (tilePt * columns).toFixed(3);
    parts.push(`<image x="${labelPt.toFixed(3)}" y="${top.toFixed(3)}" width="${w}" height="${rowPt.toFixed(3)}" preserveAspectRatio="none" image-rendering="optimizeSpeed" style="image-rendering:pixelated" xlink:href="data:image/png;base64,${png.toString('base64')}"/>`);
  }
  parts.push('</svg>');
  return { svg: parts.join('\n'), heightPt: h };
}
