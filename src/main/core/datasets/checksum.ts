// How the content sha256 in meta.json is composed, shared by the writer (computes it while streaming)
// and the reader (verifies it). Only the content counts: layout, split sizes, data and labels bytes.
import { createHash } from 'node:crypto';
import type { DatasetLayout, SplitName } from './datasetFormat';

export interface SplitDigest {
  split: SplitName;
  count: number;
  /** sha256 hex of the split's images.u8 / points.f32. */
  dataSha256: string;
  /** sha256 hex of the split's labels.i32. */
  labelsSha256: string;
}

/**
 * sha256 of the text `ouroboros-dataset-content/1`, the layout (`images HxWxC` or `points D`) and one
 * line `split count dataSha256 labelsSha256` per split in train, test order.
 */
export function composeContentChecksum(layout: DatasetLayout, splits: readonly SplitDigest[]): string {
  const lines = ['ouroboros-dataset-content/1'];
  lines.push(layout.kind === 'images' ? `images ${layout.height}x${layout.width}x${layout.channels}` : `points ${layout.dims}`);
  for (const s of splits) lines.push(`${s.split} ${s.count} ${s.dataSha256} ${s.labelsSha256}`);
  return createHash('sha256').update(lines.join('\n') + '\n').digest('hex');
}
