// Contents of JSON artifacts (scatter samples, phase map), cached by run, name and sha256: a rewritten
// artifact has a new hash and is fetched again; an unchanged one is never fetched twice.
import { defineStore } from 'pinia';
import type { ArtifactInfo } from '@shared/contract/models';
import { apiClient } from '../api';

const maxEntries = 400;

export const useArtifactsStore = defineStore('artifacts', () => {
  // Plain (non-reactive) maps: artifact bodies can be large and are read through `load` only.
  const cache = new Map<string, unknown>();
  const inflight = new Map<string, Promise<unknown>>();

  const keyOf = (runId: string, artifact: ArtifactInfo) => `${runId}\u0000${artifact.name}\u0000${artifact.sha256}`;

  function cached(runId: string, artifact: ArtifactInfo): unknown {
    return cache.get(keyOf(runId, artifact));
  }

  async function load(runId: string, artifact: ArtifactInfo): Promise<unknown> {
    const key = keyOf(runId, artifact);
    if (cache.has(key)) return cache.get(key);
    const pending = inflight.get(key);
    if (pending) return pending;
    const request = apiClient()
      .call('runs.artifact', { runId, name: artifact.name })
      .then((value) => {
        cache.set(key, value);
        if (cache.size > maxEntries) cache.delete(cache.keys().next().value as string);
        return value;
      })
      .finally(() => inflight.delete(key));
    inflight.set(key, request);
    return request;
  }

  function forgetRun(runId: string): void {
    for (const key of [...cache.keys()]) if (key.startsWith(`${runId}\u0000`)) cache.delete(key);
  }

  return { load, cached, forgetRun };
});
