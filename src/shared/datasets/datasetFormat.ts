// The on-disk dataset format every experiment reads: file names, byte layout and the zod schema of
// meta.json. Pure (zod only, no node) so the API contract can reuse the schema as is.
//
// <datasets>/<id>/
//   meta.json                    DatasetMeta below (validated on every open)
//   train/images.u8  test/images.u8    kind 'images': N×H×W×C uint8, row-major (NHWC), no header
//   train/points.f32 test/points.f32   kind 'points': N×D float32 little-endian, no header
//   train/labels.i32 test/labels.i32   N int32 little-endian; −1 = unlabelled (all or none)
// Item i of a split starts at byte i·H·W·C (or i·D·4): a slice is one positioned read, and the files
// can be memory-mapped as they are.
import { z } from 'zod';

export const DATASET_FORMAT_VERSION = 1;
export const META_FILE = 'meta.json';
export const IMAGES_FILE = 'images.u8';
export const POINTS_FILE = 'points.f32';
export const LABELS_FILE = 'labels.i32';
/** Label stored for every item of an unlabelled dataset. */
export const UNLABELLED = -1;

export const splitNames = ['train', 'test'] as const;
export type SplitName = (typeof splitNames)[number];

/** Geometry of one image item. Channels: 1 = grayscale, 3 = RGB (alpha is never stored). */
export interface ImageLayout {
  kind: 'images';
  height: number;
  width: number;
  channels: 1 | 3;
}
/** Geometry of one point item: D float32 coordinates. */
export interface PointsLayout {
  kind: 'points';
  dims: number;
}
export type DatasetLayout = ImageLayout | PointsLayout;

/** Bytes of one item in the data file of a split (images.u8 or points.f32). */
export function itemBytes(layout: DatasetLayout): number {
  return layout.kind === 'images' ? layout.height * layout.width * layout.channels : layout.dims * 4;
}

export function dataFileName(layout: DatasetLayout): string {
  return layout.kind === 'images' ? IMAGES_FILE : POINTS_FILE;
}

const splitInfoSchema = z.strictObject({
  /** Items in the split. */
  count: z.number().int().min(0),
  /** Items per class (index = label), or null for an unlabelled dataset. */
  classCounts: z.array(z.number().int().min(0)).nullable(),
});
export type SplitInfo = z.infer<typeof splitInfoSchema>;

const baseShape = {
  formatVersion: z.literal(DATASET_FORMAT_VERSION),
  name: z.string().min(1).max(200),
  splits: z.strictObject({ train: splitInfoSchema, test: splitInfoSchema }),
  /** Class names in label order, or null: unlabelled (every label is −1). */
  classes: z.array(z.string().min(1).max(200)).min(1).nullable(),
  source: z.strictObject({
    /** Importer or generator id, e.g. 'idx', 'image-folder', 'builtin:shapes10'. */
    format: z.string().min(1),
    /** Human-readable origin: files read, generator parameters. */
    description: z.string(),
    /** Things the user should know (skipped files, alpha dropped, resized count…). */
    notes: z.array(z.string()),
  }),
  /**
   * sha256 of the content (layout + every split's data and labels, see checksum.ts); names, source and
   * times are excluded, so importing the same data twice gives the same value.
   */
  checksum: z.strictObject({ algorithm: z.literal('sha256'), value: z.string().regex(/^[0-9a-f]{64}$/) }),
  /**
   * Per-channel (images, in 0–255 units) or per-dimension (points) mean and standard deviation over
   * all splits; null when the dataset is empty.
   */
  stats: z.strictObject({ mean: z.array(z.number()), std: z.array(z.number()) }).nullable(),
  createdAt: z.iso.datetime(),
};

export const datasetMetaSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    ...baseShape,
    kind: z.literal('images'),
    height: z.number().int().min(1).max(16384),
    width: z.number().int().min(1).max(16384),
    channels: z.union([z.literal(1), z.literal(3)]),
  }),
  z.strictObject({ ...baseShape, kind: z.literal('points'), dims: z.number().int().min(1).max(4096) }),
]);
export type DatasetMeta = z.infer<typeof datasetMetaSchema>;

export function layoutOf(meta: DatasetMeta): DatasetLayout {
  return meta.kind === 'images'
    ? { kind: 'images', height: meta.height, width: meta.width, channels: meta.channels }
    : { kind: 'points', dims: meta.dims };
}
