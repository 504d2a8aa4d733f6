// What every feature extractor offers the generative metrics (RESEARCH.md §6): features of the penultimate
// layer and, when the model has a class head, class probabilities — from uint8 images, so real images,
// generated samples and imported datasets all go through the same preprocessing.
import type { FeatureMatrix } from '../featureMatrix';

export interface FeatureExtractor {
  /**
   * What the extractor consumes: 'images' (uint8 HWC through `embed`) or 'points' (float32 vectors through
   * `embedPoints`; height = width = channels = 0 then). Absent means 'images'.
   */
  readonly inputKind?: 'images' | 'points';
  /** Vector length of `embedPoints` inputs (points extractors only). */
  readonly pointDims?: number;
  /** One line for run records and the UI, e.g. "small CNN trained on Shapes-10 (test accuracy 0.97), cached". */
  readonly description: string;
  /** Feature dimension F. */
  readonly featureDim: number;
  /** Classes of the class head, or null when the model has none (IS and class histograms are then skipped). */
  readonly numClasses: number | null;
  /** Input geometry the extractor accepts. */
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  /**
   * @param images count×H×W×C uint8 (row-major, HWC) of the extractor's geometry
   * @returns features [count, F] and class probabilities [count, K] (null without a class head)
   */
  embed(images: Uint8Array, count: number): Promise<{ features: FeatureMatrix; probabilities: FeatureMatrix | null }>;
  /**
   * Points datasets (2-D mixtures): embeds count×pointDims float32 vectors (row-major). Present only when
   * inputKind is 'points'; an image extractor has no such method, and a points extractor's `embed` throws.
   */
  embedPoints?(points: Float32Array, count: number): Promise<{ features: FeatureMatrix; probabilities: FeatureMatrix | null }>;
  /** Frees the model's tensors. */
  dispose(): void;
}

export interface ObtainFeatureExtractorOptions {
  /** Committed dataset directory whose real train split trains the default extractor. */
  datasetDir: string;
  /** Workspace cache root (`<workspace>/cache`); the trained extractor is kept under it per dataset checksum. */
  cacheDir: string;
  /** A user TensorFlow.js model.json to use instead of the trained default; '' or undefined = default. */
  userModelPath?: string;
  /** Progress while the default extractor is trained (first use per dataset only). */
  onProgress?: (message: string, fraction: number) => void;
  /**
   * Caps on the default extractor's training (tests and quick looks). Defaults: 20 000 train items, 2
   * epochs, 5 000 test items; the env vars OUROBOROS_EXTRACTOR_TRAIN_ITEMS / OUROBOROS_EXTRACTOR_EPOCHS /
   * OUROBOROS_EXTRACTOR_TEST_ITEMS override the defaults when no option is given. Non-default caps are part
   * of the cache key, so a capped extractor never stands in for the full one.
   */
  training?: { maxTrainItems?: number; epochs?: number; maxTestItems?: number };
  /**
   * The training lock's timing in milliseconds (tests): heartbeat period (5 000), age after which a lock is
   * stale (60 000), and how often a waiting process looks again (1 000).
   */
  lockTiming?: { heartbeatMs?: number; staleMs?: number; pollMs?: number };
}
