// The experiment kinds the core offers, with the FieldSpecs the New-experiment form is generated from.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ExperimentKindInfo } from '@shared/contract/api';
import type { ErrorPayload } from '@shared/errors';
import { apiClient } from '../api';
import { toErrorPayload } from '../lib/errors';

export const useExperimentKindsStore = defineStore('experimentKinds', () => {
  const kinds = ref<ExperimentKindInfo[]>([]);
  const loading = ref(false);
  const error = ref<ErrorPayload | null>(null);

  const byKind = computed(() => new Map(kinds.value.map((k) => [k.kind, k])));
  const titleOf = (kind: string): string => byKind.value.get(kind)?.title ?? kind;

  async function hydrate(): Promise<void> {
    loading.value = true;
    try {
      kinds.value = await apiClient().call('experiments.kinds', {});
      error.value = null;
    } catch (e) {
      error.value = toErrorPayload(e);
    } finally {
      loading.value = false;
    }
  }

  return { kinds, loading, error, byKind, titleOf, hydrate };
});
