// Text widths from the real font, for ECharts' layout without a canvas (server-side rendering guesses widths
// otherwise, and legends and labels end up overlapping or spaced wrong) and for the sample grids' row labels.
import type { LoadedFont } from './fontFiles';

const widthCache = new Map<string, number>();

/** Width in points of `text` at `sizePt` in the font's regular (or bold) face, from its glyph advances. */
export function measureText(font: LoadedFont, text: string, sizePt: number, bold = false): number {
  const key = `${font.id}|${bold ? 'b' : 'r'}|${text}`;
  let em = widthCache.get(key);
  if (em === undefined) {
    const face = bold ? font.bold : font.metrics;
    em = face.layout(text).advanceWidth / face.unitsPerEm;
    if (widthCache.size > 50_000) widthCache.clear();
    widthCache.set(key, em);
  }
  return em * sizePt;
}

/** Size in px and weight from a CSS font shorthand as ECharts passes it ("bold 8px Tinos", "normal normal 8px Tinos"). */
export function parseCssFont(css: string | undefined): { sizePx: number; bold: boolean } {
  const size = /(\d+(?:\.\d+)?)px/.exec(css ?? '');
  return { sizePx: size ? Number(size[1]) : 12, bold: /\b(bold|[6-9]00)\b/.test(css ?? '') };
}
