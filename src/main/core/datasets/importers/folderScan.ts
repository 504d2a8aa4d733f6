// Walks an image folder and decides its layout: one subfolder per class (or loose images = unlabelled),
// optional train/ and test/ at the top, optional classes.txt. Paths stay Buffers so names that are not
// valid UTF-8 can still be opened; class folders must have UTF-8 names (a class name is text).
import { readFile, readdir, stat } from 'node:fs/promises';
import { sep } from 'node:path';
import { WorkbenchError } from '@shared/errors';
import type { SplitName } from '../datasetFormat';
import { displayPath, fileError, isValidUtf8 } from '../importErrors';
import { isImageName } from './imageDecode';

export interface ScannedFile {
  path: Buffer;
  /** Class index, or −1 in an unlabelled folder. */
  label: number;
}

export interface FolderScan {
  labelled: boolean;
  classNames: string[] | null;
  splits: Array<{ split: SplitName; files: ScannedFile[] }>;
  total: number;
  notes: string[];
}

const SEP = Buffer.from(sep);
const IGNORED = new Set(['__macosx', 'thumbs.db', 'desktop.ini']);
const MAX_DEPTH = 8;
const collator = new Intl.Collator('en', { numeric: true });

function joinPath(dir: Buffer, name: Buffer): Buffer {
  return Buffer.concat([dir, SEP, name]);
}

function ignored(name: Buffer): boolean {
  return name[0] === 0x2e /* . */ || IGNORED.has(name.toString('latin1').toLowerCase());
}

interface Listing {
  dirs: Buffer[];
  images: Buffer[];
  others: Buffer[];
}

/** Immediate children, sorted by name; symlinks to files count as files, symlinks to folders are skipped. */
async function list(dir: Buffer, notes: Set<string>): Promise<Listing> {
  const entries = await readdir(dir, { withFileTypes: true, encoding: 'buffer' });
  const out: Listing = { dirs: [], images: [], others: [] };
  for (const entry of entries.sort((a, b) => Buffer.compare(a.name, b.name))) {
    const name = entry.name;
    if (ignored(name)) continue;
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      const target = await stat(joinPath(dir, name)).catch(() => null);
      isFile = !!target?.isFile();
      isDir = false;
      if (target?.isDirectory()) notes.add(`symlinked folders are not followed (e.g. ${displayPath(joinPath(dir, name))})`);
    }
    if (isDir) out.dirs.push(name);
    else if (isFile && isImageName(name.toString('latin1'))) out.images.push(name);
    else if (isFile) out.others.push(name);
  }
  return out;
}

/** Every image under `dir` (recursively, depth-limited), in name order. */
async function collectImages(dir: Buffer, depth: number, notes: Set<string>, into: Buffer[]): Promise<void> {
  const { dirs, images } = await list(dir, notes);
  for (const name of images) into.push(joinPath(dir, name));
  if (depth >= MAX_DEPTH) {
    if (dirs.length) notes.add(`folders deeper than ${MAX_DEPTH} levels are not read`);
    return;
  }
  for (const name of dirs) await collectImages(joinPath(dir, name), depth + 1, notes, into);
}

type ClassRoot = { kind: 'unlabelled'; files: Buffer[] } | { kind: 'labelled'; classes: Map<string, Buffer[]> };

async function scanClassRoot(dir: Buffer, notes: Set<string>): Promise<ClassRoot> {
  const { dirs, images, others } = await list(dir, notes);
  const skipped = others.filter((n) => n.toString('latin1').toLowerCase() !== 'classes.txt');
  if (skipped.length) notes.add(`non-image files skipped, e.g. ${displayPath(joinPath(dir, skipped[0]))}`);
  if (images.length && dirs.length) {
    throw fileError(dir, `mixes image files (e.g. ${displayPath(images[0])}) with class folders (e.g. ${displayPath(dirs[0])}); use one subfolder per class, or only images for an unlabelled set`);
  }
  if (!images.length && !dirs.length) throw fileError(dir, 'contains no images (PNG, JPEG, WebP, GIF, BMP, TIFF)');
  if (images.length) return { kind: 'unlabelled', files: images.map((n) => joinPath(dir, n)) };
  const classes = new Map<string, Buffer[]>();
  for (const name of dirs) {
    const path = joinPath(dir, name);
    if (!isValidUtf8(name)) throw fileError(path, 'is a class folder whose name is not valid UTF-8; rename it (class names must be text)');
    const files: Buffer[] = [];
    await collectImages(path, 1, notes, files);
    if (!files.length) throw fileError(path, 'is a class folder with no images (PNG, JPEG, WebP, GIF, BMP, TIFF)');
    classes.set(name.toString('utf8'), files);
  }
  return { kind: 'labelled', classes };
}

async function readClassesTxt(dirs: Buffer[]): Promise<{ names: string[]; file: Buffer } | null> {
  for (const dir of dirs) {
    const file = joinPath(dir, Buffer.from('classes.txt'));
    const text = await readFile(file, 'utf8').catch(() => null);
    if (text === null) continue;
    const names = text.replace(/^\uFEFF/, '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
    if (!names.length) throw fileError(file, 'is empty; list one class name per line');
    const dup = names.find((n, i) => names.indexOf(n) !== i);
    if (dup) throw fileError(file, `lists "${dup}" twice`);
    return { names, file };
  }
  return null;
}

/** Scans `root` (a folder) and returns what to import, in a deterministic order. */
export async function scanImageFolder(root: string, maxFiles: number): Promise<FolderScan> {
  const rootBuf = Buffer.from(root);
  const noteSet = new Set<string>();
  const top = await list(rootBuf, noteSet);
  const splitDirs = top.images.length ? [] : top.dirs.filter((d) => ['train', 'test'].includes(d.toString('latin1').toLowerCase()));
  const roots: Array<{ split: SplitName; dir: Buffer }> = splitDirs.length
    ? splitDirs.map((d) => ({ split: d.toString('latin1').toLowerCase() as SplitName, dir: joinPath(rootBuf, d) }))
    : [{ split: 'train', dir: rootBuf }];
  if (splitDirs.length) {
    const others = top.dirs.filter((d) => !splitDirs.includes(d));
    if (others.length) noteSet.add(`folders beside train/ and test/ were not imported: ${others.map(displayPath).join(', ')}`);
  }
  const scanned = [];
  for (const r of roots) scanned.push({ ...r, scan: await scanClassRoot(r.dir, noteSet) });
  if (scanned.some((s) => s.scan.kind === 'labelled') && scanned.some((s) => s.scan.kind === 'unlabelled')) {
    throw fileError(root, 'has class folders in one split and loose images in the other');
  }
  const labelled = scanned[0].scan.kind === 'labelled';
  let classNames: string[] | null = null;
  if (labelled) {
    const found = new Set<string>();
    for (const s of scanned) if (s.scan.kind === 'labelled') for (const name of s.scan.classes.keys()) found.add(name);
    const txt = await readClassesTxt([rootBuf, ...roots.map((r) => r.dir)]);
    if (txt) {
      const missing = [...found].filter((n) => !txt.names.includes(n));
      if (missing.length) throw fileError(txt.file, `does not list the class folder(s) ${missing.map((m) => `"${m}"`).join(', ')}`);
      classNames = txt.names;
      noteSet.add('class order from classes.txt');
    } else classNames = [...found].sort(collator.compare);
  }
  const splits = scanned.map(({ split, scan }) => {
    if (scan.kind === 'unlabelled') return { split, files: scan.files.map((path) => ({ path, label: -1 })) };
    const files: ScannedFile[] = [];
    for (const [name, paths] of [...scan.classes].sort((a, b) => classNames!.indexOf(a[0]) - classNames!.indexOf(b[0]))) {
      const label = classNames!.indexOf(name);
      for (const path of paths) files.push({ path, label });
    }
    return { split, files };
  });
  const total = splits.reduce((s, x) => s + x.files.length, 0);
  if (total > maxFiles) throw new WorkbenchError('invalid-input', `${root}: ${total} images, over the limit of ${maxFiles}`);
  const nonUtf8 = splits.reduce((s, x) => s + x.files.filter((f) => !isValidUtf8(f.path)).length, 0);
  if (nonUtf8) noteSet.add(`${nonUtf8} image file name(s) are not valid UTF-8; imported by their raw bytes`);
  return { labelled, classNames, splits, total, notes: [...noteSet] };
}
