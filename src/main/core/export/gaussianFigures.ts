// Figures of the Gaussian experiments: one generation's scatter on the reference's main axes (with the 1σ and
// 2σ reference ellipses) and the effective-sample-size phase map, drawn by the app's own option builders.
import { buildPhaseMapOption } from '@shared/charts/phaseMapOption';
import { buildScatterOption, ellipsePoints, growScatterRange } from '@shared/charts/scatterOption';
import { parsePhaseMapArtifact, parseScatterArtifact, phaseMapArtifactName, scatterArtifactName } from '@shared/contract/gaussianArtifacts';
import type { FigureSpec } from '@shared/figures/packSpec';
import { WorkbenchError } from '@shared/errors';
import type { ExportSource } from './exportSource';
import type { FigureData } from './figureModel';

type Spec<K extends FigureSpec['kind']> = Extract<FigureSpec, { kind: K }>;

function requireKind(spec: FigureSpec, kind: string, runKind: string, expected: string): void {
  if (runKind !== expected) {
    throw new WorkbenchError('invalid-input', `figure "${spec.id}": a ${kind} figure needs a ${expected} run, not ${runKind}`, { figure: spec.id });
  }
}

export async function scatterFigure(spec: Spec<'scatter'>, source: ExportSource): Promise<FigureData> {
  const run = source.run(spec.id, spec.run);
  requireKind(spec, 'scatter', run.kind, 'gaussian-loop');
  const name = scatterArtifactName(spec.generation);
  const artifact = parseScatterArtifact(await source.artifactJson(spec.id, run.id, name));
  if (!artifact) throw new WorkbenchError('invalid-input', `figure "${spec.id}": ${name} of run ${run.id} is not a scatter artifact`);
  const option = buildScatterOption(artifact, growScatterRange(null, artifact));
  const rows: Array<Array<string | number>> = artifact.points.map(([x, y]) => [run.id, 'samples', spec.generation, x, y]);
  for (const k of [1, 2]) {
    for (const [x, y] of ellipsePoints(artifact.referenceEllipse.sx, artifact.referenceEllipse.sy, k)) rows.push([run.id, `${k}sigma-reference`, spec.generation, x, y]);
  }
  return {
    drawing: { type: 'chart', option },
    csv: { header: ['run', 'series', 'step', 'x', 'y'], rows },
    provenance: { runIds: [run.id], metricKeys: [], steps: [spec.generation], aggregation: 'samples of the first seed, projected on the reference’s two main axes', artifacts: [name] },
  };
}

export async function phaseMapFigure(spec: Spec<'phase-map'>, source: ExportSource): Promise<FigureData> {
  const run = source.run(spec.id, spec.run);
  requireKind(spec, 'phase-map', run.kind, 'gaussian-phase-map');
  const map = parsePhaseMapArtifact(await source.artifactJson(spec.id, run.id, phaseMapArtifactName));
  if (!map) throw new WorkbenchError('invalid-input', `figure "${spec.id}": ${phaseMapArtifactName} of run ${run.id} is not a phase map`);
  const rows: Array<Array<string | number>> = [];
  map.realSamplesGrid.forEach((nr, r) => map.syntheticSamplesGrid.forEach((ns, c) => {
    const ratio = map.ratio[r]?.[c];
    if (typeof ratio === 'number' && Number.isFinite(ratio)) rows.push([run.id, nr, ns, ratio]);
  }));
  return {
    drawing: { type: 'chart', option: buildPhaseMapOption(map) },
    csv: { header: ['run', 'n_r', 'n_s', 'ne_over_nr'], rows },
    provenance: { runIds: [run.id], metricKeys: ['ne/nr'], steps: [], aggregation: `Monte-Carlo estimate per cell at lambda = ${map.lambda}`, artifacts: [phaseMapArtifactName] },
  };
}
