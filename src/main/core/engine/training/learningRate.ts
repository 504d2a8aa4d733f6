// Learning-rate schedules as one pure function of the step, so the trainer, its tests and the UI's preview
// of a schedule agree exactly, and a resumed run continues on the same curve.

export interface LearningRateSchedule {
  kind: 'constant' | 'cosine' | 'poly';
  /** Peak learning rate. */
  baseLearningRate: number;
  /** Total optimizer steps of the run (the schedule reaches its final value at step totalSteps − 1). */
  totalSteps: number;
  /** Linear warm-up steps from base/warmup up to base; 0 = none. */
  warmupSteps?: number;
  /** Final rate as a fraction of the base (cosine, poly). Default 0. */
  finalFraction?: number;
  /** Exponent of the poly decay. Default 0.9. */
  power?: number;
}

/**
 * Learning rate of the update with 0-based index `step`.
 * - warm-up (step < W): base·(step + 1)/W
 * - constant: base
 * - cosine: final + (base − final)·½(1 + cos πp)
 * - poly: final + (base − final)·(1 − p)^power
 * with p = (step − W)/(totalSteps − 1 − W) clamped to [0, 1] and final = base·finalFraction.
 */
export function learningRateAt(step: number, schedule: LearningRateSchedule): number {
  const base = schedule.baseLearningRate;
  const warmup = schedule.warmupSteps ?? 0;
  if (step < warmup) return (base * (step + 1)) / warmup;
  if (schedule.kind === 'constant') return base;
  const final = base * (schedule.finalFraction ?? 0);
  const span = Math.max(1, schedule.totalSteps - 1 - warmup);
  const p = Math.min(1, Math.max(0, (step - warmup) / span));
  if (schedule.kind === 'cosine') return final + (base - final) * 0.5 * (1 + Math.cos(Math.PI * p));
  return final + (base - final) * Math.pow(1 - p, schedule.power ?? 0.9);
}
