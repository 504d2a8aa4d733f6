// The renderer's view of the one API client: the shared ApiClient plus the connection state, so stores can
// re-hydrate after a dropped event stream and the layout can say when the server is unreachable.
import type { ApiClient } from '@shared/contract/client';
import type { Uploader } from './upload';

/**
 * `open`: events flow. `connecting`: first attempt. `reconnecting`: lost, retrying with backoff.
 * `unauthorized`: serve refused the token (the page was not opened with the URL `ouroboros serve` printed).
 */
export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'unauthorized';

export interface ConnectionChange {
  state: ConnectionState;
  /** True on an `open` that follows a lost connection: events may have been missed, re-hydrate. */
  reconnected: boolean;
}

export interface RendererApiClient extends ApiClient {
  readonly transport: 'electron' | 'http';
  /** Subscribes to connection changes; the listener is called at once with the current state. */
  onConnection(listener: (change: ConnectionChange) => void): () => void;
  /** Electron only: the absolute path of a dropped or picked File; null where the shell cannot know it (a browser). */
  pathForFile(file: File): string | null;
  /** Electron only: a path chosen in the native save dialog (null: cancelled). Absent in a browser, which downloads. */
  chooseSavePath?(defaultName: string): Promise<string | null>;
  /** Serve mode only: streams picked files to the server for import (a browser has no server path for them). */
  readonly uploads?: Uploader;
}
