// Image-folder importer: scans the layout (folderScan.ts), then decodes files a few at a time on sharp's
// thread pool and yields them in file order, one image per batch (the writer gathers small appends).
import { stat } from 'node:fs/promises';
import { displayPath, fileError } from '../importErrors';
import { scanImageFolder, type ScannedFile } from './folderScan';
import { decodeImageFile } from './imageDecode';
import { orderedMap } from './orderedMap';
import type { Importer, ImportSource, RawBatch } from './types';

const DECODE_CONCURRENCY = 4; // libuv's default thread pool size

/** Opens `root` as an image folder; `format`/`label` let the ZIP importer present it as the archive. */
export async function openImageFolderAt(root: string, context: Parameters<Importer>[0], label = root): Promise<ImportSource> {
  const info = await stat(root).catch(() => null);
  if (!info?.isDirectory()) throw fileError(root, 'is not a folder');
  const scan = await scanImageFolder(root, context.options.limits.maxFiles);
  const { limits } = context.options;
  const counts = scan.splits.map((s) => `${s.split} ${s.files.length}`).join(', ');
  return {
    format: 'image-folder',
    description: `image folder ${label}: ${counts} images${scan.classNames ? `, ${scan.classNames.length} classes` : ', unlabelled'}`,
    total: scan.total,
    labelled: scan.labelled,
    classNames: scan.classNames,
    notes: scan.notes,
    async *batches() {
      // Decode straight to the dataset's channels once they are known (the user's choice, or under
      // 'keep' the first image's); the normaliser converts the few decoded before that.
      const { channels } = context.options;
      let want: 1 | 3 | undefined = channels === 'grayscale' ? 1 : channels === 'rgb' ? 3 : undefined;
      for (const { split, files } of scan.splits) {
        const decoded = orderedMap(files, DECODE_CONCURRENCY, async (file: ScannedFile) => {
          context.signal.throwIfAborted();
          const image = await decodeImageFile(file.path, limits, want);
          want ??= image.channels;
          return { file, image };
        });
        for await (const { file, image } of decoded) {
          const batch: RawBatch = {
            split, count: 1, height: image.height, width: image.width, channels: image.channels, pixels: image.pixels,
            labels: file.label >= 0 ? Int32Array.of(file.label) : null,
            origin: () => displayPath(file.path),
          };
          yield batch;
        }
      }
    },
  };
}

export const openImageFolder: Importer = (context) => openImageFolderAt(context.path, context);
