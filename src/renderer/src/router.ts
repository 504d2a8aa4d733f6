// A tiny hash router (no dependency): `#/runs`, `#/runs/<id>`, `#/sweeps[/<id>]`, `#/new`, `#/system`, `#/datasets[/<id>]`, `#/pack`. Hash URLs work the
// same from Electron's file:// page and from serve's HTTP page, and survive reloads.
import { readonly, ref } from 'vue';

export type Route =
  | { name: 'runs'; runId: string | null }
  | { name: 'new'; fromRunId: string | null }
  | { name: 'system' }
  | { name: 'datasets'; datasetId: string | null }
  | { name: 'pack' }
  | { name: 'sweeps'; sweepId: string | null };

export function parseHash(hash: string): Route {
  const [path, query = ''] = hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'new') return { name: 'new', fromRunId: new URLSearchParams(query).get('from') };
  if (parts[0] === 'system') return { name: 'system' };
  if (parts[0] === 'pack') return { name: 'pack' };
  if (parts[0] === 'sweeps') return { name: 'sweeps', sweepId: parts[1] ?? null };
  if (parts[0] === 'datasets') return { name: 'datasets', datasetId: parts[1] ?? null };
  return { name: 'runs', runId: parts[0] === 'runs' && parts[1] ? parts[1] : null };
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'runs':
      return route.runId ? `#/runs/${encodeURIComponent(route.runId)}` : '#/runs';
    case 'new':
      return route.fromRunId ? `#/new?from=${encodeURIComponent(route.fromRunId)}` : '#/new';
    case 'system':
      return '#/system';
    case 'datasets':
      return route.datasetId ? `#/datasets/${encodeURIComponent(route.datasetId)}` : '#/datasets';
    case 'pack':
      return '#/pack';
    case 'sweeps':
      return route.sweepId ? `#/sweeps/${encodeURIComponent(route.sweepId)}` : '#/sweeps';
  }
}

const current = ref<Route>(parseHash(window.location.hash));
window.addEventListener('hashchange', () => {
  current.value = parseHash(window.location.hash);
});

export const route = readonly(current);

export function navigate(next: Route): void {
  const href = routeHref(next);
  if (window.location.hash === href) current.value = parseHash(href);
  else window.location.hash = href;
}
