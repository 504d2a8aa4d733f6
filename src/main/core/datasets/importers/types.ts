// The contract between one importer (a file format) and the shared import pipeline: an importer opens
// its files, says how many items it will produce, and streams them as batches in the source's geometry.
import type { SplitName } from '../datasetFormat';
import type { ImportOptions, SourceFormat } from '../importOptions';

export interface RawBatch {
  /** The split the source assigns (train when the format has none). */
  split: SplitName;
  count: number;
  height: number;
  width: number;
  channels: 1 | 3;
  /** count×height×width×channels uint8, row-major. */
  pixels: Uint8Array;
  /** count labels ≥ 0, or null when the source is unlabelled. */
  labels: Int32Array | null;
  /** Where item i of the batch came from, for messages (a file, or "file item #k"). */
  origin(i: number): string;
}

export interface ImportSource {
  format: SourceFormat;
  /** Files read and what they held, for meta.source.description. */
  description: string;
  /** Exact number of items batches() will yield (random split and progress rely on it). */
  total: number;
  labelled: boolean;
  /** Class names the source itself knows (folder names, CIFAR meta, a preset its file names imply). */
  classNames: string[] | null;
  /** Things to record in meta.source.notes; importers may add while streaming. */
  notes: string[];
  batches(): AsyncIterable<RawBatch>;
  /** Releases what the source holds open (e.g. an archive); called once the import ends, however it ends. */
  close?(): void;
}

export interface ImporterContext {
  /** What the user picked: a file or a folder. */
  path: string;
  options: ImportOptions;
  signal: AbortSignal;
  /** A scratch folder inside the dataset's temp dir (removed with it). */
  scratchDir(): Promise<string>;
}

export type Importer = (context: ImporterContext) => Promise<ImportSource>;

/** Items per batch for array formats: ~1 MB of 28×28 images, enough to amortise per-call costs. */
export const BATCH_ITEMS = 1024;
