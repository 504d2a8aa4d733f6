// `npm run bench`: runs every registered benchmark and prints value, target and the ratio against a
// baseline measured in the same run. Targets are reported, never asserted (timing is not a test).
import type { Bench, BenchResult } from './benchTypes';

const benches: Array<() => Promise<{ default: Bench }>> = [
  // Each bench module default-exports a Bench; add new ones here.
  () => import('./gaussianLoop.bench'),
  () => import('./metricsInsert.bench'),
  () => import('./serveColdStart.bench'),
  () => import('./datasetImport.bench'),
  () => import('./generativeMetrics.bench'),
  () => import('./dcganThroughput.bench'),
  () => import('./diffusionThroughput.bench'),
  () => import('./smallCnnThroughput.bench'),
  () => import('./gridFirstPaint.bench'),
  () => import('./classifierFashion.bench'),
  () => import('./featureExtraction.bench'),
  () => import('./w2sMetrics.bench'),
  () => import('./w2sExperiment.bench'),
  () => import('./figurePack.bench'),
  () => import('./slurmExecutor.bench'),
  () => import('./sweepLocal.bench'),
];

function formatRow(r: BenchResult): string {
  const parts = [`${r.name}: ${r.value.toPrecision(4)} ${r.unit}`];
  if (r.target) {
    const ok = r.target.better === 'lower' ? r.value <= r.target.value : r.value >= r.target.value;
    parts.push(`target ${r.target.better === 'lower' ? '<' : '>'} ${r.target.value} ${r.unit} ${ok ? 'MET' : 'MISSED'}`);
  }
  if (r.baseline) parts.push(`baseline ${r.baseline.name} ${r.baseline.value.toPrecision(4)} → ratio ${(r.value / r.baseline.value).toFixed(2)}×`);
  if (r.peakMemoryMiB !== undefined) parts.push(`peak ${r.peakMemoryMiB.toFixed(0)} MiB`);
  if (r.note) parts.push(r.note);
  return parts.join(' | ');
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  for (const load of benches) {
    const bench = (await load()).default;
    if (only.length && !only.some((o) => bench.title.toLowerCase().includes(o.toLowerCase()))) continue;
    console.log(`\n== ${bench.title}`);
    for (const result of await bench.run()) console.log('  ' + formatRow(result));
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
