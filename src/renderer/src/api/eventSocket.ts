// Serve mode's event stream: one WebSocket that reconnects with exponential backoff and reports each
// state change, so the stores can re-hydrate whatever they missed while it was down.
import type { ConnectionChange } from './types';

/** The part of the WebSocket API used here (the browser's, or a fake in tests). */
export interface SocketLike {
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  close(): void;
}
export type SocketFactory = (url: string) => SocketLike;

export interface EventSocketOptions {
  url: string;
  createSocket: SocketFactory;
  onMessage(data: unknown): void;
  onChange(change: ConnectionChange): void;
  /** First retry delay in ms (doubles up to `maxDelayMs`). */
  initialDelayMs?: number;
  maxDelayMs?: number;
}

export interface EventSocket {
  close(): void;
}

export function openEventSocket(options: EventSocketOptions): EventSocket {
  const initialDelay = options.initialDelayMs ?? 500;
  const maxDelay = options.maxDelayMs ?? 10_000;
  let delay = initialDelay;
  let everOpened = false;
  let closed = false;
  let socket: SocketLike | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  function connect(): void {
    if (closed) return;
    let current: SocketLike;
    try {
      current = options.createSocket(options.url);
    } catch (error) {
      console.warn('Could not open the event stream', error);
      scheduleRetry();
      return;
    }
    socket = current;
    current.onopen = () => {
      delay = initialDelay;
      options.onChange({ state: 'open', reconnected: everOpened });
      everOpened = true;
    };
    current.onmessage = (event) => {
      if (typeof event.data !== 'string') return;
      let data: unknown;
      try {
        data = JSON.parse(event.data);
      } catch {
        console.warn('Dropped an event that is not JSON', event.data);
        return;
      }
      options.onMessage(data);
    };
    current.onerror = () => {
      // A close event always follows; the retry is scheduled there.
    };
    current.onclose = () => {
      if (socket !== current) return;
      socket = null;
      if (closed) return;
      options.onChange({ state: 'reconnecting', reconnected: false });
      scheduleRetry();
    };
  }

  function scheduleRetry(): void {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = null;
      connect();
    }, delay);
    delay = Math.min(delay * 2, maxDelay);
  }

  options.onChange({ state: 'connecting', reconnected: false });
  connect();

  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      timer = null;
      const current = socket;
      socket = null;
      current?.close();
    },
  };
}
