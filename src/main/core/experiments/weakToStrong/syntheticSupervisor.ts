// Weak supervisors with a controlled error structure (issue 9): ground truth corrupted at a chosen accuracy by
// uniform label noise or by confusions between chosen class pairs, or a trained weak model that sees only a
// downsampled image (lowResolutionSupervisor.ts). Parsing and checks (errors name the field) and the labelling.
import type { WeakToStrongParams } from '@shared/config/weakToStrong';
import { WorkbenchError } from '@shared/errors';
import type { RandomStream } from '../../math/randomStream';

export type SupervisorSpec =
  | { kind: 'uniform-noise'; accuracy: number }
  | { kind: 'class-pairs'; accuracy: number; pairs: Array<[number, number]> }
  | { kind: 'low-resolution'; resolution: number };

/** Where a spec came from, for error messages: the single-run fields or one item of sweepWeak. */
interface Fields { accuracy: string; pairs: string; resolution: string }
const singleFields: Fields = { accuracy: 'weakSupervisorAccuracy', pairs: 'weakSupervisorPairs', resolution: 'weakSupervisorResolution' };

const invalid = (field: string, message: string, value?: unknown) => new WorkbenchError('invalid-input', `${field}: ${message}`, { field, value });

function classIndex(token: string, classNames: string[], field: string): number {
  const t = token.trim();
  if (/^\d+$/.test(t)) {
    const i = Number(t);
    if (i >= classNames.length) throw invalid(field, `class ${i} does not exist (the dataset has classes 0–${classNames.length - 1})`, t);
    return i;
  }
  const i = classNames.indexOf(t);
  if (i < 0) throw invalid(field, `"${t}" is not a class of the dataset (use an index 0–${classNames.length - 1} or one of ${classNames.join(', ')})`, t);
  return i;
}

/** Parses "0-6, 2-4" (indices or class names) into pairs of distinct classes, each pair listed once. */
export function parseClassPairs(text: string, classNames: string[], field = singleFields.pairs): Array<[number, number]> {
  const items = text.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (items.length === 0) throw invalid(field, 'no class pair given; write pairs such as "0-6, 2-4"');
  const seen = new Set<string>();
  return items.map((item) => {
    const parts = item.split('-');
    if (parts.length !== 2) throw invalid(field, `"${item}" is not a pair; write two classes joined by "-", e.g. "0-6"`, item);
    const a = classIndex(parts[0], classNames, field);
    const b = classIndex(parts[1], classNames, field);
    if (a === b) throw invalid(field, `"${item}" pairs a class with itself`, item);
    const key = `${Math.min(a, b)}-${Math.max(a, b)}`;
    if (seen.has(key)) throw invalid(field, `"${item}" is listed twice`, item);
    seen.add(key);
    return [a, b];
  });
}

function checkAccuracy(accuracy: number, k: number, field: string): void {
  if (!(Number.isFinite(accuracy) && accuracy > 1 / k && accuracy <= 1)) {
    throw invalid(field, `accuracy ${accuracy} is outside (1/K, 1] = (${(1 / k).toFixed(3)}, 1] for the ${k} classes; at or below chance the supervisor carries no signal`, accuracy);
  }
}

function checkResolution(resolution: number, inputShape: number[], field: string): void {
  if (inputShape.length !== 3) throw invalid(field, `a low-resolution supervisor needs images; the dataset holds ${inputShape[0]}-D points`, resolution);
  const side = Math.min(inputShape[0], inputShape[1]);
  if (!(Number.isInteger(resolution) && resolution >= 1 && resolution <= side)) {
    throw invalid(field, `resolution ${resolution} must be a whole number of pixels from 1 to the image's side (${inputShape[0]}×${inputShape[1]})`, resolution);
  }
}

/** The single run's supervisor (null = trained, today's default), checked against the dataset. */
export function supervisorFromParams(params: WeakToStrongParams, classNames: string[], inputShape: number[]): SupervisorSpec | null {
  const k = classNames.length;
  switch (params.weakSupervisor) {
    case 'trained': return null;
    case 'uniform-noise':
      checkAccuracy(params.weakSupervisorAccuracy, k, singleFields.accuracy);
      return { kind: 'uniform-noise', accuracy: params.weakSupervisorAccuracy };
    case 'class-pairs': {
      checkAccuracy(params.weakSupervisorAccuracy, k, singleFields.accuracy);
      return { kind: 'class-pairs', accuracy: params.weakSupervisorAccuracy, pairs: parseClassPairs(params.weakSupervisorPairs, classNames) };
    }
    case 'low-resolution':
      checkResolution(params.weakSupervisorResolution, inputShape, singleFields.resolution);
      return { kind: 'low-resolution', resolution: params.weakSupervisorResolution };
    default: throw invalid('weakSupervisor', `"${String(params.weakSupervisor)}" is not a supervisor kind`);
  }
}

/**
 * One item of sweepWeak as a supervisor: "noise:A", "pairs:A" (pairs from weakSupervisorPairs) or "lowres:N";
 * null when the item is a model instead (parsed by sweepPlan).
 */
export function parseSweepSupervisor(item: string, pairsText: string, classNames: string[], inputShape: number[]): SupervisorSpec | null {
  const match = /^(noise|pairs|lowres)(?::(.*))?$/.exec(item);
  if (!match) return null;
  const field = 'sweepWeak';
  const value = match[2]?.trim() ?? '';
  const number = Number(value);
  if (value === '' || !Number.isFinite(number)) throw invalid(field, `"${item}" needs a number after ":" (${match[1] === 'lowres' ? 'the side in pixels, e.g. lowres:7' : `the accuracy, e.g. ${match[1]}:0.6`})`, item);
  if (match[1] === 'lowres') {
    checkResolution(number, inputShape, field);
    return { kind: 'low-resolution', resolution: number };
  }
  checkAccuracy(number, classNames.length, field);
  return match[1] === 'noise' ? { kind: 'uniform-noise', accuracy: number } : { kind: 'class-pairs', accuracy: number, pairs: parseClassPairs(pairsText, classNames, 'weakSupervisorPairs') };
}

/** A short description, e.g. "uniform noise (accuracy 0.6)", "logistic regression on 7×7 images". */
export function describeSupervisor(spec: SupervisorSpec, weakModel: string, classNames: string[]): string {
  switch (spec.kind) {
    case 'uniform-noise': return `uniform noise (accuracy ${spec.accuracy})`;
    case 'class-pairs': return `class-pair confusions ${spec.pairs.map(([a, b]) => `${classNames[a]}–${classNames[b]}`).join(', ')} (accuracy ${spec.accuracy})`;
    default: return `${weakModel} on ${spec.resolution}×${spec.resolution} images`;
  }
}

/** Share of each class among `labels` (K entries, summing to 1). */
export function classShares(labels: Int32Array, k: number): number[] {
  const counts = new Array<number>(k).fill(0);
  for (const y of labels) counts[y] += 1;
  return counts.map((c) => c / Math.max(1, labels.length));
}

/** Per class: the probability its items are mislabelled and the classes a mislabel goes to (and a label may come from). */
export interface ErrorModel { flip: number[]; confusable: number[][] }

/**
 * The error model of a uniform-noise or class-pairs supervisor at its accuracy `a`, for classes with shares
 * `shares`. Uniform noise: every class flips with e = 1 − a to one of the K − 1 others. Class pairs: only
 * paired classes flip, with e = (1 − a) / (share of items in paired classes), to one of their partners, so the
 * expected accuracy is a. Each class must keep the majority of its soft label: e < m/(m + 1) for m partners
 * (for uniform noise this is a > 1/K; for a single pair, e < 0.5).
 */
export function errorModel(spec: Exclude<SupervisorSpec, { kind: 'low-resolution' }>, shares: number[], field = singleFields.accuracy): ErrorModel {
  const k = shares.length;
  if (spec.kind === 'uniform-noise') {
    return { flip: new Array<number>(k).fill(1 - spec.accuracy), confusable: Array.from({ length: k }, (_, c) => Array.from({ length: k - 1 }, (_, j) => (j < c ? j : j + 1))) };
  }
  const confusable: number[][] = Array.from({ length: k }, () => []);
  for (const [a, b] of spec.pairs) { confusable[a].push(b); confusable[b].push(a); }
  const paired = shares.reduce((s, share, c) => s + (confusable[c].length ? share : 0), 0);
  const e = paired > 0 ? (1 - spec.accuracy) / paired : Infinity;
  for (let c = 0; c < k; c++) {
    const m = confusable[c].length;
    if (m > 0 && e >= m / (m + 1)) {
      throw invalid(field, `accuracy ${spec.accuracy} with the pairs of weakSupervisorPairs needs ${(e * 100).toFixed(0)} % of the paired classes' items mislabelled (the pairs cover ${(paired * 100).toFixed(0)} % of the items); class ${c} would then more often be named as its partner than as itself (at most ${((m / (m + 1)) * 100).toFixed(0)} %). Pair more classes or raise the accuracy`, spec.accuracy);
    }
  }
  return { flip: confusable.map((c) => (c.length ? e : 0)), confusable };
}

/**
 * Labels `labels` with the error model: each item keeps its class with probability 1 − flip[y], else takes one
 * of confusable[y] uniformly. The soft label of an item labelled ŷ is one-hot smoothed by ŷ's own flip rate:
 * 1 − flip[ŷ] on ŷ and flip[ŷ] shared equally by confusable[ŷ] (the classes an item labelled ŷ may truly
 * belong to), so the mean top-class probability equals the expected accuracy on balanced classes and the
 * argmax is always ŷ. Draws two uniforms per item from `rng` (common random numbers across supervisors).
 * @returns N×K row-major probabilities
 */
export function corruptLabels(labels: Int32Array, model: ErrorModel, rng: RandomStream): Float32Array {
  const k = model.flip.length;
  const out = new Float32Array(labels.length * k);
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    const u = rng.nextDouble();
    const v = rng.nextDouble();
    const options = model.confusable[y];
    const label = u < model.flip[y] && options.length > 0 ? options[Math.min(options.length - 1, Math.floor(v * options.length))] : y;
    const e = model.flip[label];
    const others = model.confusable[label];
    out[i * k + label] = 1 - e;
    for (const c of others) out[i * k + c] += e / others.length;
  }
  return out;
}
