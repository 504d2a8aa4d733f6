// The workspace cache of pretrained autoencoder encoders: `<cacheDir>/pretrained-encoders/<checksum>-<key>/`
// holding encoder.json (what was trained, on what, its loss curve) and weights.bin (the encoder's weights,
// float32 little-endian, concatenated in ENCODER_LAYERS order). Written into a temp dir and renamed into
// place like the feature extractor cache (metrics/featureExtractor/extractorCache.ts), so two processes
// leave exactly one complete entry.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { WorkbenchError, describeZodIssues } from '@shared/errors';
import { publishDirectory } from '../../fs/atomicWrite';

export const PRETRAINED_ENCODERS_DIR = 'pretrained-encoders';
/** Bump when the autoencoder's architecture, noise or training recipe changes: old entries are then ignored. */
export const ENCODER_CACHE_VERSION = 'conv-dae-v1';
const INFO = 'encoder.json';
const WEIGHTS = 'weights.bin';

export const encoderSpecSchema = z.strictObject({
  width: z.number().int().min(1),
  codeSize: z.number().int().min(1),
  noise: z.number().min(0),
  steps: z.number().int().min(1),
  items: z.number().int().min(1),
  batchSize: z.number().int().min(1),
  learningRate: z.number().positive(),
});
/** What the autoencoder is and how it pretrains (the encoder.* fields; items already capped at the train split). */
export type EncoderSpec = z.infer<typeof encoderSpecSchema>;

const infoSchema = z.strictObject({
  format: z.literal('pretrained-encoder/1'),
  version: z.string(),
  datasetChecksum: z.string(),
  datasetName: z.string(),
  inputShape: z.array(z.number().int().min(1)),
  spec: encoderSpecSchema,
  seed: z.number().int(),
  /** Shape of each stored weight, in order. */
  shapes: z.array(z.array(z.number().int().min(1))),
  /** Reconstruction MSE of every pretraining step (pixel units²). */
  losses: z.array(z.number()),
  trainSeconds: z.number().min(0),
  createdAt: z.string(),
});
export type EncoderCacheInfo = z.infer<typeof infoSchema>;

/** The entry's directory: dataset checksum, cache version, every spec field and the seed. */
export function encoderCacheDir(cacheDir: string, datasetChecksum: string, spec: EncoderSpec, seed: number): string {
  const key = `${ENCODER_CACHE_VERSION}-w${spec.width}-c${spec.codeSize}-n${spec.noise}-s${spec.steps}-i${spec.items}-b${spec.batchSize}-lr${spec.learningRate}-seed${seed}`;
  return join(cacheDir, PRETRAINED_ENCODERS_DIR, `${datasetChecksum}-${key}`);
}

export class CorruptEncoderCacheError extends Error {
  constructor(readonly dir: string, readonly reason: string) {
    super(`${dir}: ${reason}`);
  }
}

/** The entry at `dir`: null when absent; CorruptEncoderCacheError when unreadable or not what `expected` says. */
export async function loadCachedEncoder(dir: string, expected: Pick<EncoderCacheInfo, 'datasetChecksum' | 'inputShape' | 'spec' | 'seed'>): Promise<{ info: EncoderCacheInfo; weights: Float32Array[] } | null> {
  let text: string;
  try {
    text = await readFile(join(dir, INFO), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new CorruptEncoderCacheError(dir, `${INFO} is unreadable (${(error as Error).message})`);
  }
  let info: EncoderCacheInfo;
  try {
    const parsed = infoSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(describeZodIssues(parsed.error.issues));
    info = parsed.data;
  } catch (error) {
    throw new CorruptEncoderCacheError(dir, `${INFO} is invalid (${(error as Error).message})`);
  }
  const same = info.version === ENCODER_CACHE_VERSION && info.datasetChecksum === expected.datasetChecksum && info.seed === expected.seed
    && info.inputShape.join(',') === expected.inputShape.join(',') && JSON.stringify(info.spec) === JSON.stringify(expected.spec);
  if (!same) throw new CorruptEncoderCacheError(dir, `${INFO} describes another encoder (dataset, shape, settings or seed differ)`);
  let bytes: Buffer;
  try {
    bytes = await readFile(join(dir, WEIGHTS));
  } catch (error) {
    throw new CorruptEncoderCacheError(dir, `${WEIGHTS} is unreadable (${(error as Error).message})`);
  }
  const sizes = info.shapes.map((s) => s.reduce((a, b) => a * b, 1));
  if (bytes.length !== 4 * sizes.reduce((a, b) => a + b, 0)) throw new CorruptEncoderCacheError(dir, `${WEIGHTS} holds ${bytes.length} bytes, ${INFO} says ${4 * sizes.reduce((a, b) => a + b, 0)}`);
  const all = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  let offset = 0;
  const weights = sizes.map((n) => all.slice(offset, (offset += n)));
  return { info, weights };
}

/** Writes the entry atomically. @returns 'lost' when another process completed the same entry first (its copy is kept). */
export async function saveCachedEncoder(dir: string, info: EncoderCacheInfo, weights: Float32Array[]): Promise<'written' | 'lost'> {
  const tmp = `${dir}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await mkdir(tmp, { recursive: true });
    const all = new Float32Array(weights.reduce((a, w) => a + w.length, 0));
    let offset = 0;
    for (const w of weights) { all.set(w, offset); offset += w.length; }
    await writeFile(join(tmp, WEIGHTS), new Uint8Array(all.buffer));
    await writeFile(join(tmp, INFO), JSON.stringify(info));
    return await publishDirectory(tmp, dir);
  } catch (error) {
    throw new WorkbenchError('internal', `cannot write the pretrained encoder cache entry ${dir}: ${(error as Error).message}`);
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}
