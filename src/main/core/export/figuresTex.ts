// figures.tex (subcaption) and figures-ieeetran.tex (subfig, which IEEEtran asks for): one figure environment
// per figure, figure* for page-wide ones in two-column venues, and figures sharing a group as subfigures of one
// figure (each member's caption is its subcaption; the group's name, dashes as spaces, the main caption). Graphics are included at \linewidth (or the subfigure's share of it), i.e. at their true size.
import type { PackSpec } from '@shared/figures/packSpec';
import { venuePresets } from '@shared/figures/venuePresets';
import type { RenderedFigure } from './figureRender';
import { escapeLatex } from './latexText';

export type SubfigureStyle = 'subcaption' | 'subfig';

function captionOf(figure: RenderedFigure): string {
  return figure.spec.captionIsLatex ? figure.spec.caption : escapeLatex(figure.spec.caption);
}

function graphic(figure: RenderedFigure): string {
  return `\\includegraphics[width=\\linewidth]{\\figurepackdir/figures/${figure.spec.id}/${figure.spec.id}.pdf}`;
}

/** Figures in pack order, grouped: a group sits where its first member is. */
export function figureBlocks(figures: readonly RenderedFigure[]): RenderedFigure[][] {
  const blocks: RenderedFigure[][] = [];
  const byGroup = new Map<string, RenderedFigure[]>();
  for (const figure of figures) {
    const group = figure.spec.group;
    if (!group) { blocks.push([figure]); continue; }
    const block = byGroup.get(group);
    if (block) block.push(figure);
    else { const created = [figure]; byGroup.set(group, created); blocks.push(created); }
  }
  return blocks;
}

export function figuresTex(pack: PackSpec, figures: readonly RenderedFigure[], packDir: string, style: SubfigureStyle): string {
  const venue = venuePresets[pack.venue];
  const lines = [
    `% ${escapeLatex(pack.title)}: figures exported by Ouroboros Workbench for ${venue.title} (${venue.columnInches} in column, ${venue.pageInches} in page).`,
    style === 'subcaption' ? '% Needs \\usepackage{graphicx} and \\usepackage{subcaption}.' : '% For IEEEtran: needs \\usepackage{graphicx} and \\usepackage[caption=false,font=footnotesize]{subfig}.',
    `\\providecommand{\\figurepackdir}{${packDir}}`,
    '',
  ];
  for (const block of figureBlocks(figures)) {
    const wide = venue.twoColumn && block[0].spec.span === 'page';
    const env = wide ? 'figure*' : 'figure';
    lines.push(`\\begin{${env}}[t]`, '  \\centering');
    if (block.length === 1) {
      const f = block[0];
      lines.push(`  ${graphic(f)}`, `  \\caption{${captionOf(f)}}`, `  \\label{fig:${f.spec.id}}`);
    } else {
      block.forEach((f, i) => {
        const fraction = f.fractionOfLine.toFixed(4);
        if (style === 'subcaption') {
          lines.push(`  \\begin{subfigure}[t]{${fraction}\\linewidth}`, '    \\centering', `    ${graphic(f)}`, `    \\caption{${captionOf(f)}}`, `    \\label{fig:${f.spec.id}}`, '  \\end{subfigure}');
        } else {
          lines.push(`  \\subfloat[${captionOf(f)}\\label{fig:${f.spec.id}}]{\\includegraphics[width=${fraction}\\linewidth]{\\figurepackdir/figures/${f.spec.id}/${f.spec.id}.pdf}}`);
        }
        if (i < block.length - 1) lines.push('  \\hfill');
      });
      lines.push(`  \\caption{${escapeLatex(block[0].spec.group!.replace(/-/g, ' '))}}`, `  \\label{fig:${block[0].spec.group}}`);
    }
    lines.push(`\\end{${env}}`, '');
  }
  return lines.join('\n');
}
