// system.info as the UI shows it: backend, device, why faster backends are not used, workspace, versions.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { SystemInfo } from '@shared/contract/models';
import type { ErrorPayload } from '@shared/errors';
import { apiClient } from '../api';
import { toErrorPayload } from '../lib/errors';

export const useSystemStore = defineStore('system', () => {
  const info = ref<SystemInfo | null>(null);
  const loading = ref(false);
  const error = ref<ErrorPayload | null>(null);

  async function hydrate(): Promise<void> {
    loading.value = true;
    try {
      info.value = await apiClient().call('system.info', {});
      error.value = null;
    } catch (e) {
      error.value = toErrorPayload(e);
    } finally {
      loading.value = false;
    }
  }

  return { info, loading, error, hydrate };
});
