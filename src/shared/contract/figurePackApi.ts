// The figure-pack part of the API contract: stored packs, the true-size preview (SVG drawn by the export's own
// code), export jobs (progress, cancel, download), and the default pack for a set of runs. Spread into `api`.
import { z } from 'zod';
import { packSpecSchema } from '../figures/packSpec';
import { fontIds } from '../figures/fontPresets';
import { venueIds } from '../figures/venuePresets';

export const packSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  venue: z.enum(venueIds),
  font: z.enum(fontIds),
  figures: z.number().int(),
});
export type PackSummary = z.infer<typeof packSummarySchema>;

export const storedPackSchema = z.object({ id: z.string(), spec: packSpecSchema });
export type StoredPack = z.infer<typeof storedPackSchema>;

export const exportStatuses = ['running', 'completed', 'failed', 'cancelled'] as const;
export const exportJobSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: z.enum(exportStatuses),
  step: z.number().int(),
  total: z.number().int(),
  message: z.string(),
  /** File name offered for download (`<pack>.zip`). */
  fileName: z.string(),
  /** Where the ZIP was written when the caller named a path (CLI, Electron save dialog), else null. */
  path: z.string().nullable(),
  bytes: z.number().int().nullable(),
  seconds: z.number().nullable(),
  error: z.string().nullable(),
});
export type ExportJob = z.infer<typeof exportJobSchema>;

/**
 * A figure drawn by the export: its SVG, and a PNG rastered from it with the pack's own font files (what a browser
 * draws from the SVG uses its own fonts, so the app shows the PNG, at widthPt × heightPt), `pngDpi` pixels per inch.
 */
export const previewSchema = z.object({ svg: z.string(), png: z.string(), pngDpi: z.number(), widthPt: z.number(), heightPt: z.number(), widthInches: z.number() });
export type FigurePreview = z.infer<typeof previewSchema>;

const packId = z.object({ packId: z.string().regex(/^pack-[a-z0-9]{1,40}$/) }).strict();

export const figurePackApi = {
  'packs.list': { input: z.object({}).strict(), output: z.array(packSummarySchema) },
  'packs.get': { input: packId, output: storedPackSchema },
  /** Stores the pack in the workspace (a new id when `packId` is absent). */
  'packs.save': { input: z.object({ packId: packId.shape.packId.optional(), spec: packSpecSchema }).strict(), output: storedPackSchema },
  'packs.delete': { input: packId, output: z.object({ deleted: z.literal(true) }) },
  /** One figure drawn exactly as the export draws it (SVG sized in points). */
  'packs.preview': { input: z.object({ spec: packSpecSchema, figureId: z.string().min(1) }).strict(), output: previewSchema },
  /**
   * Starts an export job. With `path` the ZIP is written there (refused if it exists, unless `force`);
   * without, it is kept for `packs.download`. Follow `didProgressExport`.
   */
  'packs.export': {
    input: z.object({ spec: packSpecSchema, path: z.string().min(1).max(4096).optional(), force: z.boolean().default(false) }).strict(),
    output: exportJobSchema,
  },
  'packs.exports': { input: z.object({}).strict(), output: z.array(exportJobSchema) },
  'packs.cancelExport': { input: z.object({ exportId: z.string().min(1) }).strict(), output: exportJobSchema },
  /** The ZIP of a completed export without a path, base64. */
  'packs.download': { input: z.object({ exportId: z.string().min(1) }).strict(), output: z.object({ fileName: z.string(), base64: z.string() }) },
  /** A pack of the figures the runs' pages show, for a venue (what `ouroboros export --run … --preset` exports). */
  'packs.defaultFor': {
    input: z.object({ runIds: z.array(z.string().min(1)).min(1).max(50), venue: z.enum(venueIds).default('icml'), font: z.enum(fontIds).optional() }).strict(),
    output: packSpecSchema,
  },
} as const;
