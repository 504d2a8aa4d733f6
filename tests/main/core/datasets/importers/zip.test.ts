// ZIP import: an archived image folder imports like the folder; zip-slip names, bombs (over the inflated
// cap, or lying about their size), too many entries and non-archives are refused with nothing left behind.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkbenchError } from '@shared/errors';
import { importDataset, openDataset } from '../../../../../src/main/core/datasets';
import { encodeImage, leftovers, makeTempDir, patternImages } from '../helpers/fixtures';
import { buildZip, type ZipEntrySpec } from '../helpers/zipWriter';

let tmp: ReturnType<typeof makeTempDir>;
let root: string;
beforeEach(() => {
  tmp = makeTempDir();
  root = join(tmp.dir, 'datasets');
});
afterEach(() => tmp.cleanup());

async function png(seed: number): Promise<Buffer> {
  return encodeImage(patternImages(1, 6, 6, 1, seed), 6, 6, 1, 'png');
}

function writeZip(entries: ZipEntrySpec[], name = 'data.zip'): string {
  const path = join(tmp.dir, name);
  writeFileSync(path, buildZip(entries));
  return path;
}

async function failure(path: string, limits: Record<string, number> = {}): Promise<WorkbenchError> {
  const error = await importDataset(path, { name: 'x', targetDir: join(root, 'z'), limits }).catch((e) => e);
  expect(error).toBeInstanceOf(WorkbenchError);
  expect(leftovers(root)).toEqual([]);
  return error as WorkbenchError;
}

describe('ZIP importer', () => {
  it('imports a zipped class-folder tree through a wrapping folder, with pixels intact', async () => {
    const path = writeZip([
      { name: 'shapes/' },
      { name: 'shapes/circle/1.png', data: await png(1), method: 'store' },
      { name: 'shapes/circle/2.png', data: await png(2) },
      { name: 'shapes/square/1.png', data: await png(3) },
      { name: '__MACOSX/shapes/._x', data: Buffer.from('junk') },
      { name: 'shapes/link.png', data: Buffer.from('/etc/passwd'), unixMode: 0o120777 },
    ]);
    const meta = await importDataset(path, { name: 'zipped', targetDir: join(root, 'z') });
    expect(meta).toMatchObject({ classes: ['circle', 'square'], splits: { train: { count: 3, classCounts: [2, 1] } }, source: { format: 'zip' } });
    expect(meta.source.notes.join(' ')).toMatch(/1 symlink entries skipped/);
    const r = await openDataset(join(root, 'z'));
    expect(Buffer.from((await r.readBatch('train', 2, 1)).images).equals(Buffer.from(patternImages(1, 6, 6, 1, 3)))).toBe(true);
    await r.close();
    expect(leftovers(root)).toEqual(['z']); // the extraction scratch is gone with the temp dir
  });

  it('refuses zip-slip entries ("../", absolute, backslash) and names the entry', async () => {
    for (const evil of ['../../evil.png', 'a/../../evil.png', '/etc/evil.png', '..\\evil.png', 'C:/evil.png']) {
      const path = writeZip([{ name: 'a/1.png', data: await png(1) }, { name: evil, data: await png(2) }]);
      const e = await failure(path);
      expect(e.message).toMatch(/data\.zip: entry ".*evil\.png" (climbs out of the archive|is an absolute path).*zip-slip/);
    }
  });

  it('stops a ZIP bomb by counting actual inflated bytes', async () => {
    const zeros = Buffer.alloc(20 * 1024 * 1024); // deflates to ~20 KB
    const path = writeZip([{ name: 'a/1.png', data: await png(1) }, { name: 'a/bomb.png', data: zeros }]);
    const e = await failure(path, { maxInflatedBytes: 5 * 1024 * 1024 });
    expect(e.message).toMatch(/data\.zip: inflates to more than 5242880 bytes \(reached while reading "a\/bomb\.png"\); refused as a possible ZIP bomb/);
  });

  it('refuses an entry that inflates beyond the size its header declares', async () => {
    const path = writeZip([{ name: 'a/1.png', data: Buffer.alloc(1024 * 1024, 7), declaredSize: 100 }]);
    const e = await failure(path);
    expect(e.message).toMatch(/data\.zip: entry "a\/1\.png" is corrupt \(too many bytes in the stream/);
  });

  it('refuses too many entries, an entry name flagged UTF-8 that is not, and a file that is not a ZIP', async () => {
    const many: ZipEntrySpec[] = [];
    for (let i = 0; i < 30; i++) many.push({ name: `a/${i}.png`, data: Buffer.from([i]) });
    let e = await failure(writeZip(many), { maxZipEntries: 20 });
    expect(e.message).toMatch(/data\.zip: has 30 entries, over the limit of 20; refused as a possible ZIP bomb/);

    const badName = Buffer.concat([Buffer.from('a/'), Buffer.from([0xc3, 0x28]), Buffer.from('.png')]);
    e = await failure(writeZip([{ name: badName, data: await png(1), utf8: true }]));
    expect(e.message).toMatch(/entry "a\/\\xC3\(\.png" has a name flagged UTF-8 that is not valid UTF-8/);

    const fake = join(tmp.dir, 'fake.zip');
    writeFileSync(fake, Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(100)]));
    e = await failure(fake);
    expect(e.message).toMatch(/fake\.zip: is not a valid ZIP archive/);
  });

  it('names the file inside the archive when an image is broken', async () => {
    const path = writeZip([{ name: 'a/1.png', data: await png(1) }, { name: 'a/2.png', data: Buffer.alloc(0) }]);
    const e = await failure(path);
    expect(e.message).toBe(`${path} › a/2.png: is empty (0 bytes), not an image`);
  });
});
