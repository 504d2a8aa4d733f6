// A separate process that needs the default feature extractor (forked by featureExtractorLock.test.ts via
// tsx): it logs every progress line, marks each training it starts, and can hold its training at a gate file
// so the test can start a rival while the lock is held.
import { appendFileSync, existsSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { obtainFeatureExtractor } from '../../../../src/main/core/metrics/featureExtractor';

async function main(): Promise<void> {
  const { DATASET_DIR, CACHE_DIR, LOG_FILE, MARKER_FILE, GATE_FILE } = process.env;
  if (!DATASET_DIR || !CACHE_DIR || !LOG_FILE || !MARKER_FILE) throw new Error('extractorLockChild: DATASET_DIR, CACHE_DIR, LOG_FILE and MARKER_FILE must be set');
  await tf.setBackend('cpu');
  const log = (line: string) => appendFileSync(LOG_FILE, `${JSON.stringify(line)}\n`);
  const pause = new Int32Array(new SharedArrayBuffer(4));
  let gated = false;
  const extractor = await obtainFeatureExtractor({
    datasetDir: DATASET_DIR,
    cacheDir: CACHE_DIR,
    lockTiming: { pollMs: 100 },
    onProgress: (message) => {
      log(message);
      if (!message.startsWith('training the feature extractor (small CNN)')) return;
      appendFileSync(MARKER_FILE, `${process.pid}\n`);
      // Hold the lock (synchronously: no heartbeat meanwhile, well under the stale timeout) until released.
      if (GATE_FILE && !gated) {
        gated = true;
        while (!existsSync(GATE_FILE)) Atomics.wait(pause, 0, 0, 20);
      }
    },
  });
  log(`done: ${extractor.description}`);
  extractor.dispose();
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
