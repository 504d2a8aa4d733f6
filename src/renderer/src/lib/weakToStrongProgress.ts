// The trainings of a weak-to-strong run while it runs (weak, each bootstrap link, ceiling, student, per seed),
// read from the run's params and its progress message ("seed 2/3 · ceiling: step 40/120", written by
// experiments/weakToStrong/weakToStrongExperiment.ts), for the progress strip above the comparison view.
import type { RunStatus } from '@shared/contract/models';

export type PhaseState = 'done' | 'running' | 'pending';

export interface TrainingPhase {
  label: string;
  state: PhaseState;
  /** Steps done / total of the running phase. */
  step: number | null;
  total: number | null;
}

export interface TrainingsProgress {
  /** 1-based seed in progress (the last one when finished), null before the first message. */
  seed: number | null;
  seeds: number;
  phases: TrainingPhase[];
}

const phasePattern = /seed (\d+)\/(\d+) · (.+?): step (\d+)\/(\d+)/;
const seedDonePattern = /seed (\d+)\/(\d+) done/;

/** Phase labels in order: the encoder's pretraining (strong.init = pretrained-*), weak, bootstrap link 1…n (method = bootstrap), ceiling, student. */
export function phaseLabels(params: Record<string, unknown>): string[] {
  const links = params.method === 'bootstrap' && typeof params.bootstrapChain === 'string'
    ? params.bootstrapChain.split(',').map((s) => s.trim()).filter((s) => s.length > 0).length
    : 0;
  const pretraining = typeof params['strong.init'] === 'string' && params['strong.init'].startsWith('pretrained') ? ['pretraining encoder'] : [];
  return [...pretraining, 'weak', ...Array.from({ length: links }, (_, i) => `bootstrap link ${i + 1}`), 'ceiling', 'student'];
}

export function trainingsProgress(params: Record<string, unknown>, status: RunStatus, message: string | null | undefined): TrainingsProgress {
  const labels = phaseLabels(params);
  const seeds = typeof params.seeds === 'number' ? params.seeds : 1;
  const all = (state: PhaseState): TrainingPhase[] => labels.map((label) => ({ label, state, step: null, total: null }));
  if (status === 'completed') return { seed: seeds, seeds, phases: all('done') };
  const running = message ? phasePattern.exec(message) : null;
  if (running) {
    const at = labels.indexOf(running[3]);
    return {
      seed: Number(running[1]),
      seeds: Number(running[2]),
      phases: labels.map((label, i) => ({
        label,
        state: at < 0 || i > at ? 'pending' : i < at ? 'done' : 'running',
        step: i === at ? Number(running[4]) : null,
        total: i === at ? Number(running[5]) : null,
      })),
    };
  }
  const done = message ? seedDonePattern.exec(message) : null;
  if (done) return { seed: Number(done[1]), seeds: Number(done[2]), phases: all('done') };
  return { seed: null, seeds, phases: all('pending') };
}
