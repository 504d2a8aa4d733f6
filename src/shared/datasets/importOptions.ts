// What a researcher chooses at import (name, size, channels, split, class names, format-specific knobs)
// and the hostile-input caps, as one zod schema with defaults. Pure zod, so the API contract can reuse it.
import { z } from 'zod';
import { knownClassSetNames, type KnownClassSet } from './knownClasses';

export const sourceFormats = ['idx', 'image-folder', 'zip', 'csv', 'npy', 'npz', 'cifar'] as const;
export type SourceFormat = (typeof sourceFormats)[number];

const MiB = 1024 * 1024;

export const importLimitsSchema = z.strictObject({
  /** ZIP: most entries accepted (counted as they are read, not trusted from the header). */
  maxZipEntries: z.number().int().min(1).default(200_000),
  /** ZIP / NPZ: most bytes inflated in total, counted on the actual inflated stream. */
  maxInflatedBytes: z.number().int().min(1).default(8 * 1024 * MiB),
  /** Image folder: largest single image file read, bytes. */
  maxImageFileBytes: z.number().int().min(1).default(256 * MiB),
  /** Largest decoded image, pixels (decompression-bomb guard for PNG/JPEG/…). */
  maxImagePixels: z.number().int().min(1).default(50_000_000),
  /** Image folder: most image files (the scan keeps every path in memory, ~250 bytes each). */
  maxFiles: z.number().int().min(1).default(2_000_000),
});
export type ImportLimits = z.infer<typeof importLimitsSchema>;

export const importOptionsSchema = z.strictObject({
  /** Dataset name shown in the UI. */
  name: z.string().trim().min(1).max(200),
  /** Force a format instead of detectFormat(). */
  format: z.enum(sourceFormats).optional(),
  /** Target size in pixels; null keeps the first image's size. */
  size: z.strictObject({ height: z.number().int().min(1).max(4096), width: z.number().int().min(1).max(4096) }).nullable().default(null),
  /** keep: the source's (or first image's) channels; grayscale: 1; rgb: 3. Alpha is composited over black. */
  channels: z.enum(['keep', 'grayscale', 'rgb']).default('keep'),
  /** An image whose size differs from the target: resized, or the import is refused. */
  resizePolicy: z.enum(['resize', 'reject']).default('resize'),
  /** How a resize fits: fill stretches, cover crops the centre, contain pads with black. */
  fit: z.enum(['fill', 'cover', 'contain']).default('fill'),
  /** as-provided: the format's own splits (everything in train when it has none); random: seeded re-split of all items. */
  split: z
    .discriminatedUnion('mode', [
      z.strictObject({ mode: z.literal('as-provided') }),
      z.strictObject({ mode: z.literal('random'), testFraction: z.number().gt(0).lt(1), seed: z.number().int().default(0) }),
    ])
    .default({ mode: 'as-provided' }),
  /** Class names in label order; overrides the source's and classPreset. */
  classNames: z.array(z.string().trim().min(1).max(200)).min(1).optional(),
  /** Names of a well-known dataset (for formats that store only numbers). */
  classPreset: z.enum(knownClassSetNames as [KnownClassSet, ...KnownClassSet[]]).optional(),
  csv: z
    .strictObject({
      /** 'auto': a column named "label" in the header, else the first column when the rest form a square image. */
      labelColumn: z.union([z.literal('auto'), z.literal('none'), z.number().int().min(0), z.string().min(1)]).default('auto'),
      /** Image geometry of the pixel columns (HWC order); inferred from a square count when absent. */
      height: z.number().int().min(1).optional(),
      width: z.number().int().min(1).optional(),
      channels: z.union([z.literal(1), z.literal(3)]).optional(),
    })
    .prefault({}),
  npy: z
    .strictObject({
      /** NPZ array names; default: the first of x/images/x_train/data/arr_0 (and x_test for the test split). */
      images: z.string().optional(),
      labels: z.string().optional(),
      /** 4-D arrays: NHWC or NCHW; auto picks NHWC when the last axis is 1 or 3, else NCHW when axis 1 is. */
      layout: z.enum(['auto', 'nhwc', 'nchw']).default('auto'),
      /** Float arrays: auto picks [0,1] → ×255, [−1,1] → (x+1)·127.5, [0,255] → as is, from the data's range. */
      floatRange: z.enum(['auto', 'unit', 'signed-unit', 'byte']).default('auto'),
    })
    .prefault({}),
  idx: z
    .strictObject({
      /** EMNIST stores images transposed; auto transposes when a file name contains "emnist". */
      transpose: z.union([z.literal('auto'), z.boolean()]).default('auto'),
    })
    .prefault({}),
  /** CIFAR-100: which label of its two to keep. */
  cifar100Labels: z.enum(['fine', 'coarse']).default('fine'),
  limits: importLimitsSchema.prefault({}),
});

export type ImportOptionsInput = z.input<typeof importOptionsSchema>;
export type ImportOptions = z.output<typeof importOptionsSchema>;
