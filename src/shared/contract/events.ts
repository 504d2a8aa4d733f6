// Events pushed from the core to every open UI (Electron windows and serve's WebSockets).
import { z } from 'zod';
import { datasetSummarySchema, importJobSchema } from './datasetModels';
import { artifactInfoSchema, metricPointSchema, progressSchema, runSummarySchema } from './models';
import { exportJobSchema } from './figurePackApi';

export const workbenchEventSchema = z.discriminatedUnion('type', [
  /** A run was created, changed status or queue position, or was deleted (`deleted: true`). */
  z.object({ type: z.literal('didChangeRun'), run: runSummarySchema, deleted: z.boolean().optional() }),
  z.object({ type: z.literal('didProgress'), runId: z.string(), progress: progressSchema }),
  z.object({ type: z.literal('didRecordMetrics'), runId: z.string(), points: z.array(metricPointSchema) }),
  z.object({ type: z.literal('didWriteArtifact'), runId: z.string(), artifact: artifactInfoSchema }),
  /** A dataset was registered, renamed or deleted (`deleted: true`). */
  z.object({ type: z.literal('didChangeDataset'), dataset: datasetSummarySchema, deleted: z.boolean().optional() }),
  /** An import job progressed or finished (status completed / duplicate / failed / cancelled). */
  z.object({ type: z.literal('didProgressImport'), job: importJobSchema }),
  /** A figure-pack export progressed or finished (status completed / failed / cancelled). */
  z.object({ type: z.literal('didProgressExport'), job: exportJobSchema }),
]);
export type WorkbenchEvent = z.infer<typeof workbenchEventSchema>;
export type WorkbenchEventType = WorkbenchEvent['type'];
