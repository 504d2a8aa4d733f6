// Checks a UNet config against what the architecture can build (levels that halve the image evenly, group
// counts that divide every width) and derives the widths, so both networks fail early with the field named.
import type { UnetConfig } from '@shared/config/models/unetConfig';
import { WorkbenchError } from '@shared/errors';

export interface UnetShape {
  size: number;
  /** Channels of each level [L]. */
  widths: number[];
  /** Time-(and class-)embedding size, 4 × width. */
  embDim: number;
}

/** @throws WorkbenchError('invalid-input') naming the field (`model.…`) that cannot be built */
export function unetShape(config: UnetConfig, what = 'model'): UnetShape {
  const size = Number(config.imageSize);
  const levels = config.channelMultipliers.length;
  if (levels < 1) throw new WorkbenchError('invalid-input', `${what}.channelMultipliers: needs at least one level`, { field: `${what}.channelMultipliers` });
  const lowest = size / 2 ** (levels - 1);
  if (!Number.isInteger(lowest) || lowest < 2) {
    throw new WorkbenchError('invalid-input', `${what}.channelMultipliers: ${levels} levels halve a ${size} × ${size} image to ${lowest}, not a whole size ≥ 2 (at most ${size === 28 ? 3 : 4} levels)`, { field: `${what}.channelMultipliers`, levels, imageSize: size });
  }
  if (config.width % 2 !== 0) throw new WorkbenchError('invalid-input', `${what}.width: must be even (the sinusoidal time embedding has width entries), got ${config.width}`, { field: `${what}.width` });
  const widths = config.channelMultipliers.map((m) => m * config.width);
  for (const w of widths) {
    if (w % config.groups !== 0) throw new WorkbenchError('invalid-input', `${what}.groups: ${config.groups} groups do not divide the level width ${w}`, { field: `${what}.groups`, groups: config.groups, width: w });
  }
  return { size, widths, embDim: 4 * config.width };
}
