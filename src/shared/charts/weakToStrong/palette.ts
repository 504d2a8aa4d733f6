// Colours and names of the three models a weak-to-strong comparison shows (weak | student | ceiling), so every
// panel, the sweep figure and the exported figures give a model the same colour.
import type { WeakToStrongModelRole } from '../../contract/weakToStrongArtifacts';

export const roleColors: Record<WeakToStrongModelRole, string> = {
  weak: '#f28e2b',
  student: '#4e79a7',
  ceiling: '#59a14f',
};

export const roleTitles: Record<WeakToStrongModelRole, string> = {
  weak: 'Weak supervisor',
  student: 'Student (weak-to-strong)',
  ceiling: 'Strong ceiling',
};

/** Line styles of the sweep figure's methods, in order (solid first). */
export const methodDashes: ReadonlyArray<'solid' | 'dashed' | 'dotted' | number[]> = ['solid', 'dashed', 'dotted', [8, 3, 2, 3], [2, 2]];
