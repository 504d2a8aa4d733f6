// Asks Dawn for its adapter in a short child process, so that what Dawn and the Vulkan drivers print on
// stderr while they enumerate adapters ("While initializing adapter (backend=BackendType::Vulkan) …",
// "XDG_RUNTIME_DIR is invalid") lands in the rung's reason instead of the user's terminal. Dawn is loaded
// in-process only when the probe found an adapter the ladder will take.
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import type { AdapterLike } from './webgpuAdapter';

/** What the probe saw: the adapter (or null when Dawn has none), an error, and Dawn's stderr in short. */
export interface WebgpuProbe {
  adapter: AdapterLike | null;
  /** Set when the package or Dawn failed to load or the child did not answer. */
  error?: string;
  /** Distinct stderr lines of the child, without source locations; empty when it was quiet. */
  messages: string[];
}

/** Limits the ladder reads and requests (describeAdapter, requestDevice). */
export const probedLimits = [
  'maxStorageBufferBindingSize', 'maxBufferSize', 'maxComputeWorkgroupStorageSize', 'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupSizeX', 'maxComputeWorkgroupsPerDimension',
] as const;

/** The child: import the package, request the high-performance adapter, print it as JSON on stdout, exit. */
const childScript = `
const limits = ${JSON.stringify(probedLimits)};
import(process.argv[1]).then(async ({ create }) => {
  const adapter = await create([]).requestAdapter({ powerPreference: 'high-performance' });
  const info = adapter && adapter.info ? adapter.info : {};
  const out = adapter ? {
    info: { vendor: info.vendor, architecture: info.architecture, device: info.device, description: info.description, isFallbackAdapter: info.isFallbackAdapter },
    isFallbackAdapter: adapter.isFallbackAdapter,
    limits: Object.fromEntries(limits.map((k) => [k, Number(adapter.limits[k] ?? 0)])),
  } : null;
  process.stdout.write(JSON.stringify({ adapter: out }), () => process.exit(0));
}).catch((e) => process.stdout.write(JSON.stringify({ error: String(e && e.message || e) }), () => process.exit(0)));
`;

/** Distinct, trimmed stderr lines without Dawn's "at Function (file:line)" locations. */
export function summarizeStderr(text: string): string[] {
  const lines = text.split('\n').map((l) => l.trim().replace(/^-\s*/, '')).filter((l) => l && !/^at \S+ \(.*\)$/.test(l));
  return [...new Set(lines)];
}

/**
 * Runs the probe for the `webgpu` package at `packagePath` (its resolved entry). Never throws: failures come
 * back as `error`. @param timeoutMs how long the child may take (Dawn's first Vulkan init can take seconds)
 */
export function probeWebgpuInChild(packagePath: string, timeoutMs = 30_000): Promise<WebgpuProbe> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', childScript, pathToFileURL(packagePath).href], {
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ adapter: null, error: `could not start the adapter probe: ${error.message}`, messages: [] });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const messages = summarizeStderr(stderr);
      try {
        const parsed = JSON.parse(stdout) as { adapter?: AdapterLike | null; error?: string };
        resolve({ adapter: parsed.adapter ?? null, ...(parsed.error ? { error: parsed.error } : {}), messages });
      } catch {
        const how = signal === 'SIGKILL' ? `did not answer within ${timeoutMs / 1000} s` : `ended with ${signal ?? `code ${code}`} and no answer`;
        resolve({ adapter: null, error: `the adapter probe (a child process loading Dawn) ${how}`, messages });
      }
    });
  });
}

/** " (Dawn said: …)" for a reason, or "" when Dawn printed nothing. At most `max` characters of messages. */
export function dawnSaid(messages: string[], max = 400): string {
  if (messages.length === 0) return '';
  const text = messages.join(' / ');
  return ` (Dawn and the Vulkan driver said: ${text.length > max ? `${text.slice(0, max - 1)}…` : text})`;
}
