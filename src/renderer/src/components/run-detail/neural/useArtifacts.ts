// Loading neural artifacts for a view, following the live stream: the one artifact shown at a step (the
// step's, or the nearest earlier one, reloaded when rewritten), or every artifact of a list (for tables and
// heatmaps over all generations). Bodies come from the artifacts store, which caches by name and hash.
import { shallowRef, watch } from 'vue';
import type { ErrorPayload } from '@shared/errors';
import { toErrorPayload } from '../../../lib/errors';
import { atOrBefore, type SteppedArtifact } from '../../../lib/neuralArtifacts';
import { useArtifactsStore } from '../../../stores/artifacts';

type Parse<T> = (value: unknown) => T | null;

/** The parsed artifact shown at `step()` (null while none is written). */
export function useArtifactAt<T>(runId: () => string, list: () => readonly SteppedArtifact[], step: () => number | null, parse: Parse<T>) {
  const store = useArtifactsStore();
  const value = shallowRef<T | null>(null);
  const shownStep = shallowRef<number | null>(null);
  const error = shallowRef<ErrorPayload | null>(null);
  let token = 0;

  watch(
    () => {
      const s = step();
      const item = s === null ? null : atOrBefore(list(), s);
      return item ? { runId: runId(), item } : null;
    },
    async (target, previous) => {
      if (!target) {
        value.value = null;
        shownStep.value = null;
        return;
      }
      if (previous && previous.runId === target.runId && previous.item.artifact.sha256 === target.item.artifact.sha256
        && previous.item.artifact.name === target.item.artifact.name && value.value !== null) return;
      const mine = ++token;
      try {
        const parsed = parse(await store.load(target.runId, target.item.artifact));
        if (mine !== token) return;
        if (!parsed) throw new Error(`${target.item.artifact.name} does not have the expected shape`);
        value.value = parsed;
        shownStep.value = target.item.step;
        error.value = null;
      } catch (e) {
        if (mine === token) error.value = toErrorPayload(e);
      }
    },
    { immediate: true },
  );
  return { value, shownStep, error };
}

/** Every artifact of the list, parsed, by step (a new Map whenever one arrives or is rewritten). */
export function useArtifactBodies<T>(runId: () => string, list: () => readonly SteppedArtifact[], parse: Parse<T>) {
  const store = useArtifactsStore();
  const bodies = shallowRef(new Map<number, T>());
  const error = shallowRef<ErrorPayload | null>(null);
  const loaded = new Map<number, string>(); // step → sha256 loaded or loading
  let currentRun = '';

  watch(
    () => [runId(), list()] as const,
    ([id, items]) => {
      if (id !== currentRun) {
        currentRun = id;
        loaded.clear();
        bodies.value = new Map();
      }
      for (const item of items) {
        if (loaded.get(item.step) === item.artifact.sha256) continue;
        loaded.set(item.step, item.artifact.sha256);
        store.load(id, item.artifact).then(
          (raw) => {
            if (id !== currentRun) return;
            const parsed = parse(raw);
            if (!parsed) throw new Error(`${item.artifact.name} does not have the expected shape`);
            bodies.value = new Map(bodies.value).set(item.step, parsed);
          },
        ).catch((e: unknown) => {
          if (id === currentRun) error.value = toErrorPayload(e);
        });
      }
    },
    { immediate: true, deep: false },
  );
  return { bodies, error };
}
