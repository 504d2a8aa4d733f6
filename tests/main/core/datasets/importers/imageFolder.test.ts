// Image-folder import: every supported image format, classes.txt, train/test layout, unlabelled sets,
// size and channel policies, and the broken inputs (corrupt or empty files, empty folders, bad names).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkbenchError } from '@shared/errors';
import { importDataset, openDataset } from '../../../../../src/main/core/datasets';
import { encodeImage, makeTempDir, patternImages, writeClassFolders, type ImageFormat } from '../helpers/fixtures';
import { expectImportFailure } from '../helpers/fixtures';

let tmp: ReturnType<typeof makeTempDir>;
let src: string;
let root: string;
beforeEach(() => {
  tmp = makeTempDir();
  src = join(tmp.dir, 'src');
  root = join(tmp.dir, 'datasets');
  mkdirSync(src);
});
afterEach(() => tmp.cleanup());

const target = (): string => join(root, 'new');
/** An import that must fail, leaving nothing in the datasets root. */
const failure = (path: string, extra: Record<string, unknown> = {}): Promise<WorkbenchError> => expectImportFailure(root, path, extra);

describe('image-folder importer', () => {
  it('decodes PNG, JPEG, WebP, GIF, BMP and TIFF class folders, lossless ones bit-exact', async () => {
    const formats: ImageFormat[] = ['png', 'jpeg', 'webp', 'gif', 'tiff', 'bmp'];
    const written = new Map<string, Uint8Array>();
    for (const [k, f] of formats.entries()) {
      mkdirSync(join(src, f));
      // Gray gradients survive GIF's palette and JPEG closely; PNG/WebP/TIFF/BMP must be exact.
      const px = Uint8Array.from({ length: 36 }, (_, i) => (i * 7 + k * 3) & 0xff);
      writeFileSync(join(src, f, `a.${f}`), await encodeImage(px, 6, 6, 1, f));
      written.set(f, px);
    }
    writeFileSync(join(src, 'png', 'notes.txt'), 'not an image');
    const meta = await importDataset(src, { name: 'formats', targetDir: target() });
    expect(meta).toMatchObject({ height: 6, width: 6, channels: 1, classes: ['bmp', 'gif', 'jpeg', 'png', 'tiff', 'webp'] });
    const r = await openDataset(target());
    const { images, labels } = await r.readBatch('train', 0, 6);
    await r.close();
    for (let i = 0; i < 6; i++) {
      const name = meta.classes![labels[i]];
      const got = images.subarray(i * 36, (i + 1) * 36);
      const want = written.get(name)!;
      const maxDiff = Math.max(...Array.from(got, (v, j) => Math.abs(v - want[j])));
      expect(maxDiff, name).toBeLessThanOrEqual(['jpeg', 'gif'].includes(name) ? 8 : 0);
    }
  });

  it('follows classes.txt order and a train/ + test/ layout', async () => {
    await writeClassFolders(join(src, 'train'), { cat: 3, dog: 2 });
    await writeClassFolders(join(src, 'test'), { dog: 1, cat: 1 });
    writeFileSync(join(src, 'classes.txt'), 'dog\ncat\nbird\n');
    const meta = await importDataset(src, { name: 'pets', targetDir: target() });
    expect(meta.classes).toEqual(['dog', 'cat', 'bird']);
    expect(meta.splits.train.classCounts).toEqual([2, 3, 0]);
    expect(meta.splits.test.classCounts).toEqual([1, 1, 0]);
    expect(meta.source.notes).toContain('class order from classes.txt');
  });

  it('imports loose images as an unlabelled set, in RGB when asked', async () => {
    for (let i = 0; i < 3; i++) writeFileSync(join(src, `${i}.png`), await encodeImage(patternImages(1, 4, 4, 1, i), 4, 4, 1, 'png'));
    const meta = await importDataset(src, { name: 'u', targetDir: target(), channels: 'rgb' });
    expect(meta).toMatchObject({ classes: null, channels: 3 });
    const r = await openDataset(target());
    const { images, labels } = await r.readBatch('train', 0, 1);
    const gray = patternImages(1, 4, 4, 1, 0);
    expect([...images.subarray(0, 6)]).toEqual([gray[0], gray[0], gray[0], gray[1], gray[1], gray[1]]);
    expect(labels[0]).toBe(-1);
    await r.close();
  });

  it('refuses a corrupt PNG and a zero-byte JPEG, naming the file', async () => {
    await writeClassFolders(src, { a: 2, b: 2 });
    const good = await encodeImage(patternImages(1, 8, 8), 8, 8, 1, 'png');
    writeFileSync(join(src, 'b', 'broken.png'), good.subarray(0, good.length - 25));
    let e = await failure(src);
    expect(e.message).toMatch(/b\/broken\.png: is corrupt or truncated and cannot be decoded/);

    writeFileSync(join(src, 'b', 'broken.png'), Buffer.from('this is not a png at all'));
    e = await failure(src);
    expect(e.message).toMatch(/b\/broken\.png: is not an image in a supported format/);

    writeFileSync(join(src, 'b', 'broken.png'), good);
    writeFileSync(join(src, 'a', 'empty.jpg'), Buffer.alloc(0));
    e = await failure(src);
    expect(e.message).toMatch(/a\/empty\.jpg: is empty \(0 bytes\), not an image/);
  });

  it('resizes mixed sizes under "resize" and refuses them under "reject"', async () => {
    mkdirSync(join(src, 'a'));
    writeFileSync(join(src, 'a', '1.png'), await encodeImage(patternImages(1, 8, 8), 8, 8, 1, 'png'));
    writeFileSync(join(src, 'a', '2.png'), await encodeImage(patternImages(1, 16, 12), 16, 12, 1, 'png'));
    const e = await failure(src, { resizePolicy: 'reject' });
    expect(e.message).toMatch(/a\/2\.png: is 12×16 but the dataset is 8×8 and the resize policy is "reject"/);

    const meta = await importDataset(src, { name: 'r', targetDir: target(), resizePolicy: 'resize' });
    expect(meta).toMatchObject({ height: 8, width: 8, splits: { train: { count: 2 } } });
    expect(meta.source.notes.join(' ')).toMatch(/1 images resized to 8×8/);

    const sized = await importDataset(src, { name: 's', targetDir: join(root, 's'), size: { height: 5, width: 7 }, channels: 'rgb', fit: 'cover' });
    expect(sized).toMatchObject({ height: 5, width: 7, channels: 3 });
  });

  it('refuses an empty folder, a class folder without images, and a mix of images and class folders', async () => {
    let e = await failure(src, { format: 'image-folder' });
    expect(e.message).toMatch(/src: contains no images/);

    await writeClassFolders(src, { a: 2 });
    mkdirSync(join(src, 'b', 'nested'), { recursive: true });
    writeFileSync(join(src, 'b', 'readme.md'), 'no images here');
    e = await failure(src);
    expect(e.message).toMatch(/src\/b: is a class folder with no images/);

    writeFileSync(join(src, 'b', 'x.png'), await encodeImage(patternImages(1, 8, 8), 8, 8, 1, 'png'));
    writeFileSync(join(src, 'loose.png'), await encodeImage(patternImages(1, 8, 8), 8, 8, 1, 'png'));
    e = await failure(src);
    expect(e.message).toMatch(/mixes image files \(e\.g\. loose\.png\) with class folders/);
  });

  it('refuses a decompression bomb (too many pixels) and a truncated BMP', async () => {
    mkdirSync(join(src, 'a'));
    const huge = await encodeImage(new Uint8Array(1500 * 1500), 1500, 1500, 1, 'png'); // ~10 KB on disk
    writeFileSync(join(src, 'a', 'huge.png'), huge);
    let e = await failure(src, { limits: { maxImagePixels: 1_000_000 } });
    expect(e.message).toMatch(/a\/huge\.png: has more pixels than the 1000000-pixel limit/);

    writeFileSync(join(src, 'a', 'huge.png'), await encodeImage(patternImages(1, 4, 4), 4, 4, 1, 'png'));
    const bmp = await encodeImage(patternImages(1, 8, 8, 3), 8, 8, 3, 'bmp');
    writeFileSync(join(src, 'a', 'cut.bmp'), bmp.subarray(0, bmp.length - 40));
    e = await failure(src);
    expect(e.message).toMatch(/a\/cut\.bmp: is corrupt: the pixel data ends beyond the file/);
  });

  it('imports image files whose names are not valid UTF-8, but refuses such a class folder', async () => {
    const srcBuf = Buffer.from(src);
    const latin1Name = Buffer.concat([Buffer.from('caf'), Buffer.from([0xe9]), Buffer.from('.png')]); // "café" in Latin-1
    mkdirSync(join(src, 'ok'));
    writeFileSync(Buffer.concat([srcBuf, Buffer.from('/ok/'), latin1Name]), await encodeImage(patternImages(1, 4, 4), 4, 4, 1, 'png'));
    writeFileSync(join(src, 'ok', 'plain.png'), await encodeImage(patternImages(1, 4, 4), 4, 4, 1, 'png'));
    const meta = await importDataset(src, { name: 'n', targetDir: target() });
    expect(meta.splits.train.count).toBe(2);
    expect(meta.source.notes.join(' ')).toMatch(/1 image file name\(s\) are not valid UTF-8/);

    const badDir = Buffer.concat([srcBuf, Buffer.from('/cl'), Buffer.from([0xff, 0xfe]), Buffer.from('ss')]);
    mkdirSync(badDir);
    writeFileSync(Buffer.concat([badDir, Buffer.from('/x.png')]), await encodeImage(patternImages(1, 4, 4), 4, 4, 1, 'png'));
    const e = await failure(src);
    expect(e.message).toMatch(/cl\\xFF\\xFEss: is a class folder whose name is not valid UTF-8/);
  });
});
