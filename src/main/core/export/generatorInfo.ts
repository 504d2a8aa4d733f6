// Who made a pack: the app version, the git commit of the checkout when there is one, and the versions of the
// libraries that draw and encode the files (for the manifest's provenance). No timestamps: the manifest is
// hashed content and two exports of the same pack must be byte-identical.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface GeneratorInfo {
  app: string;
  version: string;
  gitCommit: string | null;
  libraries: Record<string, string>;
}

const requireHere = createRequire(__filename);
let cached: GeneratorInfo | null = null;

function appRoot(): string | null {
  let dir = __dirname;
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      try {
        if ((JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string }).name === 'ouroboros-workbench') return dir;
      } catch { /* keep walking up */ }
    }
    dir = dirname(dir);
  }
  return null;
}

function gitCommit(root: string | null): string | null {
  if (process.env.OUROBOROS_GIT_COMMIT) return process.env.OUROBOROS_GIT_COMMIT;
  if (!root) return null;
  try {
    const head = readFileSync(join(root, '.git', 'HEAD'), 'utf8').trim();
    if (!head.startsWith('ref: ')) return head;
    const ref = head.slice(5);
    const loose = join(root, '.git', ref);
    if (existsSync(loose)) return readFileSync(loose, 'utf8').trim();
    const packed = readFileSync(join(root, '.git', 'packed-refs'), 'utf8').split('\n').find((line) => line.endsWith(` ${ref}`));
    return packed ? packed.split(' ')[0] : null;
  } catch {
    return null;
  }
}

function versionOf(pkg: string): string {
  try {
    return (JSON.parse(readFileSync(requireHere.resolve(`${pkg}/package.json`), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

export function generatorInfo(): GeneratorInfo {
  if (cached) return cached;
  const root = appRoot();
  const version = root ? (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version : 'unknown';
  cached = {
    app: 'ouroboros-workbench',
    version,
    gitCommit: gitCommit(root),
    libraries: Object.fromEntries(['echarts', 'pdfkit', 'svg-to-pdfkit', '@resvg/resvg-js', 'fontkit', 'fflate', 'sharp'].map((p) => [p, versionOf(p)])),
  };
  return cached;
}
