// One seed of a weak-to-strong run: the weak model trains on half A's ground truth and labels half B; each
// bootstrap link (if any) trains on its predecessor's labels and relabels B; the ceiling trains on B's ground
// truth; the student trains on the last supervisor's labels of B with the method's loss, evaluated on the test
// split and the weak-labelled validation slice as it goes. Resumable after any phase and mid-training.
import * as tf from '@tensorflow/tfjs';
import type { ClassifierConfig } from '@shared/config/models/classifierConfig';
import type { TrainerConfig } from '@shared/config/models/trainerConfig';
import { buildClassifier } from '../../engine/models/classifiers';
import type { TargetLoss } from '../../engine/training/classifierStep';
import { randomStream } from '../../math/randomStream';
import { hasSpatialAttention } from '../trainModel/attentionMapsArtifact';
import { copyWeights } from './galleryAttention';
import { phaseSteps, trainPhase, type PhaseCheckpoint } from './phaseTraining';
import { newStudentTrack, recordEvaluation, type StudentTrack } from './studentTrack';
import { argmaxRows, predictProbabilities, supervisorTargets } from './supervisorLabels';

/** Images or points with their ground truth; x is [N, ...inputShape] in the classifier's range. */
export interface LabelledSet {
  x: tf.Tensor;
  labels: Int32Array;
}

export interface SeedData {
  a: LabelledSet;
  /** Half B without the validation slice. */
  b: LabelledSet;
  validation: LabelledSet | null;
  test: LabelledSet;
}

export interface SeedPlan {
  /** 0-based repetition. */
  seedIndex: number;
  baseSeed: number;
  numClasses: number;
  inputShape: number[];
  weak: ClassifierConfig;
  /** Bootstrap intermediates in order (empty unless method = bootstrap). */
  chain: ClassifierConfig[];
  strong: ClassifierConfig;
  trainer: TrainerConfig;
  /** Length of the weak model's training in trainer.lengthUnit; absent or 0 = trainer.length. */
  weakLength?: number;
  labelKind: 'soft' | 'hard';
  /** The student's loss (the method); undefined = cross-entropy on the targets (naive). */
  studentLoss?: TargetLoss;
  patience: number;
  evaluateEvery: number;
  /** Keep the weights of weak / ceiling / student models with spatial attention (for the gallery's attention maps). */
  keepAttentionWeights?: boolean;
  /** Builds the ceiling's and the student's model from their init seed instead of `strong` (strong.init = pretrained-*). */
  buildStrong?(initSeed: number): tf.LayersModel;
}

export interface ChainLink {
  architecture: string;
  testAccuracy: number;
  /** Test agreement with the link's own supervisor (null for the weak model). */
  supervisorAgreement: number | null;
}

/** Checkpointable progress of one seed (plain JSON plus Float32Arrays). */
export interface SeedState {
  /** Index of the next phase to run (see seedPhases). */
  next: number;
  /** Probabilities of the current supervisor on B and on the validation slice (N×K). */
  supervisorB: Float32Array | null;
  supervisorValidation: Float32Array | null;
  /** The current supervisor's test probabilities (for each bootstrap link's agreement with its supervisor). */
  supervisorTest: Float32Array | null;
  weakTest: Float32Array | null;
  ceilingTest: Float32Array | null;
  chain: ChainLink[];
  /** Weights of the weak model and the ceiling when kept (SeedPlan.keepAttentionWeights and spatial attention). */
  attentionWeights?: { weak?: Float32Array[]; ceiling?: Float32Array[] };
  /** A phase interrupted mid-training. */
  running: { phase: number; checkpoint: PhaseCheckpoint; track: StudentTrack | null } | null;
}

export interface SeedOutputs {
  weakTest: Float32Array;
  ceilingTest: Float32Array;
  studentTest: Float32Array;
  chain: ChainLink[];
  track: StudentTrack;
  studentTotalSteps: number;
  studentStoppedAt: number;
  /** Kept weights of the models with spatial attention (see SeedPlan.keepAttentionWeights). */
  attentionWeights: { weak?: Float32Array[]; ceiling?: Float32Array[]; student?: Float32Array[] };
}

export type PhaseKind = 'weak' | 'link' | 'ceiling' | 'student';
export interface PhaseSpec {
  kind: PhaseKind;
  label: string;
  config: ClassifierConfig;
  /** Init and data-order seeds of this phase. */
  initSeed: number;
  trainerSeed: number;
  /** Items it trains on (for its step count). */
  items: number;
  /** Its training length in trainer.lengthUnit (the weak model may train longer than the others). */
  length: number;
}

/** A derived 32-bit seed ≠ 0 (tfjs treats 0 as unseeded) for `purpose` in repetition `seedIndex`. */
export function derivedSeed(baseSeed: number, seedIndex: number, purpose: number): number {
  return randomStream(baseSeed >>> 0, seedIndex >>> 0, 0, purpose).nextUint32() >>> 0 || 1;
}

/** The phases of a seed in order. Student and ceiling share init and data-order seeds (a paired comparison). */
export function seedPhases(plan: Pick<SeedPlan, 'seedIndex' | 'baseSeed' | 'weak' | 'chain' | 'strong' | 'weakLength'> & { trainer: Pick<TrainerConfig, 'length'> }, sizes: { a: number; b: number }): PhaseSpec[] {
  const s = (purpose: number) => derivedSeed(plan.baseSeed, plan.seedIndex, purpose);
  const length = plan.trainer.length;
  return [
    { kind: 'weak', label: 'weak', config: plan.weak, initSeed: s(1), trainerSeed: s(2), items: sizes.a, length: plan.weakLength || length },
    ...plan.chain.map((config, i): PhaseSpec => ({ kind: 'link', label: `bootstrap link ${i + 1}`, config, initSeed: s(10 + 2 * i), trainerSeed: s(11 + 2 * i), items: sizes.b, length })),
    { kind: 'ceiling', label: 'ceiling', config: plan.strong, initSeed: s(3), trainerSeed: s(4), items: sizes.b, length },
    { kind: 'student', label: 'student', config: plan.strong, initSeed: s(3), trainerSeed: s(4), items: sizes.b, length },
  ];
}

/** Steps of each phase. */
export function phaseLengths(phases: PhaseSpec[], trainer: TrainerConfig): number[] {
  return phases.map((p) => phaseSteps({ ...trainer, length: p.length }, p.items));
}

export function freshSeedState(): SeedState {
  return { next: 0, supervisorB: null, supervisorValidation: null, supervisorTest: null, weakTest: null, ceilingTest: null, chain: [], running: null };
}

export interface SeedHooks {
  /** Persist `state`: mid-training of phase `phase` after `step` steps, or (step = null) after the phase ended. */
  save(state: SeedState, phase: number, step: number | null): Promise<void>;
  progress(phase: number, step: number, total: number): void;
}

/** Share of rows whose argmax is the label (0 for no rows). @param probabilities N×K */
export const accuracy = (probabilities: Float32Array, labels: Int32Array, k: number): number => {
  const p = argmaxRows(probabilities, k);
  let hits = 0;
  for (let i = 0; i < labels.length; i++) if (p[i] === labels[i]) hits += 1;
  return labels.length ? hits / labels.length : 0;
};
const agreement = (p: Float32Array, q: Float32Array, k: number) => accuracy(p, argmaxRows(q, k), k);

/** Runs the phases from `state.next` on; `state` is updated in place and handed to `hooks.save`. */
export async function runSeed(plan: SeedPlan, data: SeedData, state: SeedState, hooks: SeedHooks): Promise<SeedOutputs> {
  const outputs = await runPhases(plan, data, state, hooks);
  if (!outputs) throw new Error('runSeed: the student phase did not run (the seed state says it already finished)');
  return outputs;
}

/**
 * Runs the phases from `state.next` up to (not including) `until` (default: all). A ceiling phase is skipped
 * when `state.ceilingTest` is already set (a sweep trains each strong model's ceiling once and reuses it).
 * @returns the seed's outputs when the student phase ran, else null
 */
export async function runPhases(plan: SeedPlan, data: SeedData, state: SeedState, hooks: SeedHooks, until?: number): Promise<SeedOutputs | null> {
  const k = plan.numClasses;
  const phases = seedPhases(plan, { a: data.a.labels.length, b: data.b.labels.length });
  let outputs: SeedOutputs | null = null;
  for (let index = state.next; index < Math.min(until ?? phases.length, phases.length); index++) {
    const phase = phases[index];
    if (phase.kind === 'ceiling' && state.ceilingTest) {
      state.next = index + 1;
      continue;
    }
    const model = plan.buildStrong && (phase.kind === 'ceiling' || phase.kind === 'student')
      ? plan.buildStrong(phase.initSeed)
      : buildClassifier({ ...phase.config, numClasses: k, seed: phase.initSeed }, plan.inputShape);
    let targets: tf.Tensor1D | tf.Tensor2D | null = null;
    try {
      const resume = state.running?.phase === index ? state.running.checkpoint : null;
      const track = phase.kind === 'student' ? (state.running?.phase === index && state.running.track ? state.running.track : newStudentTrack()) : null;
      const onB = phase.kind !== 'weak';
      const x = onB ? data.b.x : data.a.x;
      if (phase.kind === 'weak' || phase.kind === 'ceiling') targets = tf.tensor1d(onB ? data.b.labels : data.a.labels, 'int32');
      // Student and bootstrap links: built from the supervisor's outputs only — B's ground truth is not read.
      else targets = supervisorTargets(state.supervisorB!, k, plan.labelKind);

      const weakTestPredicted = state.weakTest ? argmaxRows(state.weakTest, k) : null;
      const validationSupervisor = state.supervisorValidation ? argmaxRows(state.supervisorValidation, k) : null;
      const result = await trainPhase({
        model, x, y: targets, numClasses: k,
        trainer: { ...plan.trainer, length: phase.length, seed: phase.trainerSeed },
        ...(phase.kind === 'student' && plan.studentLoss ? { loss: plan.studentLoss } : {}),
        resume,
        ...(track ? {
          evaluateEvery: plan.evaluateEvery,
          evaluate: async (step: number) => recordEvaluation(track, {
            step,
            testPredicted: argmaxRows(await predictProbabilities(model, data.test.x, k), k),
            testLabels: data.test.labels,
            weakTestPredicted: weakTestPredicted!,
            validationPredicted: data.validation ? argmaxRows(await predictProbabilities(model, data.validation.x, k), k) : null,
            validationSupervisor,
            validationTruth: data.validation?.labels ?? null,
          }, plan.patience),
          onStep: (_step: number, losses: Record<string, number>) => {
            if (Number.isFinite(losses.loss)) { track.lossSum += losses.loss; track.lossCount += 1; }
          },
        } : {}),
        save: async (checkpoint) => {
          state.running = { phase: index, checkpoint, track: track ? structuredClone(track) : null };
          await hooks.save(state, index, checkpoint.step);
        },
        onProgress: (step, total) => hooks.progress(index, step, total),
      });

      const test = await predictProbabilities(model, data.test.x, k);
      const kept = plan.keepAttentionWeights && phase.kind !== 'link' && hasSpatialAttention(model) ? await copyWeights(model) : null;
      if (kept && (phase.kind === 'weak' || phase.kind === 'ceiling')) state.attentionWeights = { ...state.attentionWeights, [phase.kind]: kept };
      state.running = null;
      if (phase.kind === 'weak' || phase.kind === 'link') {
        state.chain.push({ architecture: phase.config.architecture, testAccuracy: accuracy(test, data.test.labels, k), supervisorAgreement: state.supervisorTest ? agreement(test, state.supervisorTest, k) : null });
        if (phase.kind === 'weak') state.weakTest = test;
        state.supervisorTest = test;
        state.supervisorB = await predictProbabilities(model, data.b.x, k);
        state.supervisorValidation = data.validation ? await predictProbabilities(model, data.validation.x, k) : null;
      } else if (phase.kind === 'ceiling') {
        state.ceilingTest = test;
      } else {
        if (plan.chain.length > 0) state.chain.push({ architecture: phase.config.architecture, testAccuracy: accuracy(test, data.test.labels, k), supervisorAgreement: agreement(test, state.supervisorTest!, k) });
        outputs = {
          weakTest: state.weakTest!, ceilingTest: state.ceilingTest!, studentTest: test, chain: plan.chain.length > 0 ? state.chain : [],
          track: track!, studentTotalSteps: result.totalSteps, studentStoppedAt: result.stoppedAt,
          attentionWeights: { ...state.attentionWeights, ...(kept ? { student: kept } : {}) },
        };
      }
      state.next = index + 1;
      if (phase.kind !== 'student') await hooks.save(state, index, null);
    } finally {
      targets?.dispose();
      model.dispose();
    }
  }
  return outputs;
}
