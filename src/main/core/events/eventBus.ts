// In-process fan-out of core events to every shell listener (IPC windows, WebSockets, the CLI).
import type { WorkbenchEvent } from '@shared/contract/events';

export class EventBus {
  private readonly listeners = new Set<(event: WorkbenchEvent) => void>();

  on(listener: (event: WorkbenchEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: WorkbenchEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch (error) {
        // A broken listener (e.g. a closed socket) must not stop delivery to the others.
        console.error('event listener failed:', error);
      }
    }
  }
}
