// The font files behind each font preset: TrueType faces shipped inside npm packages (never fetched at run
// time), loaded once, with their licence text and a hash for the manifest. TTF, not WOFF: resvg silently drops
// text set in WOFF fonts, and pdfkit embeds TrueType as CID subsets (no Type 3).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as fontkit from 'fontkit';
import { fontPresets, type FontId } from '@shared/figures/fontPresets';

const requireHere = createRequire(__filename);

export type FaceStyle = 'regular' | 'bold' | 'italic';

export interface LoadedFont {
  id: FontId;
  family: string;
  /** TTF bytes per face. */
  faces: Record<FaceStyle, Buffer>;
  /** Absolute paths of the faces (resvg loads fonts from files). */
  files: Record<FaceStyle, string>;
  /** fontkit's parsed regular face, for measuring text. */
  metrics: fontkit.Font;
  bold: fontkit.Font;
  licenceName: string;
  licenceText: string;
  /** sha256 of the regular face (hex), recorded in the manifest. */
  sha256: string;
  /** npm package and version the files came from. */
  source: string;
}

interface FontSource { pkg: string; faces: Record<FaceStyle, string>; licence: string; licenceName: string }

const sources: Record<FontId, FontSource> = {
  'computer-modern': {
    pkg: 'computer-modern',
    faces: { regular: 'fonts/cmu-serif-500-roman.ttf', bold: 'fonts/cmu-serif-700-roman.ttf', italic: 'fonts/cmu-serif-500-italic.ttf' },
    licence: 'OFL.txt',
    licenceName: 'OFL-1.1-CMU-Serif.txt',
  },
  times: {
    pkg: '@expo-google-fonts/tinos',
    faces: { regular: '400Regular/Tinos_400Regular.ttf', bold: '700Bold/Tinos_700Bold.ttf', italic: '400Regular_Italic/Tinos_400Regular_Italic.ttf' },
    licence: 'LICENSE_FONT',
    licenceName: 'OFL-1.1-Tinos.txt',
  },
};

const cache = new Map<FontId, LoadedFont>();

function parse(bytes: Buffer, what: string): fontkit.Font {
  const font = fontkit.create(bytes);
  if (!('layout' in font)) throw new Error(`${what} is a font collection, not one face`);
  return font as fontkit.Font;
}

/** The preset's faces, parsed once per process. */
export function loadFont(id: FontId): LoadedFont {
  const hit = cache.get(id);
  if (hit) return hit;
  const source = sources[id];
  const packageJson = requireHere.resolve(`${source.pkg}/package.json`);
  const root = dirname(packageJson);
  const read = (file: string) => readFileSync(join(root, file));
  const files = { regular: join(root, source.faces.regular), bold: join(root, source.faces.bold), italic: join(root, source.faces.italic) };
  const faces = { regular: read(source.faces.regular), bold: read(source.faces.bold), italic: read(source.faces.italic) };
  const version = (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;
  const loaded: LoadedFont = {
    id,
    family: fontPresets[id].family,
    faces,
    files,
    metrics: parse(faces.regular, `${source.pkg}/${source.faces.regular}`),
    bold: parse(faces.bold, `${source.pkg}/${source.faces.bold}`),
    licenceName: source.licenceName,
    licenceText: read(source.licence).toString('utf8'),
    sha256: createHash('sha256').update(faces.regular).digest('hex'),
    source: `${source.pkg}@${version}`,
  };
  cache.set(id, loaded);
  return loaded;
}
