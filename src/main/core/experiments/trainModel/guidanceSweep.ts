// The guidance sweep of a diffusion train-model run (issue 13): after training, the same noise and classes are
// sampled once per guidance value — classifier-free w (λ = 1/(1 + w)) or classifier scale γ — and each value
// gets its grid and FID / precision / recall / classes covered / the feature classifier's accuracy on the
// samples, measured as the neural loop measures a generation (generationMetrics, the workspace extractor).
import type { DiffusionConfig } from '@shared/config/models/diffusionConfig';
import type { UnetConfig } from '@shared/config/models/unetConfig';
import type { GuidanceSweep } from '@shared/contract/neuralArtifacts';
import { WorkbenchError } from '@shared/errors';
import type * as tf from '@tensorflow/tfjs';
import type { DatasetReader } from '../../datasets/datasetReader';
import { lambdaFromGuidanceWeight } from '../../engine/diffusion/classifierFreeGuidance';
import type { NoiseSchedule } from '../../engine/diffusion/noiseSchedule';
import { sampleDiffusion, type DiffusionSampleOptions, type SamplingGuidance } from '../../engine/models/diffusion/sampleDiffusion';
import { featureMatrix, type FeatureMatrix } from '../../metrics/featureMatrix';
import type { FeatureExtractor } from '../../metrics/featureExtractor/types';
import { extractorClassNames, generationMetrics, type Embedded } from '../neuralLoop/generationMetrics';
import { argMaxRows } from './ganTraining';
import { ganImagesToUint8, toBase64 } from './imageScaling';
import { readImagesAt, seededSubset } from './trainingData';

/** Seed offset of the sweep's noise (distinct from the grid's and FID's), and the stream of its real items. */
const SWEEP_SEED = 0x5eed;
const REAL_STREAM = 0x5eee;

/** What the sweep varies, or why a run has none. */
export type GuidanceSweepPlan =
  | { run: true; guidance: 'classifier-free' | 'classifier'; values: number[]; samples: number; gridSize: number }
  | { run: false; reason: string };

/**
 * Whether a run can sweep: a conditional model, and CFG (trained with condition dropout) unless the run uses
 * classifier guidance, whose scale γ is swept instead.
 */
export function guidanceSweepPlan(diffusion: DiffusionConfig, numClasses: number, sweep: { values: number[]; samples: number; gridSize: number }): GuidanceSweepPlan {
  if (sweep.samples === 0) return { run: false, reason: 'guidance sweep skipped (guidanceSweep.samples = 0)' };
  if (numClasses === 0) return { run: false, reason: 'no guidance sweep: guidance needs a class-conditional model' };
  const guidance = diffusion.guidance === 'classifier' ? 'classifier' : 'classifier-free';
  if (guidance === 'classifier-free' && diffusion.conditionDropout === 0) {
    return { run: false, reason: 'no guidance sweep: classifier-free guidance needs condition dropout > 0 (the null class was never trained)' };
  }
  const values = [...new Set(sweep.values)];
  return { run: true, guidance, values, samples: sweep.samples, gridSize: sweep.gridSize };
}

export interface GuidanceSweepOptions {
  /** The sampling network (the EMA weights) and its config. */
  ema: tf.LayersModel;
  unet: UnetConfig;
  schedule: NoiseSchedule;
  sampling: Omit<DiffusionSampleOptions, 'seed' | 'labels' | 'guidance'>;
  /** The noisy classifier (classifier guidance only). */
  classifier: tf.LayersModel | null;
  plan: Extract<GuidanceSweepPlan, { run: true }>;
  seed: number;
  /** Training step the sweep is drawn at. */
  step: number;
  reader: DatasetReader;
  extractor: FeatureExtractor;
  onProgress?: (message: string) => void;
}

const rows = (m: FeatureMatrix, n: number): FeatureMatrix => featureMatrix(m.data.subarray(0, n * m.d), n, m.d);

function guidanceOf(o: GuidanceSweepOptions, value: number): SamplingGuidance {
  if (value === 0) return { kind: 'none' }; // w = 0 and γ = 0 are the plain conditional model, at half the cost
  if (o.plan.guidance === 'classifier-free') return { kind: 'classifier-free', weight: value };
  if (!o.classifier) throw new WorkbenchError('internal', 'guidanceSweep: classifier guidance without a noisy classifier');
  return { kind: 'classifier', classifier: o.classifier, scale: value };
}

/** Samples and measures every value of the plan from one fixed noise; returns the artifact. */
export async function runGuidanceSweep(o: GuidanceSweepOptions): Promise<GuidanceSweep> {
  const { plan, reader, extractor, unet } = o;
  const meta = reader.meta;
  if (meta.kind !== 'images') throw new WorkbenchError('invalid-input', `dataset "${meta.name}" holds points; the guidance sweep samples images`);
  const K = unet.numClasses;
  const classNames = meta.classes;
  const warnings: string[] = [];
  const testCount = reader.count('test');
  if (testCount < 2) throw new WorkbenchError('invalid-input', `guidanceSweep.samples: dataset "${meta.name}" has ${testCount} test items; the sweep's metrics need at least 2 (set it to 0 to skip the sweep)`, { field: 'guidanceSweep.samples' });
  const nReal = Math.min(plan.samples, testCount);
  if (nReal < plan.samples) warnings.push(`guidanceSweep.samples: the test split has only ${testCount} items, so each value's ${plan.samples} samples are compared with ${nReal} real ones`);
  const { images: realImages } = await readImagesAt(reader, 'test', seededSubset(testCount, nReal, o.seed, REAL_STREAM));
  const real: Embedded = await extractor.embed(realImages, nReal);
  const extractorClasses = extractorClassNames(extractor, classNames);
  const accuracyApplies = extractor.numClasses === K;
  if (!accuracyApplies) warnings.push(`accuracy: the feature classifier has ${extractor.numClasses ?? 'no'} classes, the model ${K}, so the samples' accuracy is not measured`);

  const drawn = Math.max(plan.samples, plan.gridSize);
  const labels = Int32Array.from({ length: drawn }, (_, i) => i % K);
  const seed = (o.seed ^ SWEEP_SEED) >>> 0;
  const size = Number(unet.imageSize);
  const entries: GuidanceSweep['entries'] = [];
  for (const [index, value] of plan.values.entries()) {
    o.onProgress?.(`guidance sweep: ${plan.guidance === 'classifier-free' ? 'w' : 'γ'} = ${value} (${index + 1} of ${plan.values.length})`);
    const started = performance.now();
    const out = sampleDiffusion(o.ema, unet, o.schedule, drawn, { ...o.sampling, seed, labels, guidance: guidanceOf(o, value) });
    let pixels: Uint8Array;
    try {
      pixels = await ganImagesToUint8(out.samples);
    } finally {
      out.samples.dispose();
      out.labels?.dispose();
    }
    const embedded = await extractor.embed(pixels, drawn);
    const predicted = argMaxRows(embedded.probabilities);
    const fake: Embedded = { features: rows(embedded.features, plan.samples), probabilities: embedded.probabilities ? rows(embedded.probabilities, plan.samples) : null };
    const measured = generationMetrics(real, fake, extractorClasses, null, seed);
    for (const w of measured.warnings) if (!warnings.includes(w)) warnings.push(w);
    let accuracy: number | null = null;
    if (accuracyApplies && predicted) {
      let hits = 0;
      for (let i = 0; i < plan.samples; i++) if (predicted[i] === labels[i]) hits++;
      accuracy = hits / plan.samples;
    }
    const finite = (v: number | null) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
    const itemSize = size * size * unet.channels;
    entries.push({
      value,
      lambda: plan.guidance === 'classifier-free' ? lambdaFromGuidanceWeight(value) : null,
      grid: {
        format: 'sample-grid/1', step: o.step, count: plan.gridSize, height: size, width: size, channels: unet.channels,
        pixels: toBase64(pixels.subarray(0, plan.gridSize * itemSize)), labels: Array.from(labels.subarray(0, plan.gridSize)),
        predicted: predicted ? Array.from(predicted.subarray(0, plan.gridSize)) : null, classNames,
        lambda: plan.guidance === 'classifier-free' ? lambdaFromGuidanceWeight(value) : 1,
      },
      metrics: {
        fid: finite(measured.values.fid), precision: finite(measured.values.precision), recall: finite(measured.values.recall),
        classesCovered: finite(measured.values.classesCovered), accuracy,
      },
      seconds: (performance.now() - started) / 1000,
    });
  }
  const d = o.sampling;
  return {
    format: 'guidance-sweep/1', step: o.step, guidance: plan.guidance, samples: plan.samples,
    sampler: d.sampler === 'ddim' ? `DDIM ${d.samplingSteps} steps, η = ${d.eta}` : `ancestral DDPM ${o.schedule.steps} steps`,
    entries, warnings,
  };
}
