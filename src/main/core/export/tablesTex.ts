// tables.tex: one booktabs table per run kind in the pack, final headline metrics per run (mean ± half the
// 10–90 % band over seeds where the run has seeds; needs graphicx for the fit-to-column box), one per guidance
// sweep the pack draws (a row per w), and macros.tex: a \newcommand per quoted number, so prose
// cites the same digits as the tables.
import { formatNumber } from '@shared/charts/numberFormat';
import type { GuidanceSweep } from '@shared/contract/neuralArtifacts';
import type { RunRecord } from '../store/runsRepository';
import type { FinalValue } from './finalMetrics';
import { commandWord, escapeLatex, letters } from './latexText';

export interface RunFinals { run: RunRecord; values: FinalValue[] }
/** A guidance sweep drawn by the pack (its first figure's id labels the table). */
export interface SweepTable { figureId: string; run: RunRecord; sweep: GuidanceSweep }

const number = (v: number) => formatNumber(v, 3).replace('−', '-').replace(/e([+-]?\d+)$/, '\\times10^{$1}');
const cell = (v: FinalValue) => `$${number(v.mean)}${v.spread === null ? '' : ` \\pm ${formatNumber(v.spread, 2).replace(/e([+-]?\d+)$/, '\\times10^{$1}')}`}$`;

/** One row per swept value: w (or γ), λ, FID, precision, recall, classes covered k / K, accuracy on the samples. */
function sweepTable({ figureId, run, sweep }: SweepTable): string[] {
  const cfg = sweep.guidance === 'classifier-free';
  const numClasses = sweep.entries[0]?.grid.classNames?.length ?? 0;
  const value = (v: number | null) => (v === null ? '--' : `$${number(v)}$`);
  const lines = [
    '\\begin{table}[t]',
    '  \\centering',
    `  \\caption{Guidance sweep of ${escapeLatex(run.name)} at step ${sweep.step}: ${sweep.samples} samples per value from the same noise and classes (${escapeLatex(sweep.sampler)}).}`,
    `  \\label{tab:${figureId}}`,
    '  \\resizebox{\\ifdim\\width>\\linewidth\\linewidth\\else\\width\\fi}{!}{%',
    `  \\begin{tabular}{${cfg ? 'rr' : 'r'}rrrrr}`,
    '    \\toprule',
    `    ${cfg ? '$w$ & $\\lambda = 1/(1+w)$' : '$\\gamma$'} & FID $\\downarrow$ & Precision & Recall & Classes covered & Accuracy \\\\`,
    '    \\midrule',
  ];
  for (const e of sweep.entries) {
    const m = e.metrics;
    const covered = m.classesCovered === null ? '--' : `${m.classesCovered}${numClasses ? ` / ${numClasses}` : ''}`;
    lines.push(`    ${[`$${number(e.value)}$`, ...(cfg ? [value(e.lambda)] : []), value(m.fid), value(m.precision), value(m.recall), covered, value(m.accuracy)].join(' & ')} \\\\`);
  }
  lines.push('    \\bottomrule', '  \\end{tabular}}', '\\end{table}', '');
  return lines;
}

export function tablesTex(finals: readonly RunFinals[], sweeps: readonly SweepTable[] = []): string {
  const lines = ['% Final metrics of the pack\'s runs (Ouroboros Workbench). Needs \\usepackage{booktabs}.', ''];
  const kinds = [...new Set(finals.filter((f) => f.values.length > 0).map((f) => f.run.kind))];
  for (const kind of kinds) {
    const rows = finals.filter((f) => f.run.kind === kind && f.values.length > 0);
    const keys = [...new Set(rows.flatMap((r) => r.values.map((v) => v.key)))];
    const labels = keys.map((k) => rows.flatMap((r) => r.values).find((v) => v.key === k)!.label);
    const seeded = rows.some((r) => r.values.some((v) => v.spread !== null));
    lines.push(
      '\\begin{table}[t]',
      '  \\centering',
      `  \\caption{Final ${escapeLatex(kind)} metrics${seeded ? ' (mean $\\pm$ half the 10--90\\,\\% band over seeds)' : ''}.}`,
      `  \\label{tab:${kind}}`,
      // Shrunk to the column only when wider than it (two-column venues), never enlarged.
      '  \\resizebox{\\ifdim\\width>\\linewidth\\linewidth\\else\\width\\fi}{!}{%',
      `  \\begin{tabular}{l${'r'.repeat(keys.length)}}`,
      '    \\toprule',
      `    Run & ${labels.map(escapeLatex).join(' & ')} \\\\`,
      '    \\midrule',
    );
    for (const { run, values } of rows) {
      const cells = keys.map((k) => { const v = values.find((x) => x.key === k); return v ? cell(v) : '--'; });
      lines.push(`    ${escapeLatex(run.name)} & ${cells.join(' & ')} \\\\`);
    }
    lines.push('    \\bottomrule', '  \\end{tabular}}', '\\end{table}', '');
  }
  for (const sweep of sweeps) lines.push(...sweepTable(sweep));
  if (kinds.length === 0 && sweeps.length === 0) lines.push('% (no run of this pack records final metrics)');
  return lines.join('\n');
}

/** `\obFidA`-style names: metric, then the run's letter in pack order (A = first run of the pack). */
export function macrosTex(finals: readonly RunFinals[]): string {
  const lines = ['% Numbers quoted in prose, one \\newcommand each (Ouroboros Workbench). Run letters follow the pack\'s run order.', ''];
  finals.forEach(({ run, values }, i) => {
    lines.push(`% Run ${letters(i)}: ${escapeLatex(run.name)} (${run.id}, ${run.kind})`);
    lines.push(`\\newcommand{\\obRun${letters(i)}}{${escapeLatex(run.name)}}`);
    for (const v of values) {
      const text = number(v.mean);
      lines.push(`\\newcommand{\\ob${commandWord(v.key)}${letters(i)}}{${text.includes('\\times') ? `\\ensuremath{${text}}` : text}}% final ${escapeLatex(v.label)} at ${v.stepName} ${v.step}`);
      if (v.spread !== null) lines.push(`\\newcommand{\\ob${commandWord(v.key)}Spread${letters(i)}}{${formatNumber(v.spread, 2)}}% half the 10--90 % band over seeds`);
    }
    lines.push('');
  });
  return lines.join('\n');
}
