// Per-test-item category of the student against its supervisor, for the comparison view's galleries
// (corrected / inherited / new errors / all disagreements); names from the shared artifact contract.
import { itemCategories, type ItemCategory } from '@shared/contract/weakToStrongArtifacts';
import { assertLabels, assertPredicted } from './inputs';

/**
 * Category of each item: 'both-right' (supervisor and student right: they agree), 'corrected' (supervisor
 * wrong, student right), 'inherited' (both wrong with the same class), 'new-error' (supervisor right, student
 * wrong), 'both-wrong-different' (both wrong, different classes). The disagreements are corrected,
 * new-error and both-wrong-different. @param labels [N] @param supervisor [N] @param student [N] @returns [N]
 */
export function categorizeItems(labels: ArrayLike<number>, supervisor: ArrayLike<number>, student: ArrayLike<number>, k: number): ItemCategory[] {
  assertLabels('categorizeItems', labels, k);
  assertPredicted('categorizeItems', 'supervisor', supervisor, labels.length, k);
  assertPredicted('categorizeItems', 'student', student, labels.length, k);
  const out = new Array<ItemCategory>(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    const w = supervisor[i];
    const s = student[i];
    if (w === y) out[i] = s === y ? 'both-right' : 'new-error';
    else if (s === y) out[i] = 'corrected';
    else out[i] = s === w ? 'inherited' : 'both-wrong-different';
  }
  return out;
}

/** Items per category, every category present (0 when none). */
export function countCategories(categories: readonly ItemCategory[]): Record<ItemCategory, number> {
  const counts = Object.fromEntries(itemCategories.map((c) => [c, 0])) as Record<ItemCategory, number>;
  for (const c of categories) counts[c] += 1;
  return counts;
}

/** True for the categories where student and supervisor predict different classes. */
export function isDisagreement(category: ItemCategory): boolean {
  return category === 'corrected' || category === 'new-error' || category === 'both-wrong-different';
}
