// Where the built files a Node shell needs live, relative to the built CLI (out/main/cli.js).
import { join } from 'node:path';

export const builtPaths = {
  jobWorker: join(__dirname, 'jobWorker.js'),
  renderer: join(__dirname, '..', 'renderer'),
};
