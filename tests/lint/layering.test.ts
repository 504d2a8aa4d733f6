// The layering rules of DESIGN.md are enforced by ESLint; this checks that the rules catch violations
// (probes per layer) and that the source tree has none.
import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { ESLint } from 'eslint';

const root = resolve(__dirname, '../..');
const eslint = new ESLint({ cwd: root });
/** The base rule, or typescript-eslint's (which knows type-only imports; used for src/shared/charts). */
const isLayering = (ruleId: string | null) => ruleId === 'no-restricted-imports' || ruleId === '@typescript-eslint/no-restricted-imports';

async function restricted(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, filePath) });
  return result.messages.filter((m) => isLayering(m.ruleId)).map((m) => m.message);
}

describe('layering (lint-enforced import rules)', () => {
  it.each([
    ['src/shared/probe.ts', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;", /shared.*no Node APIs/],
    ['src/shared/probe.ts', "import { ref } from 'vue';\nexport const r = ref;", /shared/],
    ['src/main/core/probe.ts', "import { app } from 'electron';\nexport const a = app;", /core/],
    ['src/main/core/probe.ts', "import { startServer } from '../serve/server';\nexport const s = startServer;", /the core knows no shell/],
    ['src/main/core/datasets/builtins/probe.ts', "import { buildReference } from '../../experiments/gaussian/loopPlan';\nexport const b = buildReference;", /lower core folder.*does not import experiments/],
    ['src/main/core/datasets/probe.ts', "import { registry } from '../experiments';\nexport const r = registry;", /lower core folder/],
    ['src/main/core/metrics/featureExtractor/probe.ts', "import { ImportHost } from '../../jobs/importHost';\nexport const h = ImportHost;", /lower core folder/],
    ['src/main/core/store/probe.ts', "import { createWorkbench } from '../workbench';\nexport const c = createWorkbench;", /lower core folder/],
    ['src/main/core/engine/training/probe.ts', "import { createApiHandlers } from '../../services/apiHandlers';\nexport const c = createApiHandlers;", /lower core folder/],
    ['src/main/core/math/probe.ts', "import { createRng } from '../datasets/rng';\nexport const c = createRng;", /math and fs are the bottom/],
    ['src/renderer/src/probe.ts', "import Database from 'better-sqlite3';\nexport const d = Database;", /renderer/],
    ['src/renderer/src/probe.ts', "import { openDatabase } from '../../main/core/store/database';\nexport const o = openDatabase;", /@shared/],
    ['src/preload/probe.ts', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;", /preload/],
    ['src/main/electron/probe.ts', "import { createPinia } from 'pinia';\nexport const p = createPinia;", /main/],
    ['src/shared/charts/probe.ts', "import { init } from 'echarts/core';\nexport const i = init;", /ECharts types only/],
    ['src/shared/charts/probe.ts', "import { readFileSync } from 'node:fs';\nexport const f = readFileSync;", /no Node APIs/],
    ['src/main/core/export/probe.ts', "import { ref } from 'vue';\nexport const r = ref;", /ECharts only for server-side SVG/],
    ['src/main/core/probe.ts', "import { init } from 'echarts/core';\nexport const i = init;", /core/],
  ])('%s: flags %s', async (file, code, why) => {
    const messages = await restricted(file, code);
    expect(messages.length).toBe(1);
    expect(messages[0]).toMatch(why);
  });

  it('allows what each layer may use', async () => {
    expect(await restricted('src/main/core/probe.ts', "import { z } from 'zod';\nimport { join } from 'node:path';\nexport const a = [z, join];")).toEqual([]);
    // inside the core, the upper folders use the lower ones; metrics builds on datasets and engine; math may use Node's events
    expect(await restricted('src/main/core/experiments/probe.ts', "import { openDataset } from '../datasets/datasetReader';\nimport { buildReference } from '../math/referenceDistribution';\nexport const a = [openDataset, buildReference];")).toEqual([]);
    expect(await restricted('src/main/core/metrics/probe.ts', "import { openDataset } from '../datasets/datasetReader';\nimport { fileSystemIO } from '../engine/training/fileSystemIO';\nexport const a = [openDataset, fileSystemIO];")).toEqual([]);
    expect(await restricted('src/main/core/math/probe.ts', "import { EventEmitter } from 'node:events';\nimport { once } from 'events';\nimport { choleskyLower } from './cholesky';\nexport const a = [EventEmitter, once, choleskyLower];")).toEqual([]);
    // chart builders type their options with ECharts' types; the export loads ECharts to render them
    expect(await restricted('src/shared/charts/probe.ts', "import type { ComposeOption } from 'echarts/core';\nexport type O = ComposeOption<never>;")).toEqual([]);
    expect(await restricted('src/main/core/export/probe.ts', "import { init } from 'echarts/core';\nexport const i = init;")).toEqual([]);
    expect(await restricted('src/renderer/src/probe.ts', "import { ref } from 'vue';\nimport { api } from '@shared/contract/api';\nexport const a = [ref, api];")).toEqual([]);
  });

  it('the source tree has no layering violations', async () => {
    const results = await eslint.lintFiles(['src']);
    const violations = results.flatMap((r) =>
      r.messages.filter((m) => isLayering(m.ruleId)).map((m) => `${r.filePath}:${m.line} ${m.message}`),
    );
    expect(violations).toEqual([]);
  }, 120_000);
});
