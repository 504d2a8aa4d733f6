// The position of a step slider over a growing list of steps (training steps or generations): follows the
// newest step while the run streams until the user moves back, and plays through the steps on a timer.
import { computed, onBeforeUnmount, ref, watch } from 'vue';

export function useStepPlayer(steps: () => readonly number[], intervalMs = 500) {
  const index = ref(0);
  const follow = ref(true);
  const playing = ref(false);
  const last = computed(() => Math.max(0, steps().length - 1));
  const step = computed<number | null>(() => steps()[index.value] ?? null);

  watch(
    () => steps().length,
    (n) => {
      if (follow.value || index.value > n - 1) index.value = Math.max(0, n - 1);
    },
    { immediate: true },
  );

  function slide(i: number): void {
    index.value = Math.min(last.value, Math.max(0, i));
    follow.value = index.value >= last.value;
  }

  let timer: ReturnType<typeof setInterval> | null = null;
  function stop(): void {
    playing.value = false;
    if (timer) clearInterval(timer);
    timer = null;
  }
  function togglePlay(): void {
    if (playing.value) return stop();
    playing.value = true;
    if (index.value >= last.value) index.value = 0;
    timer = setInterval(() => {
      if (index.value >= last.value) {
        follow.value = true;
        return stop();
      }
      index.value++;
    }, intervalMs);
  }
  onBeforeUnmount(stop);

  return { index, step, last, playing, slide, togglePlay };
}
