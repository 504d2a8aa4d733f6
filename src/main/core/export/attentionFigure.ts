// An attention-map figure: for each of the first test images of an attention classifier's evaluation, the image
// and then each attention layer's spatial map over it in heat colours, as the run page shows them (the shared
// overlay code), with the layers as column titles, true and predicted class as row labels, and a colour bar.
// The CSV holds the map values drawn (before upsampling), one row per map cell.
import { attentionMapsSchema, neuralArtifactKinds } from '@shared/contract/neuralArtifacts';
import { heatColor, imageToRgba, mapRange, overlayHeat } from '@shared/charts/heatOverlay';
import type { FigureSpec } from '@shared/figures/packSpec';
import { WorkbenchError } from '@shared/errors';
import type { ExportSource } from './exportSource';
import type { FigureData, GridRow } from './figureModel';
import { steppedArtifactAt } from './neuralFigures';

type Spec = Extract<FigureSpec, { kind: 'attention' }>;

/** RGBA (H×W×4) → RGB (H×W×3) tile. */
function rgb(rgba: Uint8ClampedArray): Uint8Array {
  const out = new Uint8Array((rgba.length / 4) * 3);
  for (let p = 0, o = 0; p < rgba.length; p += 4, o += 3) {
    out[o] = rgba[p];
    out[o + 1] = rgba[p + 1];
    out[o + 2] = rgba[p + 2];
  }
  return out;
}

export async function attentionFigure(spec: Spec, source: ExportSource): Promise<FigureData> {
  const { run, data: m, name: artifact } = await steppedArtifactAt(spec, source, { kind: neuralArtifactKinds.attentionMaps, folder: 'attention/', schema: attentionMapsSchema }, {
    label: 'attention maps', hint: '(a classifier with CBAM or AAM layers writes them)', noun: 'an attention-maps artifact',
  });
  if (m.layers.length === 0 || m.count === 0) throw new WorkbenchError('invalid-input', `figure "${spec.id}": ${artifact} of run ${run.id} holds no maps`);
  if (m.channels !== 1 && m.channels !== 3) throw new WorkbenchError('invalid-input', `figure "${spec.id}": ${artifact} has ${m.channels} channels; 1 or 3 can be drawn`);
  const pixels = new Uint8Array(Buffer.from(m.pixels, 'base64'));
  const name = (k: number | undefined) => (k === undefined ? '?' : (m.classNames[k] ?? String(k)));
  const items = Math.min(spec.items, m.count);
  const rows: GridRow[] = [];
  const csv: Array<Array<string | number>> = [];
  for (let i = 0; i < items; i++) {
    const image = imageToRgba(pixels, i, m.height, m.width, m.channels);
    const tiles = [rgb(image), ...m.layers.map((l) => rgb(overlayHeat(image, m.height, m.width, l.maps, i, l.mapHeight, l.mapWidth, spec.alpha, spec.stretch)))];
    const right = m.labels[i] === m.predicted[i];
    rows.push({ label: name(m.labels[i]), sublabel: right ? 'predicted right' : `predicted ${name(m.predicted[i])}`, tiles, height: m.height, width: m.width, channels: 3 });
    for (const l of m.layers) {
      const [lo, hi] = spec.stretch ? mapRange(l.maps, i, l.mapHeight, l.mapWidth) : [0, 1];
      const offset = i * l.mapHeight * l.mapWidth;
      for (let y = 0; y < l.mapHeight; y++) {
        for (let x = 0; x < l.mapWidth; x++) csv.push([run.id, i, name(m.labels[i]), name(m.predicted[i]), l.layer, y, x, l.maps[offset + y * l.mapWidth + x], lo, hi]);
      }
    }
  }
  return {
    drawing: {
      type: 'grid',
      rows,
      columns: 1 + m.layers.length,
      header: ['image', ...m.layers.map((l) => l.layer)],
      colorBar: { label: spec.stretch ? 'attention (each map’s own range)' : 'attention', low: spec.stretch ? 'min' : '0', high: spec.stretch ? 'max' : '1', color: heatColor },
    },
    csv: { header: ['run', 'item', 'true', 'predicted', 'layer', 'y', 'x', 'attention', 'colour_low', 'colour_high'], rows: csv },
    provenance: {
      runIds: [run.id],
      metricKeys: ['attention-maps'],
      steps: [m.step],
      aggregation: `first ${items} test images at step ${m.step}; each layer's spatial map (${m.layers.map((l) => `${l.layer} ${l.mapHeight}×${l.mapWidth}`).join(', ')}) bilinearly upsampled and overlaid at opacity ${spec.alpha}${spec.stretch ? ', each map stretched to its own min–max' : ''}`,
      artifacts: [artifact],
    },
  };
}
