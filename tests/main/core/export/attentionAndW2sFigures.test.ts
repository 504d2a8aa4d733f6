// The figure kinds added for attention classifiers and weak-to-strong runs, drawn from a real workspace database:
// attention maps (image + overlay per layer, column titles, colour bar), a model's reliability diagram, the
// confusion change and the sweep figure (the comparison view's own builders). Each: SVG parses at the venue's
// width with its labels, PNG 300 dpi, PDF fonts embedded and text extractable (poppler, skipped where absent),
// CSV = the artifact's numbers; bad seeds/steps name the figure; the default pack of such runs includes them.
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
import { neuralArtifactNames } from '../../../../src/shared/contract/neuralArtifacts';
import { weakToStrongArtifactNames } from '../../../../src/shared/contract/weakToStrongArtifacts';
import { figureSpecSchema, packSpecSchema, type PackSpec } from '../../../../src/shared/figures/packSpec';
import { comparisonFixture, sweepFixture } from '../../../fixtures/weakToStrongViews/artifacts';
import { tempDir } from '../../../helpers/tempWorkbench';
import { createPackFixture, packFile, svgTexts, writePackFiles, type PackFixture } from './packFixture';
import { figureToolsPresent, skippedTag, tool } from './figureTools';

let dir: ReturnType<typeof tempDir>;
let fx: PackFixture;
let w2sRun: string;
let spec: PackSpec;
let built: BuiltPack;
const out = join(__dirname, '../../../../test-results/figure-pack/more');

/** 2 layers of 4×4 maps over 3 test images of 8×8 grey pixels; map values i/15 shifted per image. */
const attention = {
  format: 'attention-maps/1', step: 200, count: 3, height: 8, width: 8, channels: 1,
  pixels: Buffer.from(Array.from({ length: 3 * 64 }, (_, i) => (i * 29) % 256)).toString('base64'),
  labels: [0, 1, 2], predicted: [0, 2, 2], classNames: ['ring', 'square', 'star'],
  layers: [
    { layer: 'cbam1', mapHeight: 4, mapWidth: 4, maps: Array.from({ length: 3 * 16 }, (_, i) => ((i % 16) / 15 + Math.floor(i / 16) * 0.1) / 1.2) },
    { layer: 'cbam2', mapHeight: 2, mapWidth: 2, maps: Array.from({ length: 3 * 4 }, (_, i) => (i % 4) / 3) },
  ],
};

function write(runId: string, name: string, kind: string, step: number | null, body: unknown): void {
  const path = join(dir.path, 'runs', runId, name);
  mkdirSync(join(path, '..'), { recursive: true });
  const text = JSON.stringify(body);
  writeFileSync(path, text);
  fx.database.artifacts.upsert(runId, { name, kind, step, path, bytes: text.length, sha256: sha256Hex(text), createdAt: '2025-01-01T00:00:00.000Z' });
}

beforeAll(async () => {
  dir = tempDir('ouroboros-pack-more-');
  fx = createPackFixture(dir.path);
  write(fx.runs.classifier, neuralArtifactNames.attentionMaps(200), 'attention-maps', 200, attention);
  const config = experimentConfigSchema.parse({ kind: 'weak-to-strong', name: 'w2s shapes', params: {} });
  w2sRun = fx.database.runs.createExperimentAndRun({ kind: config.kind, name: 'w2s shapes', config, seed: 1 }).id;
  write(w2sRun, weakToStrongArtifactNames.comparison(1), 'w2s-comparison', 1, comparisonFixture(1));
  write(w2sRun, weakToStrongArtifactNames.comparison(2), 'w2s-comparison', 2, comparisonFixture(2));
  write(w2sRun, weakToStrongArtifactNames.sweep, 'w2s-sweep', null, sweepFixture());
  spec = packSpecSchema.parse({
    title: 'More kinds', venue: 'icml', font: 'times',
    figures: [
      { kind: 'attention', id: 'attention', run: fx.runs.classifier, items: 3 },
      { kind: 'w2s-reliability', id: 'reliability', run: w2sRun, model: 'weak', seed: 2, aspect: 0.8 },
      { kind: 'w2s-confusion-change', id: 'change', run: w2sRun, aspect: 0.9 },
      { kind: 'w2s-sweep', id: 'sweep', run: w2sRun, span: 'page', aspect: 0.45 },
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
const labels: Record<string, string[]> = {
  attention: ['image', 'cbam1', 'cbam2', 'ring', 'square', 'predicted star', 'attention (each map’s own range)', 'min', 'max'],
  reliability: ['accuracy', 'mean confidence'],
  change: ['circle', 'square', 'triangle'],
  sweep: ['strong ceiling accuracy (ground truth)', 'logistic · naive', 'mlp (supervisor)'],
};

describe('attention and weak-to-strong figures', () => {
  it('each SVG parses, is the venue’s width, and carries its labels', () => {
    for (const figure of spec.figures) {
      const svg = file(`figures/${figure.id}/${figure.id}.svg`).toString('utf8');
      expect(XMLValidator.validate(svg), figure.id).toBe(true);
      const root = new XMLParser({ ignoreAttributes: false }).parse(svg).svg;
      expect(root['@_width'], figure.id).toBe(figure.span === 'page' ? '486pt' : '234pt');
      const found = texts(svg).join('\n');
      for (const label of labels[figure.id]) expect(found, `${figure.id}: ${label}`).toContain(label);
    }
  });

  it('the attention grid: a header row, one row per image with the image and a heat overlay per layer, and a colour bar', async () => {
    const svg = file('figures/attention/attention.svg').toString('utf8');
    expect(svg.match(/<image /g)).toHaveLength(3);
    expect(svg.match(/<rect [^>]*fill="rgb\(/g)!.length).toBe(64);
    const png = await sharp(file('figures/attention/attention.png')).metadata();
    expect(png.width).toBe(3.25 * 300);
    expect(png.density).toBe(300);
    // CSV: every map cell of the 3 images drawn, values exactly the artifact's.
    const rows = file('figures/attention/attention.csv').toString('utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    expect(rows).toHaveLength(3 * 16 + 3 * 4);
    const cbam1 = rows.filter((r) => r[4] === 'cbam1' && r[1] === '1');
    expect(cbam1.map((r) => Number(r[7]))).toEqual(attention.layers[0].maps.slice(16, 32));
  });

  it('reliability, confusion change and sweep CSVs hold the comparison’s and sweep’s numbers', () => {
    const reliability = file('figures/reliability/reliability.csv').toString('utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const bins = comparisonFixture(2).models.weak.reliability.filter((b) => b.count > 0);
    expect(reliability.map((r) => Number(r[4]))).toEqual(bins.map((b) => b.count));
    expect(reliability.map((r) => Number(r[6]))).toEqual(bins.map((b) => b.accuracy));
    const change = file('figures/change/change.csv').toString('utf8').trim().split('\n').slice(1).map((l) => Number(l.split(',')[3]));
    expect(change).toEqual(comparisonFixture(1).confusionChange.flat());
    const sweep = file('figures/sweep/sweep.csv').toString('utf8').trim().split('\n');
    expect(sweep[0]).toBe('run,weak,strong,method,seeds,weak_accuracy,w2s_accuracy,ceiling_accuracy');
    expect(sweep.length - 1).toBeGreaterThan(1);
  });

  it.skipIf(!figureToolsPresent)(`PDFs embed their fonts (no Type 3) and their text extracts${skippedTag}`, () => {
    const path = join(out, 'figures/attention/attention.pdf');
    const fonts = tool('pdffonts', [path]).trim().split('\n').slice(2);
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) {
      expect(line).not.toMatch(/Type 3/);
      expect(line).toMatch(/yes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$/); // embedded, subset
    }
    expect(tool('pdftotext', [path, '-']).replace(/\s+/g, ' ')).toContain('cbam1');
    expect(tool('pdftotext', [join(out, 'figures/sweep/sweep.pdf'), '-'])).toMatch(/accuracy/i);
  });

  it('names the figure when the step, seed or artifact is missing, and the default pack includes these figures', async () => {
    const parse = (f: unknown) => figureSpecSchema.parse(f);
    await expect(figureData(parse({ kind: 'attention', id: 'att', run: fx.runs.classifier, step: 7 }), fx.source)).rejects.toThrow(/figure "att".*no attention maps at step 7 \(steps: 200\)/);
    await expect(figureData(parse({ kind: 'attention', id: 'att', run: fx.runs.neural }), fx.source)).rejects.toThrow(/figure "att".*no attention maps/);
    await expect(figureData(parse({ kind: 'w2s-reliability', id: 'rel', run: w2sRun, seed: 9 }), fx.source)).rejects.toThrow(/figure "rel".*no comparison for seed 9 \(seeds: 1, 2\)/);
    await expect(figureData(parse({ kind: 'w2s-sweep', id: 'sw', run: fx.runs.neural }), fx.source)).rejects.toThrow(/figure "sw".*has no sweep/);
    await expect(figureData(parse({ kind: 'w2s-confusion-change', id: 'cc', run: 'gone' }), fx.source)).rejects.toThrow(/figure "cc": run gone does not exist/);
    expect(() => parse({ kind: 'attention', id: 'a', run: 'r', items: 0 })).toThrow();
    expect(() => parse({ kind: 'w2s-reliability', id: 'a', run: 'r', model: 'teacher' })).toThrow();
    const kinds = defaultPack([fx.runs.classifier, w2sRun], 'icml', undefined, fx.source).figures.map((f) => f.kind);
    expect(kinds).toEqual(expect.arrayContaining(['attention', 'w2s-reliability', 'w2s-confusion-change', 'w2s-sweep']));
  });
});
