// A FeatureExtractor over any tfjs LayersModel: features are one inner layer's activations (flattened),
// probabilities the head's output (softmax applied to logits, or taken as is when the model already ends
// in a softmax). Inputs are processed in batches so 10 000 images need only one batch of activations.
import * as tf from '@tensorflow/tfjs';
import { WorkbenchError } from '@shared/errors';
import { featureMatrix, type FeatureMatrix } from '../featureMatrix';
import { imagesToTensor } from './preprocess';
import type { FeatureExtractor } from './types';

/** Samples per forward pass; bounds the activation memory of `embed`. */
export const EMBED_BATCH = 256;

export type ExtractorGeometry = { kind: 'images'; height: number; width: number; channels: number } | { kind: 'points'; dims: number };

export interface LayersExtractorSpec {
  /** The whole model; owned by the extractor from now on (disposed with it). */
  model: tf.LayersModel;
  /** Output of the layer whose activations are the features. */
  featureOutput: tf.SymbolicTensor;
  /** Output of the class head, or null when there is none. */
  headOutput: tf.SymbolicTensor | null;
  /** 'logits': softmax is applied to the head; 'probabilities': the head already is a softmax. */
  head: 'logits' | 'probabilities';
  geometry: ExtractorGeometry;
  description: string;
}

const product = (shape: (number | null)[]): number => shape.slice(1).reduce<number>((a, b) => a * (b ?? 1), 1);

export class LayersModelExtractor implements FeatureExtractor {
  readonly description: string;
  readonly featureDim: number;
  readonly numClasses: number | null;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  readonly inputKind: 'images' | 'points';
  readonly pointDims?: number;
  private readonly probe: tf.LayersModel;
  private disposed = false;

  constructor(private readonly spec: LayersExtractorSpec) {
    const { geometry } = spec;
    this.description = spec.description;
    this.inputKind = geometry.kind;
    this.height = geometry.kind === 'images' ? geometry.height : 0;
    this.width = geometry.kind === 'images' ? geometry.width : 0;
    this.channels = geometry.kind === 'images' ? geometry.channels : 0;
    if (geometry.kind === 'points') this.pointDims = geometry.dims;
    this.featureDim = product(spec.featureOutput.shape);
    this.numClasses = spec.headOutput ? product(spec.headOutput.shape) : null;
    const outputs = spec.headOutput ? [spec.featureOutput, spec.headOutput] : [spec.featureOutput];
    // Shares the layers (and weights) of `model`; only the model disposes them.
    this.probe = tf.model({ inputs: spec.model.inputs, outputs, name: `${spec.model.name}_features` });
    if (geometry.kind === 'points') this.embedPoints = (points, count) => this.run(count, geometry.dims, (s, n) => tf.tensor2d(points.subarray(s * geometry.dims, (s + n) * geometry.dims), [n, geometry.dims]), points.length);
  }

  embedPoints?: (points: Float32Array, count: number) => Promise<{ features: FeatureMatrix; probabilities: FeatureMatrix | null }>;

  async embed(images: Uint8Array, count: number): Promise<{ features: FeatureMatrix; probabilities: FeatureMatrix | null }> {
    if (this.inputKind !== 'images') {
      throw new WorkbenchError('invalid-input', `featureExtractor.embed: "${this.description}" takes ${this.pointDims}-D points; use embedPoints`);
    }
    const { height: h, width: w, channels: c } = this;
    return this.run(count, h * w * c, (s, n) => imagesToTensor(images, s, n, h, w, c), images.length);
  }

  private async run(count: number, itemSize: number, slice: (start: number, n: number) => tf.Tensor, length: number) {
    if (this.disposed) throw new WorkbenchError('conflict', `feature extractor "${this.description}" was disposed`);
    if (!Number.isInteger(count) || count < 0 || length !== count * itemSize) {
      const what = this.inputKind === 'images' ? `${this.height}×${this.width}×${this.channels} images` : `${this.pointDims}-D points`;
      throw new WorkbenchError('invalid-input', `featureExtractor.embed: ${length} values are not ${count} ${what} (expected ${count * itemSize})`, { count, length, itemSize });
    }
    const features = new Float32Array(count * this.featureDim);
    const probabilities = this.numClasses === null ? null : new Float32Array(count * this.numClasses);
    for (let start = 0; start < count; start += EMBED_BATCH) {
      const n = Math.min(EMBED_BATCH, count - start);
      const outputs = tf.tidy(() => {
        const x = slice(start, n);
        const out = this.probe.predict(x);
        const list = Array.isArray(out) ? out : [out];
        const feats = tf.reshape(list[0], [n, this.featureDim]);
        if (!list[1]) return [feats];
        const head = tf.reshape(list[1], [n, this.numClasses!]);
        return [feats, this.spec.head === 'logits' ? tf.softmax(head) : head];
      });
      const [f, p] = outputs;
      try {
        features.set((await f.data()) as Float32Array, start * this.featureDim);
        if (p && probabilities) probabilities.set((await p.data()) as Float32Array, start * this.numClasses!);
      } finally {
        tf.dispose(outputs);
      }
    }
    return {
      features: featureMatrix(features, count, this.featureDim),
      probabilities: probabilities ? featureMatrix(probabilities, count, this.numClasses!) : null,
    };
  }

  /** The underlying model (for saving it to the cache). */
  get model(): tf.LayersModel {
    return this.spec.model;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.spec.model.dispose();
  }
}
