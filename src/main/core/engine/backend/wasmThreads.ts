// Multithreaded wasm in Node. tfjs-backend-wasm 4.22 turns threads off under Node (tfjs issue #3830) and
// its XNNPACK pool is capped at cpus/2 (it assumes 2 hyperthreads per core). We start the package's own
// threaded-SIMD build ourselves: its pthread worker script is written to a file (the package ships it as a
// JS string for Blob URLs, which Node workers cannot load), and the core count the wasm code asks for is
// answered with 2 × the threads we want, so the cap lets them all run.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const nodeRequire = createRequire(import.meta.url);
const startTimeoutMs = 60_000;

/** The emscripten module of the threaded build, as BackendWasm expects it. */
export type WasmModule = Record<string, unknown> & {
  cwrap: (name: string, ret: string | null, args: string[]) => (...a: number[]) => unknown;
  PThread?: { runningWorkers: Array<{ unref(): void }>; unusedWorkers: Array<{ unref(): void }>; terminateAllThreads(): void };
};

type Imports = Record<string, Record<string, unknown>>;
/** The slice of the WebAssembly global we use (the project's lib has no DOM/WebAssembly typings). */
interface WebAssemblyApi {
  instantiate(bytes: Uint8Array, imports: Imports): Promise<{ instance: unknown; module: unknown }>;
}
const webAssembly = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

/** Writes the pthread worker script once per content (atomic rename; safe with concurrent processes). */
function workerScriptPath(source: string): string {
  const text = source.replace(/\n/g, '\\n'); // the string's "\n" escapes must stay escapes in the file
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
  const path = join(tmpdir(), `ouroboros-tfjs-wasm-worker-${hash}.cjs`);
  if (!existsSync(path)) {
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, text);
    renameSync(temp, path);
  }
  return path;
}

/**
 * Instantiates tfjs-backend-wasm's threaded-SIMD build with `threads` XNNPACK threads. `distDir` and
 * `wasmOutDir` are the package's dist/ and wasm-out/ folders. Resolves to the emscripten module with the
 * `tfjs` bindings BackendWasm's constructor calls; its workers do not keep the process alive.
 */
export async function instantiateThreadedWasm(distDir: string, wasmOutDir: string, threads: number): Promise<WasmModule> {
  const { wasmWorkerContents } = nodeRequire(join(wasmOutDir, 'tfjs-backend-wasm-threaded-simd.worker.js')) as { wasmWorkerContents: string };
  const mainScript = join(wasmOutDir, 'tfjs-backend-wasm-threaded-simd.js');
  const factory = nodeRequire(mainScript) as (config: Record<string, unknown>) => Promise<WasmModule>;
  const workerPath = workerScriptPath(wasmWorkerContents);
  const wasmPath = join(distDir, 'tfjs-backend-wasm-threaded-simd.wasm');
  const keepAlive = setInterval(() => undefined, 1000); // workers are unref'd while the module loads
  try {
    const module = await new Promise<WasmModule>((resolve, reject) => {
      factory({
        mainScriptUrlOrBlob: mainScript, // workers importScripts() this path (Node: fs + eval)
        locateFile: (path: string, prefix: string) => (path.endsWith('.worker.js') ? workerPath : path.endsWith('.wasm') ? wasmPath : prefix + path),
        instantiateWasm(imports: Imports, receive: (instance: unknown, module: unknown) => void) {
          for (const table of Object.values(imports)) {
            for (const [key, fn] of Object.entries(table)) {
              if (typeof fn === 'function' && fn.name === '_emscripten_num_logical_cores') table[key] = () => 2 * threads;
            }
          }
          webAssembly.instantiate(readFileSync(wasmPath), imports).then(({ instance, module: compiled }) => receive(instance, compiled), reject);
          return {};
        },
        onAbort: (what: unknown) => reject(new Error(`threaded wasm aborted: ${String(what)}`)),
      }).then(resolve, reject);
      // A worker that never reports "loaded" would otherwise hang backend start forever.
      setTimeout(() => reject(new Error(`threaded wasm did not start within ${startTimeoutMs / 1000} s`)), startTimeoutMs).unref();
    });
    module.tfjs = {
      init: module.cwrap('init', null, []),
      initWithThreadsCount: module.cwrap('init_with_threads_count', null, ['number']),
      getThreadsCount: module.cwrap('get_threads_count', 'number', []),
      registerTensor: module.cwrap('register_tensor', null, ['number', 'number', 'number']),
      disposeData: module.cwrap('dispose_data', null, ['number']),
      dispose: module.cwrap('dispose', null, []),
    };
    return module;
  } finally {
    clearInterval(keepAlive);
  }
}

/** Lets the process exit while XNNPACK's pool threads idle (emscripten ref()s running pthreads in Node). */
export function unrefWasmWorkers(module: WasmModule): void {
  const pthread = module.PThread;
  if (!pthread) return;
  for (const worker of [...pthread.runningWorkers, ...pthread.unusedWorkers]) worker.unref();
}
