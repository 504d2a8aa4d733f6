import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WorkbenchError } from '@shared/errors';
import { parseNpyFeatures, readNpyFeatures } from '../../../../src/main/core/metrics/npyFeatures';

const dir = resolve(__dirname, '../../../fixtures/metrics/npy-errors');

async function errorOf(file: string): Promise<WorkbenchError> {
  try {
    await readNpyFeatures(file);
  } catch (error) {
    expect(error).toBeInstanceOf(WorkbenchError);
    return error as WorkbenchError;
  }
  throw new Error(`${file} was accepted`);
}

describe('.npy feature files', () => {
  it('reads float32 and float64 2-D arrays written by numpy', async () => {
    const f4 = await readNpyFeatures(join(dir, 'good-f4.npy'));
    expect(f4.data).toBeInstanceOf(Float32Array);
    expect([f4.n, f4.d]).toEqual([3, 4]);
    expect(Array.from(f4.data)).toEqual(Array.from({ length: 12 }, (_, i) => i));
    const f8 = await readNpyFeatures(join(dir, 'good-f8.npy'));
    expect(f8.data).toBeInstanceOf(Float64Array);
    expect(Array.from(f8.data)).toEqual(Array.from({ length: 12 }, (_, i) => i));
  });

  it.each([
    ['big-endian.npy', /big-endian \(>f4\)/],
    ['fortran-order.npy', /Fortran \(column-major\) order/],
    ['three-d.npy', /shape \(3, 2, 2\); features must be a 2-D array/],
    ['one-d.npy', /shape \(12,\); features must be a 2-D array/],
    ['int64.npy', /dtype <i8 is not float32 or float64/],
    ['float16.npy', /dtype <f2 is not float32 or float64/],
    ['truncated.npy', /holds 43 data bytes but shape \(3, 4\) of <f4 needs 48/],
    ['not-npy.npy', /not a \.npy file/],
  ])('refuses %s with an invalid-input error naming the file', async (name, message) => {
    const error = await errorOf(join(dir, name));
    expect(error.code).toBe('invalid-input');
    expect(error.message).toContain(join(dir, name));
    expect(error.message).toMatch(message);
    expect(error.details).toMatchObject({ file: join(dir, name) });
  });

  it('reports a missing file as not-found', async () => {
    const error = await errorOf(join(dir, 'no-such.npy'));
    expect(error.code).toBe('not-found');
    expect(error.message).toMatch(/no-such\.npy: no such feature file/);
  });

  it('reads format version 2 headers (4-byte header length)', () => {
    const header = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 1), }";
    const padded = header + ' '.repeat(64 - ((12 + header.length + 1) % 64)) + '\n';
    const bytes = new Uint8Array(12 + padded.length + 16);
    bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 2, 0]);
    new DataView(bytes.buffer).setUint32(8, padded.length, true);
    bytes.set(Buffer.from(padded, 'latin1'), 12);
    new DataView(bytes.buffer).setFloat64(12 + padded.length, 1.5, true);
    new DataView(bytes.buffer).setFloat64(12 + padded.length + 8, -2, true);
    const m = parseNpyFeatures(bytes, 'v2.npy');
    expect([m.n, m.d, ...m.data]).toEqual([2, 1, 1.5, -2]);
    const tmp = mkdtempSync(join(tmpdir(), 'npy-'));
    writeFileSync(join(tmp, 'v2.npy'), bytes);
    return expect(readNpyFeatures(join(tmp, 'v2.npy'))).resolves.toMatchObject({ n: 2, d: 1 });
  });

  it('refuses a header that declares more bytes than the file has', () => {
    const bytes = new Uint8Array(20);
    bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, 0xff, 0x00]);
    expect(() => parseNpyFeatures(bytes, 'evil.npy')).toThrow(/evil\.npy: truncated or corrupt \.npy header/);
  });
});
