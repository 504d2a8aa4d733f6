// Finds and checks a run's InfoGAN latent-traversal artifacts and turns one grid of one into an RGBA atlas
// (rows = categorical value, columns = swept code) for a single canvas. Pure, so it is unit-tested without a DOM.
import type { ArtifactInfo } from '@shared/contract/models';
import { infoGanArtifactKind, infoGanTraversalSchema, type InfoGanTraversal } from '@shared/contract/infoGanArtifacts';
import { decodeBase64, writeAtlas } from './imageSource';
import type { SteppedArtifact } from './neuralArtifacts';

const stepPattern = /^infogan\/step-(\d+)\.json$/;

/** The run's traversal artifacts by step ascending (listed kind, or the infogan/ folder of older listings). */
export function infoGanArtifacts(artifacts: readonly ArtifactInfo[]): SteppedArtifact[] {
  const out: SteppedArtifact[] = [];
  for (const artifact of artifacts) {
    const fromName = stepPattern.exec(artifact.name);
    if (artifact.kind !== infoGanArtifactKind && !fromName) continue;
    const step = artifact.step ?? (fromName ? Number(fromName[1]) : null);
    if (step !== null) out.push({ step, artifact });
  }
  return out.sort((a, b) => a.step - b.step);
}

/** The body when it matches the shared schema, else null. */
export function parseInfoGanTraversal(value: unknown): InfoGanTraversal | null {
  const result = infoGanTraversalSchema.safeParse(value);
  return result.success ? result.data : null;
}

/**
 * Grid `index` of a traversal as one RGBA image of (columns·width) × (rows·height) pixels.
 * Throws when the pixels do not hold rows × columns images (a truncated or foreign artifact).
 */
export function traversalAtlas(t: InfoGanTraversal, index: number): { rgba: Uint8ClampedArray; width: number; height: number } {
  const grid = t.grids[index];
  if (!grid) throw new Error(`infogan traversal of step ${t.step} has no grid ${index}`);
  const pixels = decodeBase64(grid.pixels);
  const count = t.rows * t.columns;
  if (pixels.length !== count * t.height * t.width * t.channels) {
    throw new Error(`infogan traversal of step ${t.step}: grid ${index} holds ${pixels.length} bytes, expected ${count} images of ${t.height}×${t.width}×${t.channels}`);
  }
  const width = t.columns * t.width;
  const height = t.rows * t.height;
  const rgba = new Uint8ClampedArray(width * height * 4);
  writeAtlas(pixels, count, t.height, t.width, t.channels, t.columns, rgba);
  return { rgba, width, height };
}
