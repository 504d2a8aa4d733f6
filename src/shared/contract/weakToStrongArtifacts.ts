// The JSON artifacts of a weak-to-strong run (issue 9) that the comparison view reads: the protocol's split
// sizes (diagram), per seed the three models' test predictions and probabilities (galleries, click-through),
// their confusion matrices and reliability bins, the student's training curves and the bootstrap chain, and
// the cells of a sweep. One zod schema each, so the job process (writer) and the renderer cannot drift apart.
import { z } from 'zod';

/** Artifact kinds (ArtifactInfo.kind) of a weak-to-strong run. */
export const weakToStrongArtifactKinds = {
  protocol: 'w2s-protocol',
  predictions: 'w2s-predictions',
  comparison: 'w2s-comparison',
  curves: 'w2s-curves',
  sweep: 'w2s-sweep',
} as const;

/** File names inside the run directory; `seed` is the 1-based repetition index (the artifact's step). */
export const weakToStrongArtifactNames = {
  protocol: 'w2s/protocol.json',
  predictions: (seed: number) => `w2s/seed-${String(seed).padStart(3, '0')}/predictions.json`,
  comparison: (seed: number) => `w2s/seed-${String(seed).padStart(3, '0')}/comparison.json`,
  curves: (seed: number) => `w2s/seed-${String(seed).padStart(3, '0')}/curves.json`,
  sweep: 'w2s/sweep.json',
};

/** The models compared; `studentEarlyStopped` is the student at the step selected on the weak-labelled validation slice. */
export const weakToStrongModelRoles = ['weak', 'student', 'ceiling'] as const;
export type WeakToStrongModelRole = (typeof weakToStrongModelRoles)[number];

/**
 * Per-test-item category of the student against its supervisor (both judged against ground truth):
 * corrected = supervisor wrong, student right; inherited = both wrong with the same class; new-error = supervisor
 * right, student wrong; both-wrong-different = both wrong, different classes; both-right.
 */
export const itemCategories = ['both-right', 'corrected', 'inherited', 'new-error', 'both-wrong-different'] as const;
export type ItemCategory = (typeof itemCategories)[number];

/** Split sizes of one seed (items of the dataset's train / test split). */
export const splitSizesSchema = z.object({
  seed: z.number().int().min(1),
  /** Train items whose ground truth trains the weak model. */
  halfA: z.number().int(),
  /** Train items of B the student (weak labels) and the ceiling (ground truth) train on, validation excluded. */
  halfBTrain: z.number().int(),
  /** Items of B held out, weak-labelled, for early stopping. */
  validation: z.number().int(),
  test: z.number().int(),
  /** Items per class in A and in B (train + validation), the class balance kept by the split. */
  classCountsA: z.array(z.number().int()),
  classCountsB: z.array(z.number().int()),
});
export type SplitSizes = z.infer<typeof splitSizesSchema>;

/** The protocol of the run (written once at the start): what trains on what, for the split diagram. */
export const weakToStrongProtocolSchema = z.object({
  format: z.literal('w2s-protocol/1'),
  dataset: z.object({ id: z.string(), name: z.string(), trainItems: z.number().int(), testItems: z.number().int() }),
  classNames: z.array(z.string()),
  method: z.string(),
  labelKind: z.enum(['soft', 'hard']),
  /** Descriptions of the weak and strong models, e.g. "logistic", "small CNN (width 8, 64 hidden)". */
  weakModel: z.string(),
  strongModel: z.string(),
  /** Architectures of the bootstrap chain from weak to strong inclusive (empty for other methods). */
  chain: z.array(z.string()),
  seeds: z.array(splitSizesSchema),
  warnings: z.array(z.string()),
});
export type WeakToStrongProtocol = z.infer<typeof weakToStrongProtocolSchema>;

/** One attention layer of one model over chosen test items (maps in [0, 1], as attentionMapsSchema's layers). */
export const attentionOverItemsSchema = z.object({
  role: z.enum(weakToStrongModelRoles),
  layer: z.string(),
  mapHeight: z.number().int().min(1),
  mapWidth: z.number().int().min(1),
  /** Positions of the covered items in the predictions' arrays (not test indices). */
  items: z.array(z.number().int().min(0)),
  /** items.length × mapHeight × mapWidth, row-major. */
  maps: z.array(z.number()),
});
export type AttentionOverItems = z.infer<typeof attentionOverItemsSchema>;

/** Per-model test outputs of one seed, item by item (galleries and probability click-through). */
export const weakToStrongPredictionsSchema = z.object({
  format: z.literal('w2s-predictions/1'),
  seed: z.number().int().min(1),
  classNames: z.array(z.string()),
  /** Index of each item in the dataset's test split (for its image). */
  testIndices: z.array(z.number().int()),
  /** Ground-truth class of each item. */
  labels: z.array(z.number().int()),
  models: z.object({
    weak: z.object({
      predicted: z.array(z.number().int()),
      /** items × classes, row-major, rounded to 4 decimals. */
      probabilities: z.array(z.number()),
    }),
    student: z.object({ predicted: z.array(z.number().int()), probabilities: z.array(z.number()) }),
    ceiling: z.object({ predicted: z.array(z.number().int()), probabilities: z.array(z.number()) }),
  }),
  /** One of itemCategories per item (student vs weak supervisor). */
  categories: z.array(z.enum(itemCategories)),
  /**
   * Optional: spatial attention of attention models (CBAM / AAM) over some test items, per model and layer,
   * for the click-through view. Absent when no model has attention layers.
   */
  attention: z.array(attentionOverItemsSchema).optional(),
});
export type WeakToStrongPredictions = z.infer<typeof weakToStrongPredictionsSchema>;

/** Equal-width confidence bins of a reliability diagram (15 bins over [0, 1]). */
export const reliabilityBinSchema = z.object({
  lower: z.number(),
  upper: z.number(),
  count: z.number().int(),
  /** Mean top-class probability of the bin's items; null when empty. */
  confidence: z.number().nullable(),
  /** Accuracy of the bin's items; null when empty. */
  accuracy: z.number().nullable(),
});
export type ReliabilityBin = z.infer<typeof reliabilityBinSchema>;

export const modelEvaluationSchema = z.object({
  accuracy: z.number(),
  /** matrix[true][predicted] = count of test items. */
  confusion: z.array(z.array(z.number().int())),
  reliability: z.array(reliabilityBinSchema),
  ece: z.number(),
  brier: z.number(),
});
export type ModelEvaluation = z.infer<typeof modelEvaluationSchema>;

/** PGR = (w2s − weak) / (ceiling − weak); null (with `warning`) when ceiling − weak < the minimum gap. */
export const pgrSchema = z.object({
  value: z.number().nullable(),
  /** Paired bootstrap interval over test items at `level`; null when PGR is undefined or resamples = 0. */
  low: z.number().nullable(),
  high: z.number().nullable(),
  level: z.number(),
  gap: z.number(),
  warning: z.string().nullable(),
});
export type PgrResult = z.infer<typeof pgrSchema>;

/** Everything the three-column comparison view shows for one seed. */
export const weakToStrongComparisonSchema = z.object({
  format: z.literal('w2s-comparison/1'),
  seed: z.number().int().min(1),
  classNames: z.array(z.string()),
  models: z.object({ weak: modelEvaluationSchema, student: modelEvaluationSchema, ceiling: modelEvaluationSchema }),
  /** Test accuracy of the student at the step selected on the weak-labelled validation slice. */
  studentEarlyStoppedAccuracy: z.number(),
  /** Student − weak confusion counts, matrix[true][predicted]. */
  confusionChange: z.array(z.array(z.number().int())),
  pgr: pgrSchema,
  /** PGR of the early-stopped student (no interval). */
  pgrEarlyStopped: z.number().nullable(),
  /** Student–supervisor agreement on the test split, overall and split by whether the supervisor was right. */
  agreement: z.object({ overall: z.number(), supervisorRight: z.number().nullable(), supervisorWrong: z.number().nullable() }),
  /** inheritance = same wrong class | supervisor wrong; correction = student right | supervisor wrong; newError = student wrong | supervisor right. */
  rates: z.object({ inheritance: z.number().nullable(), correction: z.number().nullable(), newError: z.number().nullable() }),
  /** Items per category (itemCategories). */
  categoryCounts: z.record(z.string(), z.number().int()),
  /** Bootstrap chain links in order (weak first, the student last); empty unless method = bootstrap. */
  chain: z.array(z.object({ architecture: z.string(), testAccuracy: z.number(), supervisorAgreement: z.number().nullable() })),
});
export type WeakToStrongComparison = z.infer<typeof weakToStrongComparisonSchema>;

/** The student's training curves of one seed (x = student step), with the early-stop and oracle-best points. */
export const weakToStrongCurvesSchema = z.object({
  format: z.literal('w2s-curves/1'),
  seed: z.number().int().min(1),
  totalSteps: z.number().int(),
  /** Steps at which the evaluations below were taken. */
  steps: z.array(z.number().int()),
  testAccuracy: z.array(z.number()),
  /** Agreement with the supervisor on test items it got right / wrong (null when there are none). */
  agreementSupervisorRight: z.array(z.number().nullable()),
  agreementSupervisorWrong: z.array(z.number().nullable()),
  /** Agreement with the weak labels of the validation slice (the selection criterion); null without a slice. */
  validationAgreement: z.array(z.number().nullable()),
  /** Mean training loss over the steps since the previous evaluation (the method's loss, nats). */
  loss: z.array(z.number()),
  /** Step selected on the weak-labelled validation slice (null without one), and the step where training stopped. */
  earlyStopStep: z.number().int().nullable(),
  stoppedAtStep: z.number().int(),
  /** Step whose validation ground-truth accuracy is best: a marker only, never used for selection. */
  oracleBestStep: z.number().int().nullable(),
});
export type WeakToStrongCurves = z.infer<typeof weakToStrongCurvesSchema>;

/** One cell of a sweep (weak × strong × method × seed), for the paper's figure and the PGR table. */
export const sweepCellSchema = z.object({
  weak: z.string(),
  strong: z.string(),
  method: z.string(),
  seed: z.number().int().min(1),
  weakAccuracy: z.number(),
  w2sAccuracy: z.number(),
  ceilingAccuracy: z.number(),
  pgr: z.number().nullable(),
  /** True when ceiling − weak is under the run's minimum gap: pgr is null and the cell is left out of the medians. */
  excluded: z.boolean().optional(),
  /** The student's test accuracy at the step selected on the weak-labelled validation slice. */
  w2sEarlyStoppedAccuracy: z.number().optional(),
});
export const weakToStrongSweepSchema = z.object({
  format: z.literal('w2s-sweep/1'),
  cells: z.array(sweepCellSchema),
});
export type WeakToStrongSweep = z.infer<typeof weakToStrongSweepSchema>;

/**
 * Metric keys (runs.metrics): per seed at step = seed index; `<key>.mean`, `.p10`, `.p90` over seeds at the
 * last seed's step.
 */
export const weakToStrongMetricKeys = [
  'weakAccuracy', 'studentAccuracy', 'studentEarlyStoppedAccuracy', 'ceilingAccuracy', 'pgr', 'pgrEarlyStopped',
  'agreement', 'agreementSupervisorRight', 'agreementSupervisorWrong', 'inheritanceRate', 'correctionRate', 'newErrorRate',
  'weakEce', 'studentEce', 'ceilingEce', 'weakBrier', 'studentBrier', 'ceilingBrier',
] as const;
