// The numbers of the weak-to-strong protocol diagram (train → half A / half B → validation slice; test): planned
// from the form's params and the dataset's train size before a run, or read from a run's protocol artifact.
// The planned sizes follow the runner's rule (A, B from fractions or counts; validation = round(B × share));
// the run page shows the protocol's actual, class-balanced counts. Pure TS, unit-tested.
import type { WeakToStrongProtocol } from '@shared/contract/weakToStrongArtifacts';

export interface SplitDiagramModel {
  train: number;
  halfA: number;
  /** B without its validation slice. */
  halfBTrain: number;
  validation: number;
  /** Train items in neither half. */
  unused: number;
  test: number | null;
  weakModel: string;
  strongModel: string;
  labelKind: string;
  /** Problems with the sizes (A + B over the train split…), shown in place of a wrong diagram. */
  problems: string[];
}

const num = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

/** Sizes the runner will use for these params on a train split of `trainItems` (before class balancing). */
export function plannedSplit(params: Record<string, unknown>, trainItems: number, testItems: number | null): SplitDiagramModel {
  const problems: string[] = [];
  const counts = params.splitSizing === 'counts';
  let a = counts ? num(params.halfACount, 0) : Math.round(num(params.halfAFraction, 0) * trainItems);
  let b = counts ? num(params.halfBCount, 0) : Math.round(num(params.halfBFraction, 0) * trainItems);
  if (a + b > trainItems) {
    problems.push(counts
      ? `half A (${a}) + half B (${b}) exceed the ${trainItems} train items`
      : `half A + half B fractions exceed 1 (${num(params.halfAFraction, 0)} + ${num(params.halfBFraction, 0)})`);
    a = Math.min(a, trainItems);
    b = Math.min(b, trainItems - a);
  }
  const validation = Math.round(b * num(params.validationFraction, 0));
  return {
    train: trainItems, halfA: a, halfBTrain: b - validation, validation, unused: trainItems - a - b, test: testItems,
    weakModel: String(params['weak.architecture'] ?? 'weak'), strongModel: String(params['strong.architecture'] ?? 'strong'),
    labelKind: String(params.labelKind ?? 'soft'), problems,
  };
}

/** The actual sizes of one seed of a run. */
export function protocolSplit(protocol: WeakToStrongProtocol, seed: number): SplitDiagramModel | null {
  const s = protocol.seeds.find((x) => x.seed === seed) ?? protocol.seeds[0];
  if (!s) return null;
  const used = s.halfA + s.halfBTrain + s.validation;
  return {
    train: protocol.dataset.trainItems, halfA: s.halfA, halfBTrain: s.halfBTrain, validation: s.validation,
    unused: Math.max(0, protocol.dataset.trainItems - used), test: s.test,
    weakModel: protocol.weakModel, strongModel: protocol.strongModel, labelKind: protocol.labelKind, problems: [],
  };
}
