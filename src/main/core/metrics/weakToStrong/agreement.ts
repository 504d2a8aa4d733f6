// Student–supervisor agreement (Burns et al.) and what the student does with its supervisor's mistakes:
// inherits them, corrects them, or adds new ones where the supervisor was right — counts and rates.
import { assertLabels, assertPredicted } from './inputs';

/** Test-item counts behind the rates (every item lands in exactly one of the last five). */
export interface AgreementCounts {
  items: number;
  supervisorRight: number;
  supervisorWrong: number;
  /** Student predicts the supervisor's class. */
  agree: number;
  /** Supervisor right, student right (they agree). */
  bothRight: number;
  /** Supervisor wrong, student right. */
  corrected: number;
  /** Supervisor wrong, student predicts the same wrong class. */
  inherited: number;
  /** Supervisor right, student wrong. */
  newError: number;
  /** Both wrong, with different classes. */
  bothWrongDifferent: number;
}

/** Rates (fractions in [0, 1]); null where the denominator is 0. */
export interface AgreementAnalysis {
  /** agree / items. */
  overall: number;
  /** bothRight / supervisorRight: agreement where the supervisor is right. */
  supervisorRight: number | null;
  /** inherited / supervisorWrong: agreement where the supervisor is wrong (equals `inheritance`). */
  supervisorWrong: number | null;
  /** inherited / supervisorWrong: share of the supervisor's errors the student repeats exactly. */
  inheritance: number | null;
  /** corrected / supervisorWrong: share of the supervisor's errors the student gets right. */
  correction: number | null;
  /** newError / supervisorRight: share of the supervisor's correct items the student gets wrong. */
  newError: number | null;
  counts: AgreementCounts;
}

/** Counts of the five item categories. @param labels [N] @param supervisor [N] classes @param student [N] classes */
export function agreementCounts(labels: ArrayLike<number>, supervisor: ArrayLike<number>, student: ArrayLike<number>): AgreementCounts {
  const c: AgreementCounts = { items: labels.length, supervisorRight: 0, supervisorWrong: 0, agree: 0, bothRight: 0, corrected: 0, inherited: 0, newError: 0, bothWrongDifferent: 0 };
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    const w = supervisor[i];
    const s = student[i];
    if (s === w) c.agree += 1;
    if (w === y) {
      c.supervisorRight += 1;
      if (s === y) c.bothRight += 1;
      else c.newError += 1;
    } else {
      c.supervisorWrong += 1;
      if (s === y) c.corrected += 1;
      else if (s === w) c.inherited += 1;
      else c.bothWrongDifferent += 1;
    }
  }
  return c;
}

const ratio = (num: number, den: number): number | null => (den === 0 ? null : num / den);

/**
 * Agreement overall and split by whether the supervisor was right, with the inheritance, correction and
 * new-error rates. Denominators: agreement overall over all items; supervisor-right agreement and the
 * new-error rate over supervisor-right items; supervisor-wrong agreement, inheritance and correction over
 * supervisor-wrong items. All judged against ground truth `labels`.
 * @param labels [N] true classes @param supervisor [N] the supervisor's predicted classes (the weak model, or
 * the previous link of a bootstrap chain) @param student [N] the student's predicted classes @param k classes
 */
export function agreementAnalysis(labels: ArrayLike<number>, supervisor: ArrayLike<number>, student: ArrayLike<number>, k: number): AgreementAnalysis {
  assertLabels('agreementAnalysis', labels, k);
  assertPredicted('agreementAnalysis', 'supervisor', supervisor, labels.length, k);
  assertPredicted('agreementAnalysis', 'student', student, labels.length, k);
  const counts = agreementCounts(labels, supervisor, student);
  return {
    overall: counts.agree / counts.items,
    supervisorRight: ratio(counts.bothRight, counts.supervisorRight),
    supervisorWrong: ratio(counts.inherited, counts.supervisorWrong),
    inheritance: ratio(counts.inherited, counts.supervisorWrong),
    correction: ratio(counts.corrected, counts.supervisorWrong),
    newError: ratio(counts.newError, counts.supervisorRight),
    counts,
  };
}
