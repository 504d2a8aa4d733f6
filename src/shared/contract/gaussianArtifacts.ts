// Names and shapes of the Gaussian experiments' JSON artifacts that charts draw (per-generation scatter samples
// and the phase map), shared by the renderer's panels and the figure export so both find, check and read the
// same files the same way. Artifacts are plain JSON from disk, so they are checked before use.
import type { ArtifactInfo } from './models';
export const phaseMapArtifactName = 'phase-map.json';
const scatterPattern = /^scatter\/gen-(\d{4,})\.json$/;

/** `scatter/gen-0003.json` for generation 3 (generation 0 is the reference distribution). */
export function scatterArtifactName(generation: number): string {
  return `scatter/gen-${String(generation).padStart(4, '0')}.json`;
}

/** Scatter artifacts of a run, by generation ascending. */
export function scatterArtifacts(artifacts: readonly ArtifactInfo[]): Array<{ generation: number; artifact: ArtifactInfo }> {
  const out: Array<{ generation: number; artifact: ArtifactInfo }> = [];
  for (const artifact of artifacts) {
    const match = scatterPattern.exec(artifact.name);
    if (match) out.push({ generation: Number(match[1]), artifact });
  }
  return out.sort((a, b) => a.generation - b.generation);
}

export interface ScatterArtifact {
  generation: number;
  axes: [string, string];
  /** Samples projected on the reference's two main axes, `[x, y]` each. */
  points: Array<[number, number]>;
  /** Standard deviations of the reference along the two axes (ellipse centred at 0). */
  referenceEllipse: { sx: number; sy: number };
}

export interface PhaseMapArtifact {
  lambda: number;
  realSamplesGrid: number[];
  syntheticSamplesGrid: number[];
  /** n_e / n_r, rows n_r × cols n_s; null (or NaN) for a cell not computed yet. */
  ratio: Array<Array<number | null>>;
  ne: Array<Array<number | null>>;
  limitDistance: Array<Array<number | null>>;
}

const isNumber = (v: unknown): v is number => typeof v === 'number';
const isNumberArray = (v: unknown): v is number[] => Array.isArray(v) && v.every(isNumber);
const isMatrix = (v: unknown, rows: number, cols: number): boolean =>
  Array.isArray(v) &&
  v.length === rows &&
  v.every((row) => Array.isArray(row) && row.length === cols && row.every((c) => c === null || isNumber(c)));

export function parseScatterArtifact(value: unknown): ScatterArtifact | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const axes = v.axes;
  const ellipse = v.referenceEllipse as Record<string, unknown> | undefined;
  if (!isNumber(v.generation) || !Array.isArray(axes) || axes.length !== 2) return null;
  if (!ellipse || !isNumber(ellipse.sx) || !isNumber(ellipse.sy)) return null;
  if (!Array.isArray(v.points) || !v.points.every((p) => Array.isArray(p) && p.length >= 2 && isNumber(p[0]) && isNumber(p[1]))) {
    return null;
  }
  return {
    generation: v.generation,
    axes: [String(axes[0]), String(axes[1])],
    points: v.points as Array<[number, number]>,
    referenceEllipse: { sx: ellipse.sx, sy: ellipse.sy },
  };
}

export function parsePhaseMapArtifact(value: unknown): PhaseMapArtifact | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (!isNumber(v.lambda) || !isNumberArray(v.realSamplesGrid) || !isNumberArray(v.syntheticSamplesGrid)) return null;
  const rows = v.realSamplesGrid.length;
  const cols = v.syntheticSamplesGrid.length;
  if (!isMatrix(v.ratio, rows, cols) || !isMatrix(v.ne, rows, cols) || !isMatrix(v.limitDistance, rows, cols)) return null;
  return value as PhaseMapArtifact;
}
