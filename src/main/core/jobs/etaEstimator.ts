// Estimates seconds left from the step rate since the job (re)started; a resumed run counts only the
// steps done in this process, so a resume does not fake a fast rate.
export class EtaEstimator {
  private readonly startTime: number;

  constructor(
    private readonly startStep: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.startTime = now();
  }

  /** Seconds left after `step` of `total`, or null before the first completed step. */
  update(step: number, total: number): number | null {
    const done = step - this.startStep;
    if (done <= 0) return null;
    const secondsPerStep = (this.now() - this.startTime) / 1000 / done;
    return Math.max(0, (total - step) * secondsPerStep);
  }
}
