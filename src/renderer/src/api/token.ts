// Serve mode's access token: read once from `?token=` (the URL `ouroboros serve` prints), kept in
// sessionStorage for reloads, and stripped from the address bar so it is not bookmarked or shared.
const storageKey = 'ouroboros.token';

export interface TokenEnvironment {
  location: Pick<Location, 'href'>;
  history: Pick<History, 'replaceState' | 'state'>;
  storage: Pick<Storage, 'getItem' | 'setItem'> | null;
}

function safeStorage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null; // storage disabled: the token lives only in memory (and the server's cookie)
  }
}

export function takeToken(
  env: TokenEnvironment = { location: window.location, history: window.history, storage: safeStorage() },
): string | null {
  const url = new URL(env.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    try {
      env.storage?.setItem(storageKey, fromUrl);
    } catch {
      // quota or privacy mode: keep going with the in-memory token
    }
    url.searchParams.delete('token');
    env.history.replaceState(env.history.state, '', `${url.pathname}${url.search}${url.hash}`);
    return fromUrl;
  }
  try {
    return env.storage?.getItem(storageKey) ?? null;
  } catch {
    return null;
  }
}
