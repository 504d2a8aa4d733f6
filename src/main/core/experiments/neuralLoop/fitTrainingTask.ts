// One generation's fit of any GenerativeModel adapter: the training task run to its end (or cancel), progress
// reported per step, and the losses of the last steps averaged into FitResult — shared so the GAN and
// diffusion adapters report fits the same way.
import { WorkbenchError } from '@shared/errors';
import { runTrainingLoop, type TrainingTask } from '../../engine/training/trainingLoop';
import type { FitOptions, FitResult } from './generativeModel';

/** Steps whose losses are averaged into FitResult.finalLosses. */
const LOSS_WINDOW = 50;

/** Runs `task` for its totalSteps; throws the signal's reason when cancelled. The caller disposes the task. */
export async function fitTrainingTask(task: TrainingTask & { totalSteps: number }, options: FitOptions): Promise<FitResult> {
  const total = task.totalSteps;
  const recent: Array<Record<string, number>> = [];
  const result = await runTrainingLoop(task, {
    totalSteps: total,
    signal: options.signal,
    callbacks: {
      onStep: async ({ step, losses }) => {
        recent.push(losses);
        if (recent.length > LOSS_WINDOW) recent.shift();
        await options.onProgress?.(step + 1, total);
      },
    },
  });
  if (result.status === 'cancelled') throw options.signal?.reason ?? new WorkbenchError('conflict', 'training was cancelled');
  const finalLosses: Record<string, number> = {};
  for (const losses of recent) for (const [k, v] of Object.entries(losses)) finalLosses[k] = (finalLosses[k] ?? 0) + v / recent.length;
  return { steps: result.step, finalLosses };
}
