// README.md inside a pack: what each file is and how to put the figures, tables and macros into a paper.
import type { PackSpec } from '@shared/figures/packSpec';
import { fontPresets } from '@shared/figures/fontPresets';
import { venuePresets } from '@shared/figures/venuePresets';
import type { RenderedFigure } from './figureRender';

export function packReadme(pack: PackSpec, figures: readonly RenderedFigure[], root: string): string {
  const venue = venuePresets[pack.venue];
  const font = fontPresets[pack.font];
  const list = figures.map((f) => `| \`${f.spec.id}\` | ${f.spec.kind} | ${f.widthInches.toFixed(2)} × ${(f.heightPt / 72).toFixed(2)} in | ${f.spec.caption.replace(/\|/g, '\\|').replace(/\n/g, ' ') || '–'} |`);
  return `# ${pack.title}

Figure pack exported by Ouroboros Workbench for **${venue.title}** (column ${venue.columnInches} in, page ${venue.pageInches} in;
${venue.source}), figure text ${venue.fontPt} pt in **${font.title}** (${font.matches}).

| figure | kind | size | caption |
|---|---|---|---|
${list.join('\n')}

## Files

- \`figures/<id>/<id>.pdf\` — the figure, vector, fonts embedded as TrueType subsets; the page is the figure's size.
- \`figures/<id>/<id>.svg\` — the same drawing as SVG (sized in points).
- \`figures/<id>/<id>.png\` — 300 dpi raster (the dpi is recorded in the file), for slides and web pages.
- \`figures/<id>/<id>.csv\` — exactly the numbers drawn, long format (one row per plotted value).
- \`figures.pdf\` — every figure, one per page, to proofread.
- \`figures.tex\` — a figure environment per figure (subcaption for grouped figures); \`figures-ieeetran.tex\` — the same with subfig, for IEEEtran.
- \`tables.tex\` — booktabs tables of the runs' final metrics; \`macros.tex\` — \\newcommand for each number (\`\\obFidA\` = final FID of run A).
- \`manifest.json\` — provenance: app version and commit, library versions, preset, font hash, and per figure the runs,
  config hashes, seeds, dataset checksums, metric keys and steps plotted, the aggregation, and the sha256 of every file.
- \`fonts/\` — the licence of the figure font.

## In a paper

Unzip next to your \`.tex\` file (this creates \`${root}/\`), then:

\`\`\`latex
\\usepackage{graphicx}
\\usepackage{booktabs}
\\usepackage{subcaption}   % IEEEtran: \\usepackage[caption=false,font=footnotesize]{subfig} and figures-ieeetran.tex
\\input{${root}/macros.tex}
...
\\input{${root}/figures.tex}  % or include one figure: \\includegraphics[width=\\linewidth]{${root}/figures/<id>/<id>.pdf}
\\input{${root}/tables.tex}
\`\`\`

Figures are drawn at the venue's column (or page) width, so \`width=\\linewidth\` shows them at 100 % and their text at
${venue.fontPt} pt. If the folder lives elsewhere, \`\\newcommand{\\figurepackdir}{path/to/${root}}\` before \`\\input\`.
`;
}
