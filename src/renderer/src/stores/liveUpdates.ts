// Wires the client's pushed events into the stores and re-hydrates after the event stream reconnects,
// so nothing missed while it was down stays stale. Started once by main.ts.
import { apiClient } from '../api';
import { useConnectionStore } from './connection';
import { useDatasetsStore } from './datasets';
import { useExperimentKindsStore } from './experimentKinds';
import { useFigurePacksStore } from './figurePacks';
import { useRunsStore } from './runs';
import { useSystemStore } from './system';
import { useSweepsStore } from './sweeps';

export async function hydrateAll(): Promise<void> {
  await Promise.all([useSystemStore().hydrate(), useExperimentKindsStore().hydrate(), useRunsStore().hydrate(), useDatasetsStore().hydrate(), useFigurePacksStore().hydrate(), useSweepsStore().hydrate()]);
}

export function startLiveUpdates(): () => void {
  const client = apiClient();
  const runs = useRunsStore();
  const connection = useConnectionStore();
  connection.transport = client.transport;
  const datasets = useDatasetsStore();
  const packs = useFigurePacksStore();
  const sweeps = useSweepsStore();
  const offEvents = client.onEvent((event) => {
    runs.applyEvent(event);
    sweeps.applyEvent(event);
    datasets.applyEvent(event);
    packs.applyEvent(event);
  });
  const offConnection = client.onConnection((change) => {
    connection.update(change);
    if (change.state !== 'open') return;
    if (change.reconnected) void hydrateAll();
    // Serve's first open may come after the initial list was read: read it again so no event falls between.
    else if (client.transport === 'http') void Promise.all([runs.hydrate(), datasets.hydrate()]);
  });
  void hydrateAll();
  return () => {
    offEvents();
    offConnection();
  };
}
