// Brings every imported image to one geometry: the target size (given, or the first image's) and channel
// count (keep / grayscale / RGB). Mismatched sizes are resized with sharp or refused, by the user's policy.
import sharp from 'sharp';
import type { ImageLayout } from './datasetFormat';
import { fileError } from './importErrors';
import type { ImportOptions } from './importOptions';
import type { RawBatch } from './importers/types';

/** RGB → gray uses ITU-R BT.601 luma, rounded: 0.299 R + 0.587 G + 0.114 B; gray → RGB repeats. */
export function convertChannels(pixels: Uint8Array, from: 1 | 3, to: 1 | 3): Uint8Array {
  if (from === to) return pixels;
  if (from === 1) {
    const out = new Uint8Array(pixels.length * 3);
    for (let i = 0, o = 0; i < pixels.length; i++, o += 3) out[o] = out[o + 1] = out[o + 2] = pixels[i];
    return out;
  }
  const out = new Uint8Array(pixels.length / 3);
  for (let o = 0, i = 0; o < out.length; o++, i += 3) {
    out[o] = Math.round(0.299 * pixels[i] + 0.587 * pixels[i + 1] + 0.114 * pixels[i + 2]);
  }
  return out;
}

/** Resizes one h×w×c uint8 image to th×tw×c with sharp (Lanczos-3; fit as in sharp's resize). */
export async function resizeImage(
  pixels: Uint8Array, height: number, width: number, channels: 1 | 3,
  targetHeight: number, targetWidth: number, fit: ImportOptions['fit'],
): Promise<Uint8Array> {
  const input = Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength);
  const out = await sharp(input, { raw: { width, height, channels } })
    .resize(targetWidth, targetHeight, { fit, background: { r: 0, g: 0, b: 0 } })
    .toColourspace(channels === 1 ? 'b-w' : 'srgb')
    .raw()
    .toBuffer();
  if (out.length !== targetHeight * targetWidth * channels) throw new Error(`resize produced ${out.length} bytes`);
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

export class ImageNormalizer {
  /** The target geometry, fixed by the options and the first batch. */
  layout: ImageLayout | null = null;
  resized = 0;
  channelConverted = 0;

  constructor(private readonly options: Pick<ImportOptions, 'size' | 'channels' | 'resizePolicy' | 'fit'>) {}

  private fixLayout(batch: RawBatch): ImageLayout {
    if (!this.layout) {
      const { size, channels } = this.options;
      this.layout = {
        kind: 'images',
        height: size?.height ?? batch.height,
        width: size?.width ?? batch.width,
        channels: channels === 'grayscale' ? 1 : channels === 'rgb' ? 3 : batch.channels,
      };
    }
    return this.layout;
  }

  /** The batch's pixels in the target layout (the same array when nothing changes). */
  async normalize(batch: RawBatch): Promise<Uint8Array> {
    const target = this.fixLayout(batch);
    const sameSize = batch.height === target.height && batch.width === target.width;
    if (sameSize && batch.channels === target.channels) return batch.pixels;
    if (!sameSize && this.options.resizePolicy === 'reject') {
      throw fileError(batch.origin(0), `is ${batch.width}×${batch.height} but the dataset is ${target.width}×${target.height} and the resize policy is "reject"`, {
        size: { width: batch.width, height: batch.height },
        expected: { width: target.width, height: target.height },
      });
    }
    const inSize = batch.height * batch.width * batch.channels;
    const outSize = target.height * target.width * target.channels;
    const out = new Uint8Array(batch.count * outSize);
    for (let i = 0; i < batch.count; i++) {
      let image = convertChannels(batch.pixels.subarray(i * inSize, (i + 1) * inSize), batch.channels, target.channels);
      if (!sameSize) image = await resizeImage(image, batch.height, batch.width, target.channels, target.height, target.width, this.options.fit);
      out.set(image, i * outSize);
    }
    if (!sameSize) this.resized += batch.count;
    if (batch.channels !== target.channels) this.channelConverted += batch.count;
    return out;
  }

  notes(): string[] {
    const notes: string[] = [];
    const t = this.layout;
    if (t && this.resized) notes.push(`${this.resized} images resized to ${t.width}×${t.height} (fit: ${this.options.fit})`);
    if (t && this.channelConverted) notes.push(`${this.channelConverted} images converted to ${t.channels === 1 ? 'grayscale' : 'RGB'}`);
    return notes;
  }
}
