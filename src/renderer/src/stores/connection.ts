// Whether the event stream to the core is up: drives the "reconnecting" banner. Electron's bridge is
// always open; serve's WebSocket may drop and come back.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ConnectionChange, ConnectionState } from '../api';

export const useConnectionStore = defineStore('connection', () => {
  const state = ref<ConnectionState>('connecting');
  const transport = ref<'electron' | 'http' | null>(null);
  const reconnects = ref(0);

  function update(change: ConnectionChange): void {
    state.value = change.state;
    if (change.reconnected) reconnects.value += 1;
  }

  return { state, transport, reconnects, update };
});
