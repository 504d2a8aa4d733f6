// A test paper that inputs the pack's figures.tex, tables.tex and macros.tex compiles with Debian's
// texlive-latex-recommended (pdflatex), two-column (subcaption) and one-column, and the IEEEtran-style subfig
// variant too; page 1 of each is rasterised to test-results/figure-pack/ to be looked at. Skipped, with the
// reason, where pdflatex / poppler are absent.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { buildPack } from '../../../../src/main/core/export/exportPack';
import { packSpecSchema } from '../../../../src/shared/figures/packSpec';
import { tempDir } from '../../../helpers/tempWorkbench';
import { createPackFixture, type PackFixture } from './packFixture';
import { figureToolsPresent, skippedTag, tool } from './figureTools';

let dir: ReturnType<typeof tempDir>;
let fx: PackFixture;
const out = join(__dirname, '../../../../test-results/figure-pack');

beforeAll(() => {
  dir = tempDir('ouroboros-latex-');
  fx = createPackFixture(dir.path);
});
afterAll(() => {
  fx?.close();
  dir?.remove();
});

function paper(columns: 'onecolumn' | 'twocolumn', subfigures: 'subcaption' | 'subfig'): string {
  return [
    `\\documentclass[10pt,${columns}]{article}`,
    '\\usepackage[margin=0.75in]{geometry}',
    '\\usepackage{graphicx}',
    '\\usepackage{booktabs}',
    subfigures === 'subcaption' ? '\\usepackage{subcaption}' : '\\usepackage[caption=false,font=footnotesize]{subfig}',
    '\\input{test-pack/macros.tex}',
    '\\begin{document}',
    '\\section{Results}',
    'The fully synthetic loop ends at a final FID of \\obFidC{} for run \\obRunC{}; Figure~\\ref{fig:frechet} shows the drift.',
    subfigures === 'subcaption' ? '\\input{test-pack/figures.tex}' : '\\input{test-pack/figures-ieeetran.tex}',
    '\\input{test-pack/tables.tex}',
    '\\end{document}',
  ].join('\n');
}

describe(`LaTeX test paper${skippedTag}`, () => {
  it.skipIf(!figureToolsPresent)('compiles two-column and one-column with pdflatex and includes every figure', async () => {
    const r = fx.runs;
    for (const [name, venue, columns, style] of [
      ['icml-twocolumn', 'icml', 'twocolumn', 'subcaption'],
      ['neurips-onecolumn', 'neurips', 'onecolumn', 'subcaption'],
      ['ieee-subfig', 'ieee', 'twocolumn', 'subfig'],
    ] as const) {
      const spec = packSpecSchema.parse({
        title: 'Test pack', venue, font: venue === 'neurips' ? 'computer-modern' : 'times',
        figures: [
          { kind: 'metrics', id: 'frechet', runs: [r.loopA, r.loopB], metric: 'frechet', caption: 'Fréchet distance (mean, 10–90 % band).' },
          { kind: 'scatter', id: 'scatter-last', run: r.loopA, generation: 20, group: 'scatters', caption: 'generation 20' },
          { kind: 'scatter', id: 'scatter-first', run: r.loopA, generation: 0, group: 'scatters', caption: 'reference' },
          { kind: 'sample-grid', id: 'grid', run: r.neural, columns: 8, caption: 'Samples by generation; FID at the left.' },
          { kind: 'confusion', id: 'cm', run: r.classifier, span: 'page', aspect: 0.45, caption: 'Confusion matrix_1 & #2.' },
        ],
      });
      const built = await buildPack(spec, fx.source);
      const work = join(dir.path, name);
      for (const [path, bytes] of Object.entries(unzipSync(built.zip))) {
        if (path.endsWith('/')) continue;
        mkdirSync(join(work, path, '..'), { recursive: true });
        writeFileSync(join(work, path), bytes);
      }
      writeFileSync(join(work, 'paper.tex'), paper(columns, style));
      for (let pass = 0; pass < 2; pass++) tool('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', 'paper.tex'], work);
      const text = tool('pdftotext', [join(work, 'paper.pdf'), '-']);
      expect(text).toContain('Fréchet distance');
      expect(text).toContain('Figure 1');
      expect(text).toMatch(/final FID of 562/);
      expect(text).toContain('Final neural-loop metrics');
      const log = tool('sh', ['-c', 'cat paper.log'], work);
      expect(log).not.toMatch(/File `.*' not found/);
      const overfull = log.split('\n').filter((line) => /Overfull \\hbox \((?:[1-9]\d*|0)\.\d+pt too wide\)/.test(line) && !/\(0\.\d+pt/.test(line));
      expect(overfull, name).toEqual([]);
      mkdirSync(out, { recursive: true });
      tool('pdftoppm', ['-r', '80', '-png', '-f', '1', '-l', '1', '-singlefile', join(work, 'paper.pdf'), join(out, `paper-${name}`)]);
    }
  }, 240_000);
});
