// Starts the real `ouroboros serve` process on a temporary workspace, the way a user would, and reads
// the token URL it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');

export interface ServeProcess {
  url: string;
  origin: string;
  child: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Caps the default feature extractor's training (documented in metrics/featureExtractor): at full size it
 * trains for a minute or more on 2 cores in every fresh workspace. The UI tests check the pipeline; the
 * extractor's quality is the unit tests' and the bench's business. The caps are part of its cache key.
 */
export const smallFeatureExtractor = {
  OUROBOROS_EXTRACTOR_TRAIN_ITEMS: '600',
  OUROBOROS_EXTRACTOR_EPOCHS: '1',
  OUROBOROS_EXTRACTOR_TEST_ITEMS: '200',
};

export function startServe(workspace: string): Promise<ServeProcess> {
  const child = spawn(process.execPath, [join(root, 'bin/ouroboros.js'), 'serve', '--port', '0', '--workspace', workspace], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...smallFeatureExtractor },
  });
  let output = '';
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not print its URL within 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/(http:\/\/127\.0\.0\.1:\d+)\/\?token=[0-9a-f]+/);
      if (match) {
        clearTimeout(timer);
        resolvePromise({
          url: match[0],
          origin: match[1],
          child,
          stop: (signal = 'SIGTERM') =>
            new Promise((done) => {
              if (child.exitCode !== null || child.signalCode !== null) return done();
              child.once('exit', () => done());
              child.kill(signal);
            }),
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with code ${code} before printing its URL:\n${output}`));
    });
  });
}
