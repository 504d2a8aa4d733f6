// Build of the three bundles: main (Electron main, CLI, job worker), preload, and renderer.
// The main bundle's extra entries are what `serve`, the CLI and job processes run under plain Node.
import { resolve } from 'node:path';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import vue from '@vitejs/plugin-vue';

const alias = { '@shared': resolve(__dirname, 'src/shared') };

export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    resolve: { alias },
    build: {
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          cli: resolve(__dirname, 'src/main/cli/index.ts'),
          jobWorker: resolve(__dirname, 'src/main/core/jobs/jobWorker.ts'),
          // worker_threads entry: the Gaussian loop splits its seeds over cores.
          gaussianSeedWorker: resolve(__dirname, 'src/main/core/experiments/gaussian/seedBlockWorker.ts'),
        },
      },
    },
  },
  preload: {
    plugins: [externalizeDepsPlugin()],
    resolve: { alias },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    resolve: { alias },
    plugins: [vue()],
    build: { minify: true, rollupOptions: { input: resolve(__dirname, 'src/renderer/index.html') } },
  },
});
