// Export time of a 30-figure pack (metric curves, scatters, phase map, class heatmap, confusion matrices,
// sample grids; ICML preset) from a workspace database (after a warm-up pack loads the fonts and ECharts).
import type { Bench } from './benchTypes';
import { buildPack } from '../src/main/core/export/exportPack';
import { packSpecSchema, type FigureSpecInput } from '../src/shared/figures/packSpec';
import { tempDir } from '../tests/helpers/tempWorkbench';
import { createPackFixture } from '../tests/main/core/export/packFixture';

const bench: Bench = {
  title: 'figure pack export',
  async run() {
    const dir = tempDir('ouroboros-bench-pack-');
    const fx = createPackFixture(dir.path);
    const r = fx.runs;
    const kinds: FigureSpecInput[] = [
      { kind: 'metrics', id: 'm', runs: [r.loopA, r.loopB], metric: 'frechet' },
      { kind: 'metrics', id: 'm', runs: [r.loopA, r.loopB], metric: 'traceRatio', logAxis: true },
      { kind: 'scatter', id: 's', run: r.loopA, generation: 20 },
      { kind: 'phase-map', id: 'p', run: r.phase },
      { kind: 'class-heatmap', id: 'c', run: r.neural },
      { kind: 'confusion', id: 'x', run: r.classifier },
      { kind: 'sample-grid', id: 'g', run: r.neural, columns: 8 },
      { kind: 'metrics', id: 'm', runs: [r.neural], metric: 'fid' },
      { kind: 'metrics', id: 'm', runs: [r.loopA], metric: 'meanError' },
      { kind: 'metrics', id: 'm', runs: [r.loopB], metric: 'logDetDiff' },
    ];
    const figures = Array.from({ length: 30 }, (_, i) => ({ ...kinds[i % kinds.length], id: `f${i}` }));
    const spec = packSpecSchema.parse({ title: 'Bench pack', venue: 'icml', font: 'times', figures });
    await buildPack(packSpecSchema.parse({ figures: figures.slice(0, 10) }), fx.source); // warm-up: fonts, ECharts
    const start = performance.now();
    const built = await buildPack(spec, fx.source);
    const seconds = (performance.now() - start) / 1000;
    fx.close();
    dir.remove();
    return [{
      name: '30-figure pack → ZIP (PDF, SVG, 300-dpi PNG, CSV per figure; figures.pdf, LaTeX, manifest)',
      value: seconds, unit: 's', target: { value: 5, better: 'lower' },
      note: `${(built.zip.byteLength / 1e6).toFixed(1)} MB ZIP`,
    }];
  },
};
export default bench;
