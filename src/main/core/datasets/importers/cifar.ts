// CIFAR-10 / CIFAR-100 binary batches: fixed-size records (label byte(s) + 3072 bytes of 32×32 R, G, B
// planes). Files by their canonical names (data_batch_N.bin / test_batch.bin; train.bin / test.bin), or one .bin.
import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { SplitName } from '../datasetFormat';
import { asFileError, fileError } from '../importErrors';
import { knownClassSets } from '../knownClasses';
import { ByteReader, openDataStream } from './byteStream';
import { BATCH_ITEMS, type Importer, type RawBatch } from './types';

const PLANE = 32 * 32;
const PIXELS = 3 * PLANE;

type Variant = 'cifar-10' | 'cifar-100';

interface CifarFile {
  file: string;
  split: SplitName;
  records: number;
}

function classifyName(name: string): { variant: Variant; split: SplitName } | null {
  if (/^data_batch_\d+\.bin$/i.test(name)) return { variant: 'cifar-10', split: 'train' };
  if (/^test_batch\.bin$/i.test(name)) return { variant: 'cifar-10', split: 'test' };
  if (/^train\.bin$/i.test(name)) return { variant: 'cifar-100', split: 'train' };
  if (/^test\.bin$/i.test(name)) return { variant: 'cifar-100', split: 'test' };
  return null;
}

/** The variant a lone .bin file is, from its name, else from which record size divides its length. */
function variantOfFile(name: string, size: number): Variant | null {
  const byName = classifyName(name)?.variant;
  if (byName) return byName;
  if (size % (PIXELS + 1) === 0) return 'cifar-10';
  if (size % (PIXELS + 2) === 0) return 'cifar-100';
  return null;
}

async function namesFile(dir: string, file: string, count: number): Promise<string[] | null> {
  const text = await readFile(join(dir, file), 'utf8').catch(() => null);
  if (text === null) return null;
  const names = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  return names.length === count ? names : null;
}

export const openCifar: Importer = async ({ path, options }) => {
  const info = await stat(path).catch((e) => Promise.reject(asFileError(path, e)));
  const dir = info.isDirectory() ? path : dirname(path);
  const candidates = info.isDirectory() ? (await readdir(path)).filter((n) => classifyName(n)) : [basename(path)];
  if (!candidates.length) throw fileError(path, 'contains no CIFAR binary batches (data_batch_1.bin … test_batch.bin, or train.bin / test.bin)');
  const variants = new Set<Variant>();
  const files: CifarFile[] = [];
  for (const name of candidates.sort()) {
    const file = join(dir, name);
    const size = (await stat(file)).size;
    const variant = variantOfFile(name, size);
    if (!variant) throw fileError(file, `is ${size} bytes, not a whole number of CIFAR records (3073 bytes for CIFAR-10, 3074 for CIFAR-100)`);
    const record = PIXELS + (variant === 'cifar-10' ? 1 : 2);
    if (size === 0 || size % record !== 0) {
      throw fileError(file, `is ${size} bytes, not a whole number of ${record}-byte ${variant.toUpperCase()} records (truncated?)`, { size, record });
    }
    variants.add(variant);
    files.push({ file, split: classifyName(name)?.split ?? 'train', records: size / record });
  }
  if (variants.size > 1) throw fileError(path, 'mixes CIFAR-10 and CIFAR-100 batches');
  const variant = [...variants][0];
  const coarse = variant === 'cifar-100' && options.cifar100Labels === 'coarse';
  const preset = variant === 'cifar-10' ? 'cifar-10' : coarse ? 'cifar-100-coarse' : 'cifar-100';
  const classCount = knownClassSets[preset].length;
  const fromMeta = variant === 'cifar-10'
    ? await namesFile(dir, 'batches.meta.txt', classCount)
    : await namesFile(dir, coarse ? 'coarse_label_names.txt' : 'fine_label_names.txt', classCount);
  const labelBytes = variant === 'cifar-10' ? 1 : 2;
  const labelIndex = variant === 'cifar-100' && !coarse ? 1 : 0;
  const record = PIXELS + labelBytes;
  files.sort((a, b) => (a.split === b.split ? a.file.localeCompare(b.file, 'en', { numeric: true }) : a.split === 'train' ? -1 : 1));

  return {
    format: 'cifar',
    description: `${variant.toUpperCase()} ${path}: ${files.map((f) => `${basename(f.file)} (${f.split}, ${f.records})`).join(', ')}${variant === 'cifar-100' ? `, ${coarse ? 'coarse' : 'fine'} labels` : ''}`,
    total: files.reduce((s, f) => s + f.records, 0),
    labelled: true,
    classNames: fromMeta ?? [...knownClassSets[preset]],
    notes: [fromMeta ? 'class names from the batches meta file' : `class names: ${preset} (built in)`],
    async *batches() {
      for (const f of files) {
        const reader = new ByteReader(await openDataStream(f.file));
        try {
          for (let start = 0; start < f.records; start += BATCH_ITEMS) {
            const count = Math.min(BATCH_ITEMS, f.records - start);
            const buf = await reader.read(count * record).catch((e) => Promise.reject(asFileError(f.file, e)));
            if (buf.length < count * record) throw fileError(f.file, `is truncated after ${start + Math.floor(buf.length / record)} records`);
            const pixels = new Uint8Array(count * PIXELS);
            const labels = new Int32Array(count);
            for (let k = 0; k < count; k++) {
              const base = k * record;
              const label = buf[base + labelIndex];
              if (label >= classCount) throw fileError(f.file, `record #${start + k} has label ${label}; ${variant.toUpperCase()} has ${classCount} classes`);
              labels[k] = label;
              const src = base + labelBytes;
              const dst = k * PIXELS;
              for (let p = 0; p < PLANE; p++) {
                pixels[dst + 3 * p] = buf[src + p];
                pixels[dst + 3 * p + 1] = buf[src + PLANE + p];
                pixels[dst + 3 * p + 2] = buf[src + 2 * PLANE + p];
              }
            }
            const batch: RawBatch = {
              split: f.split, count, height: 32, width: 32, channels: 3, pixels, labels,
              origin: (i) => `${f.file} (record #${start + i})`,
            };
            yield batch;
          }
        } finally {
          reader.close();
        }
      }
    },
  };
};
