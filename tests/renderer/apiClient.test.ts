// The HTTP transport and its event stream, with a fake fetch and fake sockets: Bearer token, envelope
// unwrapping into typed errors, event validation, reconnect with the "re-hydrate" signal; and the token.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RunSummary } from '@shared/contract/models';
import { WorkbenchError } from '@shared/errors';
import { createBridgeClient } from '../../src/renderer/src/api/bridgeClient';
import type { SocketLike } from '../../src/renderer/src/api/eventSocket';
import { createHttpClient, eventsUrl } from '../../src/renderer/src/api/httpClient';
import { takeToken } from '../../src/renderer/src/api/token';
import type { ConnectionChange } from '../../src/renderer/src/api/types';

const run: RunSummary = {
  id: 'r1', experimentId: 'e1', kind: 'gaussian-loop', name: 'loop', status: 'running', seed: 0, backend: 'cpu',
  createdAt: '2025-01-01T00:00:00Z', startedAt: null, finishedAt: null, checkpointStep: null,
  progress: { step: 1, total: 20, etaSeconds: 30 }, queuePosition: null, error: null,
};

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

class FakeSocket implements SocketLike {
  static all: FakeSocket[] = [];
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  constructor(readonly url: string) { FakeSocket.all.push(this); }
  close() { this.onclose?.({}); }
}

beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => {}); // dropped events are reported; expected here
});

afterEach(() => {
  FakeSocket.all = [];
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('HTTP client', () => {
  it('posts JSON with the Bearer token and unwraps the value', async () => {
    const fetch = vi.fn(async () => jsonResponse({ ok: true, value: [run] }));
    const client = createHttpClient({ origin: 'http://127.0.0.1:9', token: 'tok', fetch });
    await expect(client.call('runs.list', {})).resolves.toEqual([run]);
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('http://127.0.0.1:9/api/runs.list');
    expect(init.method).toBe('POST');
    expect(init.credentials).toBe('same-origin');
    expect((init.headers as Record<string, string>).Authorization).toBe('Bearer tok');
  });
  it('throws the server error with code, message and details', async () => {
    const error = { code: 'invalid-input', message: 'config is invalid: params.seeds: too small', details: { issues: [] } };
    const client = createHttpClient({ origin: 'http://x', token: null, fetch: async () => jsonResponse({ ok: false, error }, 400) });
    const thrown = await client.call('runs.get', { runId: 'nope' }).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(WorkbenchError);
    expect(thrown).toMatchObject(error);
  });
  it('maps an unreachable server and a non-JSON 401 to typed errors', async () => {
    const down = createHttpClient({ origin: 'http://x', token: null, fetch: async () => { throw new TypeError('fetch failed'); } });
    await expect(down.call('system.info', {})).rejects.toMatchObject({ code: 'unavailable' });
    const denied = createHttpClient({ origin: 'http://x', token: null, fetch: async () => new Response('no', { status: 401 }) });
    await expect(denied.call('system.info', {})).rejects.toMatchObject({ code: 'unauthorized' });
  });
  it('builds the events URL with the token', () => {
    expect(eventsUrl('https://h:1', 'a b')).toBe('wss://h:1/api/events?token=a+b');
    expect(eventsUrl('http://h:1', null)).toBe('ws://h:1/api/events');
  });
  it('validates events and reconnects with a re-hydrate signal', async () => {
    vi.useFakeTimers();
    const client = createHttpClient({
      origin: 'http://h', token: 't', fetch: vi.fn(), createSocket: (url) => new FakeSocket(url),
      reconnectDelayMs: { initial: 10, max: 40 },
    });
    const events: unknown[] = [];
    const changes: ConnectionChange[] = [];
    client.onEvent((e) => events.push(e));
    client.onConnection((c) => changes.push(c));
    const first = FakeSocket.all[0];
    expect(first.url).toBe('ws://h/api/events?token=t');
    first.onopen?.({});
    first.onmessage?.({ data: JSON.stringify({ type: 'didChangeRun', run }) });
    first.onmessage?.({ data: JSON.stringify({ type: 'didProgress', runId: 'r1' }) }); // invalid: dropped
    first.onmessage?.({ data: 'not json' });
    expect(events).toEqual([{ type: 'didChangeRun', run }]);
    first.onclose?.({});
    expect(changes.at(-1)).toEqual({ state: 'reconnecting', reconnected: false });
    await vi.advanceTimersByTimeAsync(10);
    expect(FakeSocket.all).toHaveLength(2);
    FakeSocket.all[1].onopen?.({});
    expect(changes.at(-1)).toEqual({ state: 'open', reconnected: true });
  });
});

describe('bridge client', () => {
  it('unwraps the bridge envelope and validates bridge events', async () => {
    let push: (e: unknown) => void = () => {};
    const client = createBridgeClient({
      invoke: async () => ({ ok: false, error: { code: 'not-found', message: 'No run r9' } }),
      onEvent: (listener) => { push = listener; return () => {}; },
      pathForFile: () => '',
      chooseSavePath: async (name) => (name === 'pack.zip' ? '/home/u/pack.zip' : null),
    });
    await expect(client.call('runs.get', { runId: 'r9' })).rejects.toMatchObject({ code: 'not-found', message: 'No run r9' });
    expect(await client.chooseSavePath?.('pack.zip')).toBe('/home/u/pack.zip');
    expect(await client.chooseSavePath?.('other.zip')).toBeNull();
    const seen: unknown[] = [];
    client.onEvent((e) => seen.push(e));
    push({ type: 'didProgress', runId: 'r1', progress: { step: 1, total: 2, etaSeconds: null } });
    push({ type: 'bogus' });
    expect(seen).toHaveLength(1);
  });
});

describe('token', () => {
  it('takes ?token= once, stores it and strips it from the address bar', () => {
    const stored = new Map<string, string>();
    const storage = { getItem: (k: string) => stored.get(k) ?? null, setItem: (k: string, v: string) => void stored.set(k, v) };
    const replaceState = vi.fn();
    const env = { location: { href: 'http://h/?token=abc&x=1#/runs' }, history: { replaceState, state: null }, storage };
    expect(takeToken(env)).toBe('abc');
    expect(replaceState).toHaveBeenCalledWith(null, '', '/?x=1#/runs');
    expect(takeToken({ ...env, location: { href: 'http://h/#/runs' } })).toBe('abc');
  });
});

describe('refused token', () => {
  it('reports unauthorized and keeps it over socket retries until the stream opens', async () => {
    const client = createHttpClient({
      origin: 'http://h', token: 'bad', createSocket: (url) => new FakeSocket(url),
      fetch: async () => jsonResponse({ ok: false, error: { code: 'unauthorized', message: 'missing token' } }, 401),
    });
    const changes: ConnectionChange[] = [];
    client.onConnection((c) => changes.push(c));
    await expect(client.call('runs.list', {})).rejects.toMatchObject({ code: 'unauthorized' });
    FakeSocket.all[0].onclose?.({});
    expect(changes.map((c) => c.state)).toEqual(['connecting', 'unauthorized']);
  });
});
