// The figure kinds of issue 13's views, drawn from a real workspace database: a diffusion run's guidance sweep
// (grids stacked or side by side, labelled w and λ; the metrics chart) and an InfoGAN run's latent traversal
// (rows = c₀ with majority class and purity, columns = the code −2 … 2). Each: SVG parses at the venue's width
// with its labels, tiles are the artifact's pixels, PNG 300 dpi, PDF fonts embedded (poppler, skipped where
// absent), CSV = the artifact's numbers, tables.tex has the sweep's rows; bad specs and data name the field.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import sharp from 'sharp';
import { buildPack, type BuiltPack } from '../../../../src/main/core/export/exportPack';
import { sha256Hex } from '../../../../src/main/core/export/canonicalJson';
import { defaultPack } from '../../../../src/main/core/export/defaultPack';
import { figureData } from '../../../../src/main/core/export/figureRender';
import { experimentConfigSchema } from '../../../../src/shared/config/experimentKinds';
import { infoGanArtifactName } from '../../../../src/shared/contract/infoGanArtifacts';
import { neuralArtifactNames } from '../../../../src/shared/contract/neuralArtifacts';
import { describePackIssues, figureSpecSchema, packSpecSchema, type PackSpec } from '../../../../src/shared/figures/packSpec';
import { tempDir } from '../../../helpers/tempWorkbench';
import { createPackFixture, packFile, svgTexts, writePackFiles, type PackFixture } from './packFixture';
import { figureToolsPresent, skippedTag, tool } from './figureTools';

let dir: ReturnType<typeof tempDir>;
let fx: PackFixture;
let diffusionRun: string;
let infoGanRun: string;
let spec: PackSpec;
let built: BuiltPack;
const out = join(__dirname, '../../../../test-results/figure-pack/guidance-infogan');

const classNames = ['ring', 'square', 'star'];
const H = 8;
/** Pixel (y, x) of sample i under guidance value index v: distinct per sample and value, so a misplaced tile shows. */
const pixel = (v: number, i: number, y: number, x: number) => (v * 80 + i * 9 + y * 3 + x) % 256;
const sweepGrid = (v: number) => ({
  format: 'sample-grid/1', step: 300, count: 6, height: H, width: H, channels: 1,
  pixels: Buffer.from(Array.from({ length: 6 * H * H }, (_, k) => pixel(v, Math.floor(k / (H * H)), Math.floor((k % (H * H)) / H), k % H))).toString('base64'),
  labels: [0, 1, 2, 0, 1, 2], predicted: [0, 1, 1, 0, 2, 2], classNames, lambda: 1 / (1 + [0, 0.5, 2][v]),
});
const sweep = {
  format: 'guidance-sweep/1', step: 300, guidance: 'classifier-free', samples: 50, sampler: 'DDIM 10 steps, η = 0',
  entries: [
    { value: 0, lambda: 1, grid: sweepGrid(0), metrics: { fid: 120.5, precision: 0.4, recall: 0.5, classesCovered: 3, accuracy: 0.3 }, seconds: 2 },
    { value: 0.5, lambda: 2 / 3, grid: sweepGrid(1), metrics: { fid: 100.25, precision: 0.6, recall: 0.45, classesCovered: 3, accuracy: 0.5 }, seconds: 2 },
    { value: 2, lambda: 1 / 3, grid: sweepGrid(2), metrics: { fid: 90.125, precision: 0.8, recall: 0.3, classesCovered: 2, accuracy: null }, seconds: 2 },
  ],
  warnings: [],
};

/** 3 categorical values × 5 columns, 2 continuous codes; pixel = code·100 + row·20 + column·4 (+ position). */
const traversal = {
  format: 'infogan-traversal/1', step: 400, height: H, width: H, channels: 1, rows: 3, columns: 5, rowsVary: 'categorical',
  columnValues: [-2, -1, 0, 1, 2],
  grids: [0, 1].map((code) => ({
    continuousCode: code,
    pixels: Buffer.from(Array.from({ length: 15 * H * H }, (_, k) => { const cell = Math.floor(k / (H * H)); return (code * 100 + Math.floor(cell / 5) * 20 + (cell % 5) * 4 + ((k % (H * H)) % 7)) % 256; })).toString('base64'),
  })),
  purity: [{
    code: 0,
    perValue: [{ value: 0, count: 40, majorityClass: 2, purity: 0.8 }, { value: 1, count: 40, majorityClass: 0, purity: 0.625 }, { value: 2, count: 40, majorityClass: 1, purity: 0.45 }],
    purity: 0.625, mutualInformationBits: 0.71, maxBits: Math.log2(3), samples: 120,
  }],
  samplesPerValue: 40, classNames, note: null,
};

function write(runId: string, name: string, kind: string, step: number | null, body: unknown): void {
  const path = join(dir.path, 'runs', runId, name);
  mkdirSync(join(path, '..'), { recursive: true });
  const text = JSON.stringify(body);
  writeFileSync(path, text);
  fx.database.artifacts.upsert(runId, { name, kind, step, path, bytes: text.length, sha256: sha256Hex(text), createdAt: '2025-01-01T00:00:00.000Z' });
}

function addRun(name: string, params: Record<string, unknown>): string {
  const config = experimentConfigSchema.parse({ kind: 'train-model', name, params });
  return fx.database.runs.createExperimentAndRun({ kind: config.kind, name, config, seed: 1 }).id;
}

beforeAll(async () => {
  dir = tempDir('ouroboros-pack-guidance-');
  fx = createPackFixture(dir.path);
  diffusionRun = addRun('cfg diffusion', { dataset: 'builtin-shapes10', task: 'diffusion' });
  write(diffusionRun, neuralArtifactNames.guidanceSweep(300), 'guidance-sweep', 300, sweep);
  infoGanRun = addRun('infogan shapes', { dataset: 'builtin-shapes10', task: 'gan', 'infoGan.enabled': true });
  write(infoGanRun, infoGanArtifactName(200), 'infogan-traversal', 200, { ...traversal, step: 200, purity: [] , note: 'purity skipped (puritySamples = 0)' });
  write(infoGanRun, infoGanArtifactName(400), 'infogan-traversal', 400, traversal);
  spec = packSpecSchema.parse({
    title: 'Guidance and InfoGAN', venue: 'icml', font: 'times',
    figures: [
      { kind: 'guidance-sweep', id: 'stacked', run: diffusionRun, samples: 4 },
      { kind: 'guidance-sweep', id: 'side', run: diffusionRun, layout: 'side-by-side', values: [2, 0], samples: 5 },
      { kind: 'guidance-sweep-metrics', id: 'metrics', run: diffusionRun },
      { kind: 'guidance-sweep-metrics', id: 'recall', run: diffusionRun, metrics: ['recall', 'classesCovered'], legend: 'none' },
      { kind: 'infogan-traversal', id: 'traversal', run: infoGanRun, code: 1 },
    ],
  });
  built = await buildPack(spec, fx.source);
  mkdirSync(out, { recursive: true });
  writePackFiles(built.files, out);
}, 180_000);

afterAll(() => {
  fx?.close();
  dir?.remove();
});

const file = (path: string) => packFile(built.files, path);
const texts = svgTexts;
const csvRows = (id: string) => file(`figures/${id}/${id}.csv`).toString('utf8').trim().split('\n').map((l) => l.split(','));
const labels: Record<string, string[]> = {
  stacked: ['w = 0', 'w = 0.5', 'w = 2', 'λ = 1', 'λ = 0.667', 'λ = 0.333'],
  side: ['w = 2', 'w = 0', 'λ = 0.333', 'λ = 1', 'ring', 'square', 'star'],
  metrics: ['FID', 'precision', 'recall', 'accuracy', 'classes covered (share)', 'w = 0.5'],
  recall: ['share ↑', 'w = 2'], // legend 'none'
  traversal: ['c₀ = 0', 'c₀ = 2', 'star 80 %', 'ring 63 %', 'square 45 %', '−2.0', '0.0', '2.0', 'continuous c2 →'],
};

/** The embedded PNGs of a grid SVG, decoded to grey pixels (the montage is RGB with R = G = B for 1 channel). */
async function embeddedRows(svg: string): Promise<Array<{ data: Buffer; width: number; height: number }>> {
  const images = [...svg.matchAll(/xlink:href="data:image\/png;base64,([^"]+)"/g)].map((m) => Buffer.from(m[1], 'base64'));
  return Promise.all(images.map(async (png) => {
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height, channels: info.channels } as { data: Buffer; width: number; height: number };
  }));
}

describe('guidance sweep and InfoGAN traversal figures', () => {
  it('each SVG parses, is the venue’s column width, and carries its labels', () => {
    for (const figure of spec.figures) {
      const svg = file(`figures/${figure.id}/${figure.id}.svg`).toString('utf8');
      expect(XMLValidator.validate(svg), figure.id).toBe(true);
      expect(new XMLParser({ ignoreAttributes: false }).parse(svg).svg['@_width'], figure.id).toBe('234pt');
      const found = texts(svg).join('\n');
      for (const label of labels[figure.id]) expect(found, `${figure.id}: ${label}`).toContain(label);
    }
    // The chart of two [0, 1] metrics without a legend has no FID axis and no legend entries.
    expect(texts(file('figures/recall/recall.svg').toString('utf8')).join('\n')).not.toMatch(/FID|recall|classes covered/);
  });

  it('stacked: a row per value with the first samples; side by side: a row per sample, a column per chosen value', async () => {
    const stacked = await embeddedRows(file('figures/stacked/stacked.svg').toString('utf8'));
    expect(stacked).toHaveLength(3);
    // Side by side, each value's column is a grid of its own: a gap between columns, so one image per tile.
    const side = await embeddedRows(file('figures/side/side.svg').toString('utf8'));
    expect(side).toHaveLength(5 * 2);
    // Tile (row, column) top-left pixel is the artifact's: stacked row v column i = value v's sample i …
    for (const [v, row] of stacked.entries()) {
      const tile = row.width / 4;
      for (let i = 0; i < 4; i++) expect(row.data[i * tile * 3], `stacked v${v} s${i}`).toBe(pixel(v, i, 0, 0));
    }
    // … side-by-side row i column c = sample i of value [2, 0][c] (value indices 2 and 0).
    for (let i = 0; i < 5; i++) {
      expect(side[2 * i].data[0], `side s${i} w=2`).toBe(pixel(2, i, 0, 0));
      expect(side[2 * i + 1].data[0], `side s${i} w=0`).toBe(pixel(0, i, 0, 0));
    }
    const png = await sharp(file('figures/side/side.png')).metadata();
    expect(png.width).toBe(3.25 * 300);
    expect(png.density).toBe(300);
  });

  it('the grid CSV names each drawn sample’s value, λ and class; the metrics CSV holds exactly the plotted numbers', () => {
    const side = csvRows('side');
    expect(side[0]).toEqual(['run', 'step', 'guidance', 'value', 'lambda', 'sample', 'class']);
    expect(side.slice(1)).toHaveLength(2 * 5);
    expect(side.slice(1).map((r) => [Number(r[3]), Number(r[4]), r[6]]).slice(0, 5)).toEqual([0, 1, 2, 3, 4].map((i) => [2, 1 / 3, classNames[i % 3]]));
    const metrics = csvRows('metrics');
    expect(metrics[0]).toEqual(['run', 'step', 'guidance', 'value', 'lambda', 'metric', 'plotted']);
    const plotted = (key: string) => metrics.slice(1).filter((r) => r[5] === key).map((r) => [Number(r[3]), Number(r[6])]);
    expect(plotted('fid')).toEqual(sweep.entries.map((e) => [e.value, e.metrics.fid]));
    expect(plotted('accuracy')).toEqual([[0, 0.3], [0.5, 0.5]]); // null at w = 2: not drawn, not in the CSV
    expect(plotted('classesCovered')).toEqual([[0, 1], [0.5, 1], [2, 2 / 3]]); // drawn as a share of 3 classes
    expect(new Set(csvRows('recall').slice(1).map((r) => r[5]))).toEqual(new Set(['recall', 'classesCovered']));
  });

  it('the traversal: a row per c₀ value with the chosen code’s tiles, its CSV the rows’ labels and purity', async () => {
    const rows = await embeddedRows(file('figures/traversal/traversal.svg').toString('utf8'));
    expect(rows).toHaveLength(3);
    for (const [r, row] of rows.entries()) {
      const tile = row.width / 5;
      for (let c = 0; c < 5; c++) expect(row.data[c * tile * 3], `row ${r} column ${c}`).toBe((100 + r * 20 + c * 4) % 256);
    }
    const csv = csvRows('traversal');
    expect(csv[0]).toEqual(['run', 'step', 'continuous_code', 'row', 'row_label', 'majority_class', 'purity', 'samples']);
    expect(csv.slice(1).map((r) => [r[2], r[4], r[5], Number(r[6]), Number(r[7])])).toEqual([
      ['1', 'c₀ = 0', 'star', 0.8, 40], ['1', 'c₀ = 1', 'ring', 0.625, 40], ['1', 'c₀ = 2', 'square', 0.45, 40],
    ]);
    expect(built.manifest.figures.find((f) => f.id === 'traversal')!.aggregation).toContain('I(c₀; class) 0.710');
  });

  it('tables.tex holds the sweep once, a row per value with w, λ and the metrics', () => {
    const tex = file('tables.tex').toString('utf8');
    expect(tex.match(/Guidance sweep of cfg diffusion/g)).toHaveLength(1);
    expect(tex).toContain('\\label{tab:stacked}');
    // Three significant digits, as the final-metrics tables.
    expect(tex).toContain('$0.5$ & $0.667$ & $100$ & $0.6$ & $0.45$ & 3 / 3 & $0.5$ \\\\');
    expect(tex).toContain('$2$ & $0.333$ & $90.1$ & $0.8$ & $0.3$ & 2 / 3 & -- \\\\');
    expect(tex).toContain('(DDIM 10 steps, $\\eta$ = 0)');
  });

  it.skipIf(!figureToolsPresent)(`PDFs embed their fonts (no Type 3), their text extracts and they rasterise${skippedTag}`, () => {
    for (const id of ['side', 'metrics', 'traversal']) {
      const path = join(out, `figures/${id}/${id}.pdf`);
      for (const line of tool('pdffonts', [path]).trim().split('\n').slice(2)) {
        expect(line).not.toMatch(/Type 3/);
        expect(line).toMatch(/yes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$/);
      }
      tool('pdftoppm', ['-png', '-r', '100', '-singlefile', path, join(out, `figures/${id}/${id}-raster`)]);
    }
    expect(tool('pdftotext', [join(out, 'figures/side/side.pdf'), '-'])).toContain('λ = 0.333');
    expect(tool('pdftotext', [join(out, 'figures/traversal/traversal.pdf'), '-'])).toContain('star 80 %');
  });

  it.skipIf(!figureToolsPresent)(`a paper inputting the pack's figures.tex and tables.tex compiles with pdflatex${skippedTag}`, () => {
    writeFileSync(join(out, 'paper.tex'), [
      '\\documentclass[10pt,twocolumn]{article}', '\\usepackage[margin=0.75in]{geometry}', '\\usepackage{graphicx}', '\\usepackage{booktabs}', '\\usepackage{subcaption}',
      '\\newcommand{\\figurepackdir}{.}', '\\begin{document}', '\\input{figures.tex}', '\\input{tables.tex}', '\\end{document}',
    ].join('\n'));
    tool('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', 'paper.tex'], out);
    const text = tool('pdftotext', [join(out, 'paper.pdf'), '-']);
    expect(text).toContain('Guidance sweep of cfg diffusion');
    expect(tool('sh', ['-c', 'cat paper.log'], out)).not.toMatch(/File `.*' not found|Unicode character/);
  }, 120_000);
});

describe('bad guidance-sweep and traversal specs name the field', () => {
  const issues = (figure: Record<string, unknown>) => {
    const parsed = packSpecSchema.safeParse({ figures: [figure] });
    return parsed.success ? '' : describePackIssues(parsed.error);
  };
  const parse = (f: unknown) => figureSpecSchema.parse(f);

  it('the schema refuses unknown keys and bad values', () => {
    expect(issues({ kind: 'guidance-sweep', id: 'g', run: 'r', columns: 4 })).toMatch(/figures\.0: Unrecognized key: "columns"/);
    expect(issues({ kind: 'guidance-sweep', id: 'g', run: 'r', layout: 'grid' })).toMatch(/figures\.0\.layout/);
    expect(issues({ kind: 'guidance-sweep', id: 'g', run: 'r', samples: 0 })).toMatch(/figures\.0\.samples/);
    expect(issues({ kind: 'guidance-sweep', id: 'g', run: 'r', values: [] })).toMatch(/figures\.0\.values/);
    expect(issues({ kind: 'guidance-sweep-metrics', id: 'g', run: 'r', metrics: ['fid', 'kid'] })).toMatch(/figures\.0\.metrics\.1/);
    expect(issues({ kind: 'guidance-sweep-metrics', id: 'g', run: 'r', metrics: ['fid', 'fid'] })).toMatch(/figures\.0\.metrics: each metric at most once/);
    expect(issues({ kind: 'guidance-sweep-metrics', id: 'g', run: 'r', metrics: [] })).toMatch(/figures\.0\.metrics/);
    expect(issues({ kind: 'infogan-traversal', id: 't', run: 'r', code: -1 })).toMatch(/figures\.0\.code/);
    expect(issues({ kind: 'infogan-traversal', id: 't', run: 'r', code: 1.5 })).toMatch(/figures\.0\.code/);
    expect(issues({ kind: 'infogan-traversal', id: 't', run: 'r', codes: 1 })).toMatch(/figures\.0: Unrecognized key: "codes"/);
    expect(issues({ kind: 'infogan-traversal', id: 't', run: 'r', code: 1, step: 400 })).toBe('');
  });

  it('data the run does not have: no sweep or traversal, a step, value or code that is not there', async () => {
    const fail = async (figure: unknown) => figureData(parse(figure), fx.source).then(() => { throw new Error('accepted'); }, (e: { message: string; details?: unknown }) => e);
    let e = await fail({ kind: 'guidance-sweep', id: 'g', run: fx.runs.classifier });
    expect(e.message).toMatch(/figure "g": run .* has no guidance sweep/);
    expect(e.details).toMatchObject({ figure: 'g', field: 'run' });
    e = await fail({ kind: 'guidance-sweep-metrics', id: 'm', run: diffusionRun, step: 100 });
    expect(e.message).toMatch(/figure "m": .* no guidance sweep at step 100 \(steps: 300\)/);
    expect(e.details).toMatchObject({ field: 'step' });
    e = await fail({ kind: 'guidance-sweep', id: 'g', run: diffusionRun, values: [0, 4] });
    expect(e.message).toMatch(/figure "g": values 4 were not swept \(run .* swept w = 0, 0.5, 2\)/);
    expect(e.details).toMatchObject({ field: 'values' });
    e = await fail({ kind: 'infogan-traversal', id: 't', run: infoGanRun, code: 2 });
    expect(e.message).toMatch(/figure "t": code 2 is out of range: the traversal of run .* at step 400 sweeps continuous codes 0, 1/);
    expect(e.details).toMatchObject({ field: 'code' });
    e = await fail({ kind: 'infogan-traversal', id: 't', run: diffusionRun });
    expect(e.message).toMatch(/figure "t": run .* has no latent traversal/);
    e = await fail({ kind: 'infogan-traversal', id: 't', run: infoGanRun, step: 300 });
    expect(e.message).toMatch(/no latent traversal at step 300 \(steps: 200, 400\)/);
    await expect(figureData(parse({ kind: 'infogan-traversal', id: 't', run: 'gone' }), fx.source)).rejects.toThrow(/figure "t": run gone does not exist/);
  });

  it('an earlier traversal without purity still draws, its rows without class labels', async () => {
    const data = await figureData(parse({ kind: 'infogan-traversal', id: 't', run: infoGanRun, step: 200 }), fx.source);
    if (data.drawing.type !== 'grid') throw new Error('not a grid');
    expect(data.drawing.rows.map((r) => [r.label, r.sublabel])).toEqual([['c₀ = 0', ''], ['c₀ = 1', ''], ['c₀ = 2', '']]);
    expect(data.drawing.corner).toBe('continuous c1 →');
    expect(data.provenance.aggregation).toContain('purity skipped');
  });

  it('classifier guidance: values labelled γ, no λ line or column; a traversal without categorical code labels rows z', async () => {
    const classifierRun = addRun('classifier-guided diffusion', { dataset: 'builtin-shapes10', task: 'diffusion' });
    const entries = sweep.entries.map((e, i) => ({ ...e, value: [0, 1, 3][i], lambda: null }));
    write(classifierRun, neuralArtifactNames.guidanceSweep(300), 'guidance-sweep', 300, { ...sweep, guidance: 'classifier', entries });
    const side = await figureData(parse({ kind: 'guidance-sweep', id: 'g', run: classifierRun, layout: 'side-by-side', samples: 2 }), fx.source);
    if (side.drawing.type !== 'grid') throw new Error('not a grid');
    expect(side.drawing.header).toEqual(['γ = 0', 'γ = 1', 'γ = 3']);
    expect(side.drawing.subheader).toBeUndefined();
    const stacked = await figureData(parse({ kind: 'guidance-sweep', id: 'g', run: classifierRun }), fx.source);
    if (stacked.drawing.type !== 'grid') throw new Error('not a grid');
    expect(stacked.drawing.rows.map((r) => [r.label, r.sublabel])).toEqual([['γ = 0', ''], ['γ = 1', ''], ['γ = 3', '']]);
    const pack = await buildPack(packSpecSchema.parse({ figures: [{ kind: 'guidance-sweep-metrics', id: 'cg', run: classifierRun, metrics: ['fid'] }] }), fx.source);
    const tex = Buffer.from(pack.files.get('tables.tex')!).toString('utf8');
    expect(tex).toContain('\\begin{tabular}{rrrrrr}');
    expect(tex).toContain('$\\gamma$ & FID $\\downarrow$');
    expect(tex).toContain('$3$ & $90.1$ & $0.8$ & $0.3$ & 2 / 3 & -- \\\\');

    const noiseRun = addRun('infogan no categorical', { dataset: 'builtin-shapes10', task: 'gan', 'infoGan.enabled': true });
    write(noiseRun, infoGanArtifactName(10), 'infogan-traversal', 10, { ...traversal, step: 10, rowsVary: 'noise', purity: [], note: 'no categorical code, so no purity' });
    const noise = await figureData(parse({ kind: 'infogan-traversal', id: 't', run: noiseRun }), fx.source);
    if (noise.drawing.type !== 'grid') throw new Error('not a grid');
    expect(noise.drawing.rows.map((r) => r.label)).toEqual(['z 1', 'z 2', 'z 3']);
    expect(noise.csv.rows.map((r) => r[6])).toEqual(['', '', '']);
  });

  it('the default pack of such runs includes the sweep grids, its metrics and the traversal; others do not get them', () => {
    const kinds = (runs: string[]) => defaultPack(runs, 'icml', undefined, fx.source).figures.map((f) => f.kind);
    expect(kinds([diffusionRun, infoGanRun])).toEqual(expect.arrayContaining(['guidance-sweep', 'guidance-sweep-metrics', 'infogan-traversal']));
    expect(kinds([fx.runs.classifier, fx.runs.neural])).not.toEqual(expect.arrayContaining(['guidance-sweep']));
    expect(kinds([fx.runs.classifier, fx.runs.neural])).not.toContain('infogan-traversal');
  });
});
