// The figure pack end to end in the core: every figure kind drawn from a real workspace database, checked as
// files (SVG parses with its labels and size, PDF page size and embedded non-Type-3 fonts, text extractable,
// PDF raster vs PNG, PNG dpi, CSV vs the stored metrics), the ZIP against its manifest, and byte-identical
// repeat exports. PDF checks use poppler and are skipped, with the reason, where it is absent.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { unzipSync } from 'fflate';
import sharp from 'sharp';
import { buildPack, type BuiltPack } from '../../../../src/main/core/export/exportPack';
import { sha256Hex } from '../../../../src/main/core/export/canonicalJson';
import { packSpecSchema, type PackSpec } from '../../../../src/shared/figures/packSpec';
import { venuePresets } from '../../../../src/shared/figures/venuePresets';
import { legendRowPt } from '../../../../src/shared/charts/figureTheme';
import { tempDir } from '../../../helpers/tempWorkbench';
import { createPackFixture, packFile, writePackFiles, type PackFixture } from './packFixture';
import { figureToolsPresent, skippedTag, tool } from './figureTools';

let dir: ReturnType<typeof tempDir>;
let fx: PackFixture;
let spec: PackSpec;
let built: BuiltPack;
const out = join(__dirname, '../../../../test-results/figure-pack');

function specFor(r: PackFixture['runs'], font: 'times' | 'computer-modern' = 'times'): PackSpec {
  return packSpecSchema.parse({
    title: 'Test pack', venue: 'icml', font,
    figures: [
      { kind: 'metrics', id: 'frechet', runs: [r.loopA, r.loopB], metric: 'frechet', caption: 'Fréchet distance, 10–90 % band & mean.' },
      { kind: 'metrics', id: 'trace', runs: [r.loopA, r.loopB], metric: 'traceRatio', logAxis: true, legend: 'right', span: 'page' },
      { kind: 'scatter', id: 'scatter-last', run: r.loopA, generation: 20, group: 'scatters', caption: 'generation 20' },
      { kind: 'scatter', id: 'scatter-first', run: r.loopA, generation: 0, group: 'scatters', caption: 'reference' },
      { kind: 'phase-map', id: 'phase', run: r.phase, aspect: 0.8 },
      { kind: 'class-heatmap', id: 'classes', run: r.neural },
      { kind: 'confusion', id: 'confusion', run: r.classifier, aspect: 0.9 },
      { kind: 'sample-grid', id: 'grid', run: r.neural, columns: 8 },
      { kind: 'metrics', id: 'fid', runs: [r.neural], metric: 'fid', legend: 'none' },
    ],
  });
}

beforeAll(async () => {
  dir = tempDir('ouroboros-pack-');
  fx = createPackFixture(dir.path);
  spec = specFor(fx.runs);
  built = await buildPack(spec, fx.source);
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'test-pack.zip'), built.zip);
  writePackFiles(built.files, join(out, 'files'));
}, 180_000);

afterAll(() => {
  fx?.close();
  dir?.remove();
});

const file = (path: string) => packFile(built.files, path);
const expectedLabels: Record<string, string[]> = {
  frechet: ['Fréchet distance', 'generation', 'fully synthetic', 'fresh data'],
  trace: ['Trace ratio', 'generation', 'fully synthetic', 'fresh data'],
  'scatter-last': ['axis 1', 'axis 2', 'generation 20 samples'],
  'scatter-first': ['axis 1', 'reference samples'],
  phase: ['n_s (synthetic samples per generation)', 'n_r (real samples per generation)'],
  classes: ['generation', 'ring', 'square', 'star'],
  confusion: ['predicted', 'true', 'ring', 'square'],
  grid: ['generation 1', 'FID 291', 'generation 4'],
  fid: ['FID', 'generation'],
};

describe('figure pack files', () => {
  it('lays out the pack: per-figure PDF/SVG/PNG/CSV, figures.pdf, LaTeX, manifest, README, font licence', () => {
    const paths = [...built.files.keys()];
    for (const figure of spec.figures) for (const ext of ['pdf', 'svg', 'png', 'csv']) expect(paths).toContain(`figures/${figure.id}/${figure.id}.${ext}`);
    expect(paths).toEqual(expect.arrayContaining(['figures.pdf', 'figures.tex', 'figures-ieeetran.tex', 'tables.tex', 'macros.tex', 'manifest.json', 'README.md', 'fonts/OFL-1.1-Tinos.txt']));
  });

  it.each(Object.keys(expectedLabels))('%s: the SVG parses, is sized in points and holds its labels', (id) => {
    const svg = file(`figures/${id}/${id}.svg`).toString('utf8');
    expect(XMLValidator.validate(svg)).toBe(true);
    const root = new XMLParser({ ignoreAttributes: false }).parse(svg).svg as Record<string, string>;
    const figure = spec.figures.find((f) => f.id === id)!;
    const venue = venuePresets.icml;
    const width = figure.group ? (venue.columnInches - 0.1) / 2 : figure.span === 'page' ? venue.pageInches : venue.columnInches;
    expect(parseFloat(root['@_width'])).toBeCloseTo(width * 72, 2);
    expect(root['@_width'].endsWith('pt')).toBe(true);
    if (figure.kind !== 'sample-grid') {
      // `aspect` sizes the plot with a one-row legend; a legend that wraps (narrow subfigures) adds whole rows.
      const extraRows = (parseFloat(root['@_height']) - width * 72 * figure.aspect) / legendRowPt(venue.fontPt) + 0;
      expect(extraRows).toBeCloseTo(Math.round(extraRows), 1);
      expect(Math.round(extraRows)).toBeGreaterThanOrEqual(0);
      if (!figure.group) expect(Math.abs(Math.round(extraRows))).toBe(0);
    }
    const text = svg.replace(/&amp;/g, '&');
    for (const label of expectedLabels[id]) expect(text).toContain(label);
    expect(svg).toContain('font-family:Tinos');
  });

  it('PNG: inches × 300 pixels wide with 300 dpi recorded (pHYs)', async () => {
    for (const figure of spec.figures) {
      const png = file(`figures/${figure.id}/${figure.id}.png`);
      const meta = await sharp(png).metadata();
      const svg = file(`figures/${figure.id}/${figure.id}.svg`).toString('utf8');
      const widthPt = parseFloat(/width="([\d.]+)pt"/.exec(svg)![1]);
      expect(meta.width).toBe(Math.round((widthPt / 72) * 300));
      expect(meta.density).toBe(300);
    }
  });

  it('CSV of a metrics figure holds exactly the stored mean, p10 and p90 of each run', () => {
    const csv = file('figures/frechet/frechet.csv').toString('utf8').trim().split('\n');
    expect(csv[0]).toBe('run,series,step,value,band');
    const rows = csv.slice(1).map((line) => line.split(','));
    for (const runId of [fx.runs.loopA, fx.runs.loopB]) {
      for (const band of ['', 'p10', 'p90']) {
        const stored = fx.database.metrics.series(runId, [band ? `frechet.${band}` : 'frechet.mean'])[0];
        const mine = rows.filter((r) => r[0] === runId && r[4] === band);
        expect(mine.map((r) => Number(r[2]))).toEqual(stored.steps);
        expect(mine.map((r) => Number(r[3]))).toEqual(stored.values); // exact: shortest round-trip text
      }
    }
  });

  it('the ZIP holds every file under one root folder, and each matches its sha256 in the manifest', () => {
    const entries = unzipSync(built.zip);
    const manifest = JSON.parse(Buffer.from(entries['test-pack/manifest.json']).toString('utf8'));
    const names = Object.keys(entries).filter((n) => !n.endsWith('/'));
    expect(names.every((n) => n.startsWith('test-pack/'))).toBe(true);
    const hashed = Object.keys(manifest.files);
    expect(hashed.sort()).toEqual(names.map((n) => n.slice('test-pack/'.length)).filter((n) => n !== 'manifest.json').sort());
    for (const [path, hash] of Object.entries(manifest.files)) expect(sha256Hex(entries[`test-pack/${path}`]), path).toBe(hash);
    const frechet = manifest.figures.find((f: { id: string }) => f.id === 'frechet');
    expect(frechet.runIds).toEqual([fx.runs.loopA, fx.runs.loopB]);
    expect(frechet.metricKeys).toEqual(['frechet.mean', 'frechet.median', 'frechet.p10', 'frechet.p90']);
    expect(frechet.steps).toHaveLength(20);
    expect(frechet.aggregation).toContain('8/8 Monte-Carlo seeds');
    expect(manifest.runs.find((r: { id: string }) => r.id === fx.runs.neural).datasets).toHaveProperty('builtin-shapes10');
    expect(manifest.pack.font.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.generator.libraries.echarts).toMatch(/^\d/);
  });

  it('two exports of the same spec are byte-identical', async () => {
    const again = await buildPack(spec, fx.source);
    const differing = [...built.files.keys()].filter((path) => sha256Hex(again.files.get(path)!) !== sha256Hex(built.files.get(path)!));
    expect(differing).toEqual([]);
    expect(sha256Hex(again.zip)).toBe(sha256Hex(built.zip));
  }, 120_000);

  it('tables.tex and macros.tex quote the final stored values', () => {
    const tables = file('tables.tex').toString('utf8');
    expect(tables).toContain('\\toprule');
    expect(tables).toContain('fully synthetic');
    const macros = file('macros.tex').toString('utf8');
    const fid = fx.database.metrics.series(fx.runs.neural, ['fid'])[0];
    expect(macros).toMatch(new RegExp(`\\\\newcommand\\{\\\\obFid[A-Z]+\\}\\{${String(Number(fid.values.at(-1)!.toPrecision(3)))}\\}`));
  });
});

describe(`figure pack PDFs (poppler)${skippedTag}`, () => {
  it.skipIf(!figureToolsPresent)('page size equals the figure within 0.5 pt; fonts embedded, none Type 3; text extractable', () => {
    for (const figure of spec.figures) {
      const pdf = join(out, 'files', `figures/${figure.id}/${figure.id}.pdf`);
      const svg = file(`figures/${figure.id}/${figure.id}.svg`).toString('utf8');
      const [, w, h] = /width="([\d.]+)pt" height="([\d.]+)pt"/.exec(svg)!;
      const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(tool('pdfinfo', [pdf]))!;
      expect(Math.abs(Number(size[1]) - Number(w))).toBeLessThan(0.5);
      expect(Math.abs(Number(size[2]) - Number(h))).toBeLessThan(0.5);
      const fonts = tool('pdffonts', [pdf]).trim().split('\n').slice(2);
      expect(fonts.length).toBeGreaterThan(0);
      for (const line of fonts) {
        expect(line).not.toMatch(/Type 3/);
        expect(line).toMatch(/CID TrueType\s+Identity-H\s+yes yes/);
      }
      const text = tool('pdftotext', [pdf, '-']).replace(/\s+/g, ' ');
      for (const label of expectedLabels[figure.id]) expect(text, `${figure.id}: ${label}`).toContain(label);
    }
  });

  it.skipIf(!figureToolsPresent)('the PDF rasterised at 300 dpi matches the PNG within a small pixel tolerance', async () => {
    for (const id of ['frechet', 'confusion', 'grid']) {
      const base = join(out, `raster-${id}`);
      tool('pdftoppm', ['-r', '300', '-png', '-singlefile', join(out, 'files', `figures/${id}/${id}.pdf`), base]);
      const a = await sharp(`${base}.png`).removeAlpha().raw().toBuffer({ resolveWithObject: true });
      const b = await sharp(file(`figures/${id}/${id}.png`)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
      expect(Math.abs(a.info.width - b.info.width)).toBeLessThanOrEqual(1);
      expect(Math.abs(a.info.height - b.info.height)).toBeLessThanOrEqual(1);
      const w = Math.min(a.info.width, b.info.width);
      const h = Math.min(a.info.height, b.info.height);
      let differ = 0;
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
        const i = (y * a.info.width + x) * 3;
        const j = (y * b.info.width + x) * 3;
        if (Math.max(Math.abs(a.data[i] - b.data[j]), Math.abs(a.data[i + 1] - b.data[j + 1]), Math.abs(a.data[i + 2] - b.data[j + 2])) > 64) differ++;
      }
      const fraction = differ / (w * h);
      console.log(`${id}: PDF raster vs PNG differ on ${(fraction * 100).toFixed(2)} % of pixels`);
      expect(fraction).toBeLessThan(0.03);
    }
  }, 120_000);
});
