// A small BMP decoder, because the sharp build here has no BMP loader: uncompressed 1/4/8-bit palette and
// 24/32-bit BI_RGB/BI_BITFIELDS files (what image tools write for datasets); every offset bounds-checked.

export interface DecodedPixels {
  /** height×width×channels uint8, row-major, top row first. */
  pixels: Uint8Array;
  height: number;
  width: number;
  channels: 1 | 3;
}

export class BmpError extends Error {}

export function isBmp(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x42 && head[1] === 0x4d; // "BM"
}

function maskShift(mask: number): { shift: number; scale: number } {
  if (!mask) return { shift: 0, scale: 0 };
  let shift = 0;
  while (((mask >>> shift) & 1) === 0) shift++;
  const max = mask >>> shift;
  return { shift, scale: 255 / max };
}

/** Decodes a BMP; throws BmpError with the problem (the caller names the file). */
export function decodeBmp(buf: Buffer, maxPixels: number): DecodedPixels {
  const need = (end: number, what: string): void => {
    if (end > buf.length) throw new BmpError(`is corrupt: ${what} ends beyond the file (${buf.length} bytes)`);
  };
  need(26, 'the BMP header');
  const dataOffset = buf.readUInt32LE(10);
  const dibSize = buf.readUInt32LE(14);
  if (dibSize < 40) throw new BmpError(`uses an OS/2 BMP header (${dibSize} bytes), which is not supported`);
  need(14 + 40, 'the BMP info header');
  const width = buf.readInt32LE(18);
  const rawHeight = buf.readInt32LE(22);
  const bpp = buf.readUInt16LE(28);
  const compression = buf.readUInt32LE(30);
  const height = Math.abs(rawHeight);
  const topDown = rawHeight < 0;
  if (width <= 0 || height === 0) throw new BmpError(`declares a ${width}×${height} image`);
  if (width * height > maxPixels) throw new BmpError(`declares ${width}×${height} pixels, over the ${maxPixels}-pixel limit`);
  if (![1, 4, 8, 24, 32].includes(bpp)) throw new BmpError(`has ${bpp} bits per pixel; supported: 1, 4, 8, 24, 32`);
  if (compression !== 0 && !(compression === 3 && bpp === 32)) {
    throw new BmpError(`uses BMP compression ${compression} (RLE or other); only uncompressed BMP is supported`);
  }
  let masks = { r: 0x00ff0000, g: 0x0000ff00, b: 0x000000ff };
  if (compression === 3) {
    need(14 + 52, 'the BMP colour masks');
    masks = { r: buf.readUInt32LE(54), g: buf.readUInt32LE(58), b: buf.readUInt32LE(62) };
  }
  let palette: Uint8Array | null = null;
  let gray = false;
  if (bpp <= 8) {
    const used = buf.readUInt32LE(46) || 1 << bpp;
    const start = 14 + dibSize;
    need(start + used * 4, 'the BMP palette');
    palette = new Uint8Array(used * 3);
    gray = true;
    for (let i = 0; i < used; i++) {
      const b = buf[start + 4 * i], g = buf[start + 4 * i + 1], r = buf[start + 4 * i + 2];
      palette.set([r, g, b], 3 * i);
      if (r !== g || g !== b) gray = false;
    }
  }
  const stride = Math.floor((bpp * width + 31) / 32) * 4;
  need(dataOffset + stride * height, 'the pixel data');
  const channels: 1 | 3 = gray ? 1 : 3;
  const out = new Uint8Array(width * height * channels);
  const mr = maskShift(masks.r), mg = maskShift(masks.g), mb = maskShift(masks.b);
  for (let y = 0; y < height; y++) {
    const row = dataOffset + (topDown ? y : height - 1 - y) * stride;
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * channels;
      if (palette) {
        const bit = x * bpp;
        const byte = buf[row + (bit >> 3)];
        const index = bpp === 8 ? byte : (byte >> (8 - bpp - (bit & 7))) & ((1 << bpp) - 1);
        if (3 * index + 2 >= palette.length) throw new BmpError(`is corrupt: palette index ${index} beyond the ${palette.length / 3}-entry palette`);
        if (gray) out[o] = palette[3 * index];
        else out.set(palette.subarray(3 * index, 3 * index + 3), o);
      } else if (bpp === 24) {
        const p = row + 3 * x;
        out[o] = buf[p + 2];
        out[o + 1] = buf[p + 1];
        out[o + 2] = buf[p];
      } else {
        const v = buf.readUInt32LE(row + 4 * x);
        out[o] = Math.round(((v & masks.r) >>> mr.shift) * mr.scale);
        out[o + 1] = Math.round(((v & masks.g) >>> mg.shift) * mg.scale);
        out[o + 2] = Math.round(((v & masks.b) >>> mb.shift) * mb.scale);
      }
    }
  }
  return { pixels: out, height, width, channels };
}
