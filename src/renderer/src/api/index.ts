// The single API client instance the stores use (components never import this). Tests or embedders may
// install another client before the stores first ask for it.
import { createApiClient } from './createApiClient';
import type { RendererApiClient } from './types';

let client: RendererApiClient | null = null;

export function apiClient(): RendererApiClient {
  client ??= createApiClient();
  return client;
}

export function setApiClient(next: RendererApiClient): void {
  client = next;
}

export type { RendererApiClient, ConnectionChange, ConnectionState } from './types';
