// The InfoGAN latent-traversal artifact a train-model run writes at each evaluation and the run detail draws:
// one image grid per continuous code (rows = categorical code value, columns = the code swept −2 … 2) and
// the purity / I(c; class) of every categorical code. One schema, so writer and reader cannot drift apart.
import { z } from 'zod';

export const infoGanArtifactKind = 'infogan-traversal' as const;
export const infoGanArtifactName = (step: number) => `infogan/step-${String(step).padStart(8, '0')}.json`;

const purityOfCode = z.object({
  /** Index of the categorical code. */
  code: z.number().int().min(0),
  perValue: z.array(z.object({
    value: z.number().int().min(0),
    count: z.number().int().min(0),
    majorityClass: z.number().int().min(0),
    purity: z.number().min(0).max(1),
  })),
  /** Σ majority counts / N, in [0, 1]. */
  purity: z.number().min(0).max(1),
  /** Plug-in I(c; predicted class), bits. */
  mutualInformationBits: z.number().min(0),
  /** log2 min(values, classes), bits. */
  maxBits: z.number().min(0),
  samples: z.number().int().min(0),
});

export const infoGanTraversalSchema = z.object({
  format: z.literal('infogan-traversal/1'),
  step: z.number().int(),
  height: z.number().int().min(1),
  width: z.number().int().min(1),
  channels: z.union([z.literal(1), z.literal(3)]),
  rows: z.number().int().min(1),
  columns: z.number().int().min(1),
  /** What a row varies: the value of categorical code 0, or (without categorical codes) the noise z. */
  rowsVary: z.enum(['categorical', 'noise']),
  /** Value of the swept continuous code in each column (empty when columns vary the noise z instead). */
  columnValues: z.array(z.number()),
  /** Shared noise: every cell of a grid uses the same z unless rows or columns vary the noise. */
  grids: z.array(z.object({
    /** Index of the swept continuous code, or null when there is none (columns then vary z). */
    continuousCode: z.number().int().min(0).nullable(),
    /** base64 of rows×columns images (row-major), each height×width×channels uint8 HWC. */
    pixels: z.string(),
  })).min(1),
  /** Purity of each categorical code; empty without categorical codes or without a class-predicting classifier. */
  purity: z.array(purityOfCode),
  /** Samples generated per code value for the purity (other codes and z drawn at random). */
  samplesPerValue: z.number().int().min(0),
  classNames: z.array(z.string()).nullable(),
  /** Why purity is missing, when it is. */
  note: z.string().nullable(),
});
export type InfoGanTraversal = z.infer<typeof infoGanTraversalSchema>;
export type InfoGanCodePurity = z.infer<typeof purityOfCode>;
