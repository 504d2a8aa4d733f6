// Reads feature matrices saved with numpy (`np.save`), so `ouroboros metrics real.npy fake.npy` can score
// features from any extractor, including ones computed outside the workbench. Only the layout the metrics
// need is accepted (2-D, float32/float64, little-endian, C order); anything else gets an error naming the
// file and the fix, never a silent conversion.
import { readFile, stat } from 'node:fs/promises';
import { WorkbenchError } from '@shared/errors';
import type { FeatureMatrix } from './featureMatrix';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"
/** Larger feature files are refused before reading: 10⁵ samples × 2048 float64 features is 1.6 GB. */
export const MAX_NPY_BYTES = 2 ** 31 - 1;
const MAX_HEADER_BYTES = 65536;

function fail(file: string, problem: string, details: Record<string, unknown> = {}): never {
  throw new WorkbenchError('invalid-input', `${file}: ${problem}`, { file, ...details });
}

/** The value of `key` in numpy's header dict literal, as raw text, or null when absent. */
function headerField(header: string, key: string): string | null {
  const match = new RegExp(`['"]${key}['"]\\s*:\\s*(\\([^)]*\\)|'[^']*'|"[^"]*"|True|False)`).exec(header);
  return match ? match[1] : null;
}

/**
 * Parses the bytes of a .npy file (format versions 1–3) into an N × D feature matrix. `file` names the
 * source in error messages. float32 data stays Float32Array, float64 stays Float64Array (copied, aligned).
 */
export function parseNpyFeatures(bytes: Uint8Array, file: string): FeatureMatrix {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) fail(file, 'not a .npy file (missing the \\x93NUMPY magic); save features with numpy.save');
  const major = bytes[6];
  if (major < 1 || major > 3) fail(file, `unsupported .npy format version ${major}.${bytes[7]}`, { version: major });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lengthBytes = major === 1 ? 2 : 4;
  if (bytes.length < 8 + lengthBytes) fail(file, 'truncated .npy header');
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const dataStart = 8 + lengthBytes + headerLength;
  if (headerLength > MAX_HEADER_BYTES || dataStart > bytes.length) fail(file, `truncated or corrupt .npy header (declares ${headerLength} bytes)`);
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(8 + lengthBytes, dataStart));

  const descr = headerField(header, 'descr')?.slice(1, -1);
  const fortran = headerField(header, 'fortran_order');
  const shapeText = headerField(header, 'shape');
  if (descr === undefined || fortran === null || shapeText === null || !shapeText.startsWith('(')) fail(file, `unreadable .npy header ${JSON.stringify(header.trim())}`);
  if (descr[0] === '>') fail(file, `data are big-endian (${descr}); convert with X.astype('<f4') before saving`, { dtype: descr });
  const itemSize = descr === '<f4' ? 4 : descr === '<f8' ? 8 : 0;
  if (itemSize === 0) fail(file, `dtype ${descr} is not float32 or float64; convert with X.astype(np.float32) before saving`, { dtype: descr });
  if (fortran !== 'False') fail(file, 'array is in Fortran (column-major) order; save np.ascontiguousarray(X) instead');
  const shape = shapeText
    .slice(1, -1)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map(Number);
  if (shape.length !== 2 || shape.some((v) => !Number.isSafeInteger(v) || v < 0)) {
    fail(file, `array has shape ${shapeText}; features must be a 2-D array (samples × features)`, { shape: shapeText });
  }
  const [n, d] = shape;
  if (d < 1) fail(file, `array has shape ${shapeText}; features need at least one column`, { shape: shapeText });
  const expected = n * d * itemSize;
  const actual = bytes.length - dataStart;
  if (actual !== expected) {
    fail(file, `holds ${actual} data bytes but shape ${shapeText} of ${descr} needs ${expected}; the file is truncated or corrupt`, { expected, actual });
  }
  const copy = bytes.slice(dataStart, dataStart + expected); // own, aligned buffer
  const data = itemSize === 4 ? new Float32Array(copy.buffer, 0, n * d) : new Float64Array(copy.buffer, 0, n * d);
  return { data, n, d };
}

/** Reads an N × D float32/float64 .npy feature file; errors name the file and what is wrong with it. */
export async function readNpyFeatures(path: string): Promise<FeatureMatrix> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new WorkbenchError('not-found', `${path}: no such feature file`, { file: path });
    throw new WorkbenchError('invalid-input', `${path}: cannot read feature file (${(error as Error).message})`, { file: path, code });
  }
  if (size > MAX_NPY_BYTES) fail(path, `is ${(size / 2 ** 30).toFixed(1)} GiB; feature files are limited to 2 GiB`, { size });
  const bytes = await readFile(path);
  return parseNpyFeatures(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), path);
}
