// SVG → PNG at 300 dpi with resvg (the figure font's TTF files; no system fonts, so the
// raster matches the PDF), then a pHYs chunk so the file itself says 300 dpi (resvg writes none).
import { crc32 } from 'node:zlib';
import { Resvg } from '@resvg/resvg-js';
import type { LoadedFont } from './fontFiles';

export const exportDpi = 300;

/** `png` with a pHYs chunk (pixels per metre for `dpi`, both axes) right after IHDR; an existing one is replaced. */
export function withPngDpi(png: Buffer, dpi: number): Buffer {
  const signature = 8;
  const ihdrEnd = signature + 8 + 13 + 4;
  if (png.toString('latin1', 12, 16) !== 'IHDR') throw new Error('not a PNG: IHDR missing');
  const chunks: Buffer[] = [png.subarray(0, ihdrEnd)];
  const ppm = Math.round(dpi / 0.0254);
  const body = Buffer.alloc(13);
  body.write('pHYs', 0, 'latin1');
  body.writeUInt32BE(ppm, 4);
  body.writeUInt32BE(ppm, 8);
  body[12] = 1; // unit: metre
  const chunk = Buffer.alloc(4 + 13 + 4);
  chunk.writeUInt32BE(9, 0);
  body.copy(chunk, 4);
  chunk.writeUInt32BE(crc32(body), 17);
  chunks.push(chunk);
  let at = ihdrEnd;
  while (at < png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const end = at + 12 + length;
    if (type !== 'pHYs') chunks.push(png.subarray(at, end));
    at = end;
  }
  return Buffer.concat(chunks);
}

/** PNG of the SVG, `widthInches × dpi` pixels wide, with its dpi recorded. */
export function svgToPng(svg: string, widthInches: number, font: LoadedFont, dpi = exportDpi): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: Math.round(widthInches * dpi) },
    background: '#ffffff',
    font: { fontFiles: [font.files.regular, font.files.bold, font.files.italic], loadSystemFonts: false, defaultFontFamily: font.family },
  });
  return withPngDpi(resvg.render().asPng(), dpi);
}
