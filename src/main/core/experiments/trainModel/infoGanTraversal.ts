// The latent-traversal view of an InfoGAN run (the paper's figure): per continuous code a grid whose rows are
// the values of categorical code 0 and whose columns sweep that code from −2 to 2, all from one fixed z drawn
// once per run; and the purity / I(c; class) of each categorical code, measured with the feature classifier.
import * as tf from '@tensorflow/tfjs';
import type { InfoGanTraversal as TraversalArtifact } from '@shared/contract/infoGanArtifacts';
import { generate } from '../../engine/models/ganModels';
import type { InfoGanModels } from '../../engine/models/infoGanHead';
import { infoGanInput, sampleCodes, type InfoGanCodes } from '../../engine/models/infoGanLatent';
import { sampleLatents } from '../../engine/models/latent';
import { codePurity } from '../../metrics/codePurity';
import { ganImagesToUint8, toBase64 } from './imageScaling';

/** Stream ids: the grid's fixed noise, and the purity samples' noise and codes (fixed for the whole run). */
const STREAM = { grid: 0x1f0a, purityNoise: 0x1f0b, purityCodes: 0x1f0c } as const;
/** Rows shown when there is no categorical code (rows then vary z). */
const NOISE_ROWS = 5;
/** Samples generated per forward pass. */
const CHUNK = 256;

/** Classifies uint8 HWC images; null when the classifier has no class head for this dataset. */
export type Classify = (images: Uint8Array, count: number) => Promise<Int32Array | null>;

/** Evenly spaced values from −2 to 2 (the paper sweeps beyond the training range [−1, 1]). */
export function sweepValues(columns: number): number[] {
  return Array.from({ length: columns }, (_, i) => -2 + (4 * i) / (columns - 1));
}

export class InfoGanTraversal {
  readonly rows: number;
  readonly columnValues: number[];
  readonly columns: number;

  constructor(readonly models: InfoGanModels, columns: number, readonly samplesPerValue: number, readonly seed: number, readonly classNames: string[] | null) {
    const { spec } = models;
    this.rows = spec.categoricalCodes > 0 ? spec.categories : NOISE_ROWS;
    this.columnValues = spec.continuousCodes > 0 ? sweepValues(columns) : [];
    this.columns = columns;
  }

  /** Codes of one grid: row r sets categorical code 0 to r (others 0); column c sets code `swept` to its value. */
  gridCodes(swept: number | null): { codes: InfoGanCodes; noiseIndex: Int32Array } {
    const { spec } = this.models;
    const n = this.rows * this.columns;
    const categorical = new Int32Array(n * spec.categoricalCodes);
    const continuous = new Float32Array(n * spec.continuousCodes);
    const noiseIndex = new Int32Array(n);
    for (let r = 0; r < this.rows; r++) for (let c = 0; c < this.columns; c++) {
      const i = r * this.columns + c;
      if (spec.categoricalCodes > 0) categorical[i * spec.categoricalCodes] = r;
      if (swept !== null) continuous[i * spec.continuousCodes + swept] = this.columnValues[c];
      noiseIndex[i] = spec.categoricalCodes === 0 ? r : swept === null ? c : 0;
    }
    return { codes: { n, categorical, continuous }, noiseIndex };
  }

  /** Generated images of one grid, uint8 [rows·columns, H, W, C]. */
  private async gridPixels(swept: number | null): Promise<Uint8Array> {
    const { codes, noiseIndex } = this.gridCodes(swept);
    const { gan, noiseDim, spec } = this.models;
    const images = tf.tidy(() => {
      const noise = sampleLatents(Math.max(this.rows, this.columns), noiseDim, { seed: this.seed, step: 0, stream: STREAM.grid });
      const z = tf.gather(noise, tf.tensor1d(noiseIndex, 'int32')) as tf.Tensor2D;
      return generate(gan, infoGanInput(z, codes, spec));
    });
    try {
      return await ganImagesToUint8(images);
    } finally {
      images.dispose();
    }
  }

  /** Purity and I(c; class) of categorical code `code`: samplesPerValue samples per value, other codes and z random. */
  private async purityOf(code: number, classify: Classify, classes: number): Promise<TraversalArtifact['purity'][number] | null> {
    const { gan, noiseDim, spec } = this.models;
    const n = spec.categories * this.samplesPerValue;
    const codes = sampleCodes(n, spec, { seed: this.seed, step: code, stream: STREAM.purityCodes });
    const values = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      values[i] = Math.floor(i / this.samplesPerValue);
      codes.categorical[i * spec.categoricalCodes + code] = values[i];
    }
    const predicted = new Int32Array(n);
    for (let start = 0, chunk = 0; start < n; start += CHUNK, chunk++) {
      const size = Math.min(CHUNK, n - start);
      const part: InfoGanCodes = {
        n: size,
        categorical: codes.categorical.subarray(start * spec.categoricalCodes, (start + size) * spec.categoricalCodes),
        continuous: codes.continuous.subarray(start * spec.continuousCodes, (start + size) * spec.continuousCodes),
      };
      const images = tf.tidy(() => generate(gan, infoGanInput(sampleLatents(size, noiseDim, { seed: this.seed, step: code * 10_000 + chunk, stream: STREAM.purityNoise }), part, spec)));
      let labels: Int32Array | null;
      try {
        labels = await classify(await ganImagesToUint8(images), size);
      } finally {
        images.dispose();
      }
      if (!labels) return null;
      predicted.set(labels, start);
    }
    return { code, ...codePurity(values, predicted, spec.categories, classes) };
  }

  /** The traversal artifact at `step`; purity needs `classify` and the class count it predicts. */
  async artifact(step: number, classify?: { run: Classify; classes: number }): Promise<TraversalArtifact> {
    const { spec, gan } = this.models;
    const [height, width, channels] = gan.sampleShape;
    const grids: TraversalArtifact['grids'] = [];
    const sweeps = spec.continuousCodes > 0 ? Array.from({ length: spec.continuousCodes }, (_, j) => j) : [null];
    for (const swept of sweeps) grids.push({ continuousCode: swept, pixels: toBase64(await this.gridPixels(swept)) });
    const purity: TraversalArtifact['purity'] = [];
    let note: string | null = null;
    if (spec.categoricalCodes === 0) note = 'no categorical code, so no purity';
    else if (this.samplesPerValue === 0) note = 'purity skipped (puritySamples = 0)';
    else if (!classify) note = 'purity needs a feature classifier with a class head for this dataset (a labelled dataset and FID samples > 0)';
    else {
      for (let code = 0; code < spec.categoricalCodes; code++) {
        const p = await this.purityOf(code, classify.run, classify.classes);
        if (!p) {
          note = 'the feature classifier gave no class predictions';
          break;
        }
        purity.push(p);
      }
    }
    return {
      format: 'infogan-traversal/1', step, height, width, channels: channels as 1 | 3,
      rows: this.rows, columns: this.columns, rowsVary: spec.categoricalCodes > 0 ? 'categorical' : 'noise',
      columnValues: this.columnValues, grids, purity, samplesPerValue: this.samplesPerValue,
      classNames: this.classNames, note,
    };
  }
}
