// Decodes one image file to raw pixels: PNG, JPEG, WebP, GIF (first frame) and TIFF through sharp, BMP
// through bmp.ts. Alpha is composited over black; output is gray (1 channel) or RGB (3), 8-bit.
import { readFile, stat } from 'node:fs/promises';
import sharp from 'sharp';
import { WorkbenchError } from '@shared/errors';
import { asFileError, fileError } from '../importErrors';
import type { ImportLimits } from '../importOptions';
import { BmpError, decodeBmp, isBmp, type DecodedPixels } from './bmp';

export const imageExtensions = ['.png', '.jpg', '.jpeg', '.webp', '.gif', '.bmp', '.tif', '.tiff'];

export function isImageName(name: string): boolean {
  const lower = name.toLowerCase();
  return imageExtensions.some((ext) => lower.endsWith(ext));
}

/** The container format from the first bytes, so SVG, HEIF, PDF… never reach a decoder. */
export function sniffImageFormat(head: Uint8Array): 'png' | 'jpeg' | 'gif' | 'webp' | 'tiff' | 'bmp' | null {
  const b = Buffer.from(head.buffer, head.byteOffset, Math.min(head.byteLength, 12));
  if (b.length >= 8 && b.readUInt32BE(0) === 0x89504e47) return 'png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 4 && b.toString('latin1', 0, 4) === 'GIF8') return 'gif';
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  if (b.length >= 4 && (b.toString('latin1', 0, 4) === 'II*\0' || b.toString('latin1', 0, 4) === 'MM\0*')) return 'tiff';
  if (isBmp(b)) return 'bmp';
  return null;
}

/**
 * Decodes the file at `path` (a Buffer path keeps names that are not UTF-8 intact). `channels` asks for
 * 1 or 3 channels directly (one sharp call); without it the image's own (gray or RGB) is kept.
 */
export async function decodeImageFile(path: string | Buffer, limits: Pick<ImportLimits, 'maxImageFileBytes' | 'maxImagePixels'>, channels?: 1 | 3): Promise<DecodedPixels> {
  const size = await stat(path).then((s) => s.size, (e) => Promise.reject(asFileError(path, e)));
  if (size === 0) throw fileError(path, 'is empty (0 bytes), not an image');
  if (size > limits.maxImageFileBytes) throw fileError(path, `is ${size} bytes, over the ${limits.maxImageFileBytes}-byte limit for one image`);
  const data = await readFile(path).catch((e) => Promise.reject(asFileError(path, e)));
  return decodeImageBuffer(data, path, limits.maxImagePixels, channels);
}

export async function decodeImageBuffer(data: Buffer, path: string | Buffer, maxPixels: number, channels?: 1 | 3): Promise<DecodedPixels> {
  const format = sniffImageFormat(data);
  if (!format) throw fileError(path, 'is not an image in a supported format (PNG, JPEG, WebP, GIF, BMP, TIFF)');
  if (format === 'bmp') {
    try {
      return decodeBmp(data, maxPixels);
    } catch (error) {
      if (error instanceof BmpError) throw fileError(path, error.message);
      throw error;
    }
  }
  try {
    const image = sharp(data, { limitInputPixels: maxPixels, failOn: 'warning' });
    let gray = channels === 1;
    if (!channels) {
      const meta = await image.metadata();
      gray = (meta.channels ?? 3) - (meta.hasAlpha ? 1 : 0) === 1;
    }
    // flatten() composites alpha over black and leaves images without alpha as they are.
    const { data: pixels, info } = await image
      .autoOrient()
      .flatten({ background: { r: 0, g: 0, b: 0 } })
      .toColourspace(gray ? 'b-w' : 'srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 1 && info.channels !== 3) throw fileError(path, `decoded to ${info.channels} channels; expected 1 or 3`);
    return { pixels: new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.length), height: info.height, width: info.width, channels: info.channels };
  } catch (error) {
    if (error instanceof WorkbenchError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    if (/pixel limit/i.test(message)) throw fileError(path, `has more pixels than the ${maxPixels}-pixel limit (decompression-bomb guard)`);
    throw fileError(path, `is corrupt or truncated and cannot be decoded (${message.trim()})`, { cause: message });
  }
}
