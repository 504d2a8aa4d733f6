// Which run a panel's *Add to figure pack* draws from, for panels that are given only the run's data (the
// weak-to-strong columns): the run page (or a compare side) provides its run id, the panel injects it.
import { inject, provide, type InjectionKey } from 'vue';

const figureRunKey: InjectionKey<() => string | null> = Symbol('figure-run');

/** Called by a run's results (or one side of a comparison): panels below draw figures of this run. */
export function provideFigureRun(runId: () => string): void {
  provide(figureRunKey, runId);
}

/** The run id provided above, or null (then the panel offers no figure). */
export function injectFigureRun(): () => string | null {
  return inject(figureRunKey, () => null);
}
