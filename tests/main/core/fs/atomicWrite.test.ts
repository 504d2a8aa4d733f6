// writeChunksAtomic / writeFileAtomic: the bytes land whole (views with offsets, empty chunks), the hash is
// the file's, and a failed write leaves neither the target nor a temp file behind.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeChunksAtomic, writeFileAtomic } from '../../../../src/main/core/fs/atomicWrite';
import { tempDir } from '../../../helpers/tempWorkbench';

describe('atomic writes', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => dir.remove());

  it('writes the concatenation of chunks, views into larger buffers included, and returns its size', async () => {
    const big = new Float64Array([1.5, -2, Math.PI, 7]);
    const view = new Uint8Array(big.buffer, 8, 16); // the middle two doubles
    const path = join(dir.path, 'nested', 'out.bin');
    const bytes = await writeChunksAtomic(path, [Uint8Array.of(9, 8), new Uint8Array(0), view, Buffer.from('end')]);
    expect(bytes).toBe(2 + 16 + 3);
    const back = readFileSync(path);
    expect(Array.from(back.subarray(0, 2))).toEqual([9, 8]);
    expect(Array.from(new Float64Array(back.buffer.slice(back.byteOffset + 2, back.byteOffset + 18)))).toEqual([-2, Math.PI]);
    expect(back.subarray(18).toString()).toBe('end');
    expect(readdirSync(join(dir.path, 'nested'))).toEqual(['out.bin']);
    expect(await writeChunksAtomic(join(dir.path, 'empty.bin'), [])).toBe(0);
    expect(readFileSync(join(dir.path, 'empty.bin')).byteLength).toBe(0);
  });

  it('replaces an existing file and reports the sha256 of what it wrote', async () => {
    const path = join(dir.path, 'a.json');
    writeFileSync(path, 'old contents that are longer');
    const { sha256, bytes } = await writeFileAtomic(path, '{"x":1}');
    expect(readFileSync(path, 'utf8')).toBe('{"x":1}');
    expect(bytes).toBe(7);
    expect(sha256).toBe(createHash('sha256').update('{"x":1}').digest('hex'));
  });

  it('fails with the file system error and leaves no temp file when the target cannot be written', async () => {
    const target = join(dir.path, 'taken');
    await writeChunksAtomic(join(target, 'x.bin'), [Uint8Array.of(1)]); // `taken` is now a directory
    await expect(writeChunksAtomic(target, [Uint8Array.of(1, 2, 3)])).rejects.toThrow(/EISDIR|EEXIST|ENOTEMPTY|EPERM/);
    expect(readdirSync(dir.path)).toEqual(['taken']);
    expect(existsSync(join(target, 'x.bin'))).toBe(true);
  });
});
