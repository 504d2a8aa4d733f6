// Picks the transport once: the Electron preload bridge when it is there, else HTTP + WebSocket to the
// serve shell that delivered this page. Same contract either way, so the rest of the renderer never knows.
import { bridgeKey, type PreloadBridge } from '@shared/contract/client';
import { createBridgeClient } from './bridgeClient';
import { createHttpClient } from './httpClient';
import { takeToken } from './token';
import type { RendererApiClient } from './types';

export function createApiClient(): RendererApiClient {
  const bridge = (window as unknown as Record<string, PreloadBridge | undefined>)[bridgeKey];
  if (bridge) return createBridgeClient(bridge);
  return createHttpClient({ origin: window.location.origin, token: takeToken() });
}
