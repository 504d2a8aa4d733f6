// A workspace database with one run of each kind the figure export draws, with deterministic metrics and
// artifacts written as the experiments write them (real SQLite file, real JSON files on disk).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { experimentConfigSchema, type ExperimentConfigInput } from '../../../../src/shared/config/experimentKinds';
import { neuralArtifactNames } from '../../../../src/shared/contract/neuralArtifacts';
import { openDatabase, type WorkbenchDatabase } from '../../../../src/main/core/store/database';
import { databaseSource, type ExportSource } from '../../../../src/main/core/export/exportSource';
import { sha256Hex } from '../../../../src/main/core/export/canonicalJson';

export interface PackFixture {
  database: WorkbenchDatabase;
  source: ExportSource;
  runs: { loopA: string; loopB: string; phase: string; neural: string; classifier: string };
  close(): void;
}

function addRun(database: WorkbenchDatabase, input: ExperimentConfigInput) {
  const config = experimentConfigSchema.parse(input);
  const record = database.runs.createExperimentAndRun({ kind: config.kind, name: config.name ?? config.kind, config, seed: 1 });
  database.runs.setStatus(record.id, 'completed', { finishedAt: '2025-01-01T00:00:00.000Z' });
  return record.id;
}

function writeArtifact(database: WorkbenchDatabase, dir: string, runId: string, name: string, kind: string, step: number | null, body: unknown): void {
  const path = join(dir, runId, name);
  mkdirSync(join(path, '..'), { recursive: true });
  const text = JSON.stringify(body);
  writeFileSync(path, text);
  database.artifacts.upsert(runId, { name, kind, step, path, bytes: text.length, sha256: sha256Hex(text), createdAt: '2025-01-01T00:00:00.000Z' });
}

/** Gaussian-loop metrics: `<key>.mean|p10|p90` per generation 1..T, smooth and distinct per run. */
function loopMetrics(database: WorkbenchDatabase, runId: string, scale: number, generations = 20): void {
  const points = [];
  for (let g = 1; g <= generations; g++) {
    for (const [key, base] of [['frechet', 0.5], ['meanError', 0.1], ['traceRatio', 1], ['logDetDiff', -0.2]] as const) {
      const mean = key === 'traceRatio' ? Math.pow(0.97, g * scale) : base * g * scale + 0.01 * Math.sin(g);
      const half = Math.abs(mean) * 0.2 + 0.01;
      points.push({ key: `${key}.mean`, step: g, value: mean }, { key: `${key}.p10`, step: g, value: mean - half }, { key: `${key}.p90`, step: g, value: mean + half }, { key: `${key}.median`, step: g, value: mean });
    }
  }
  database.metrics.insert(runId, points);
}

export function createPackFixture(workspace: string): PackFixture {
  const runsDir = join(workspace, 'runs');
  mkdirSync(runsDir, { recursive: true });
  const database = openDatabase(join(workspace, 'workbench.db'));
  const loopA = addRun(database, { kind: 'gaussian-loop', name: 'fully synthetic', params: { loop: 'fully-synthetic', generations: 20, seeds: 8 } });
  const loopB = addRun(database, { kind: 'gaussian-loop', name: 'fresh data', params: { loop: 'fresh-data', generations: 20, seeds: 8 } });
  loopMetrics(database, loopA, 1.3);
  loopMetrics(database, loopB, 0.6);
  for (const runId of [loopA, loopB]) {
    for (const g of [0, 5, 20]) {
      const points = Array.from({ length: 200 }, (_, i) => [Math.cos(i * 0.7) * (1 + g * 0.02) * (i % 7) / 3, Math.sin(i * 1.3) * (i % 5) / 3]);
      writeArtifact(database, runsDir, runId, `scatter/gen-${String(g).padStart(4, '0')}.json`, 'scatter', g, { generation: g, axes: ['axis 1', 'axis 2'], points, referenceEllipse: { sx: 1.2, sy: 0.6 } });
    }
  }
  const phase = addRun(database, { kind: 'gaussian-phase-map', name: 'phase map', params: {} });
  const grid = [10, 30, 100];
  writeArtifact(database, runsDir, phase, 'phase-map.json', 'phase-map', null, {
    lambda: 1, realSamplesGrid: grid, syntheticSamplesGrid: grid,
    ratio: grid.map((nr) => grid.map((ns) => 1 + (ns - nr) / 200)), ne: grid.map((nr) => grid.map((ns) => nr + ns / 2)), limitDistance: grid.map(() => grid.map(() => 0.5)),
  });
  const neural = addRun(database, { kind: 'neural-loop', name: 'MAD demo', params: { dataset: 'builtin-shapes10', generations: 4 } });
  const classNames = ['ring', 'square', 'star'];
  const fidPoints = [];
  for (let g = 1; g <= 4; g++) {
    fidPoints.push({ key: 'fid', step: g, value: 200 + g * 90.5 }, { key: 'precision', step: g, value: 0.4 + g * 0.05 }, { key: 'recall', step: g, value: 0.3 / g }, { key: 'coverage', step: g, value: 0.25 / g });
    const frequencies = [0.34 + g * 0.1, 0.33 - g * 0.05, 0.33 - g * 0.05];
    writeArtifact(database, runsDir, neural, neuralArtifactNames.classHistogram(g), 'class-histogram', g, { format: 'class-histogram/1', generation: g, classNames, frequencies, covered: 3, coverageThreshold: 0.05, samples: 500 });
    const count = 12;
    const pixels = Buffer.alloc(count * 8 * 8);
    for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 37 + g * 50) % 256;
    writeArtifact(database, runsDir, neural, neuralArtifactNames.generationGrid(g), 'sample-grid', g, { format: 'sample-grid/1', step: g, count, height: 8, width: 8, channels: 1, pixels: pixels.toString('base64'), labels: null, predicted: null, classNames: null, lambda: 1 });
  }
  database.metrics.insert(neural, fidPoints);
  const classifier = addRun(database, { kind: 'train-model', name: 'cnn classifier', params: { dataset: 'builtin-shapes10', task: 'classifier' } });
  database.metrics.insert(classifier, [{ key: 'testAccuracy', step: 100, value: 0.9 }, { key: 'testAccuracy', step: 200, value: 0.95 }, { key: 'loss', step: 100, value: 0.5 }, { key: 'loss', step: 200, value: 0.2 }]);
  writeArtifact(database, runsDir, classifier, neuralArtifactNames.confusionMatrix(200), 'confusion-matrix', 200, { format: 'confusion-matrix/1', step: 200, classNames, matrix: [[90, 5, 5], [3, 95, 2], [10, 0, 90]], accuracy: 0.9167 });
  return { database, source: databaseSource(database), runs: { loopA, loopB, phase, neural, classifier }, close: () => database.close() };
}

/** Writes every file of a built pack under `dir` (the tests look at them as a user would). */
export function writePackFiles(files: ReadonlyMap<string, Uint8Array>, dir: string): void {
  for (const [path, bytes] of files) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), bytes);
  }
}

/** One file of a built pack, or a test failure naming it. */
export function packFile(files: ReadonlyMap<string, Uint8Array>, path: string): Buffer {
  const bytes = files.get(path);
  if (!bytes) throw new Error(`${path} is not in the pack`);
  return Buffer.from(bytes);
}

/** The text of every <text> element of an SVG, in order. */
export const svgTexts = (svg: string): string[] => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
