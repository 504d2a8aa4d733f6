// Builds a figure pack: every figure's data, drawing, PDF, SVG, PNG and CSV, the proofreading figures.pdf, the
// LaTeX files, the font licence, the manifest (provenance and hashes) and the README, zipped deterministically.
// Progress per figure; an AbortSignal cancels between steps.
import type { PackSpec } from '@shared/figures/packSpec';
import { figureRuns } from '@shared/figures/packSpec';
import { fontPresets } from '@shared/figures/fontPresets';
import { venuePresets } from '@shared/figures/venuePresets';
import { WorkbenchError } from '@shared/errors';
import { canonicalJson, sha256Hex } from './canonicalJson';
import { deterministicZip } from './deterministicZip';
import type { ExportSource } from './exportSource';
import type { RunProvenance } from './figureModel';
import { figureData, renderFigure, type RenderedFigure } from './figureRender';
import { figuresTex } from './figuresTex';
import { finalValues } from './finalMetrics';
import { loadFont } from './fontFiles';
import { generatorInfo } from './generatorInfo';
import { packReadme } from './packReadme';
import { svgPagesToPdf } from './svgToPdf';
import { svgToPng } from './svgToPng';
import { macrosTex, tablesTex, type SweepTable } from './tablesTex';
import { guidanceSweepOf } from './guidanceSweepFigures';
import { toCsv } from './csvTable';

export interface ExportProgress {
  /** Steps done and in all (one per figure, plus the pack-wide files). */
  step: number;
  total: number;
  message: string;
}

export interface BuiltPack {
  zip: Uint8Array;
  /** Root folder inside the ZIP. */
  root: string;
  files: Map<string, Uint8Array>;
  manifest: PackManifest;
}

export interface PackManifest {
  format: 'ouroboros-figure-pack-manifest/1';
  generator: ReturnType<typeof generatorInfo>;
  pack: { title: string; specHash: string; venue: (typeof venuePresets)[keyof typeof venuePresets]; font: { id: string; family: string; source: string; sha256: string; licence: string } };
  runs: RunProvenance[];
  figures: Array<{
    id: string; kind: string; widthInches: number; heightInches: number; runIds: string[]; metricKeys: string[]; steps: number[];
    aggregation: string; artifacts: string[]; files: Record<string, string>;
  }>;
  /** sha256 of every file of the pack except manifest.json itself. */
  files: Record<string, string>;
}

/** Folder-safe name of the pack (the ZIP's root folder and the default \figurepackdir). */
export function packRootName(pack: PackSpec): string {
  return pack.title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'figure-pack';
}

function checkSignal(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new WorkbenchError('conflict', 'export cancelled', { cancelled: true });
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

/** The guidance sweeps the pack's figures draw, once per run and step, for tables.tex. */
async function sweepTables(pack: PackSpec, source: ExportSource): Promise<SweepTable[]> {
  const out: SweepTable[] = [];
  const seen = new Set<string>();
  for (const figure of pack.figures) {
    if (figure.kind !== 'guidance-sweep' && figure.kind !== 'guidance-sweep-metrics') continue;
    const { run, sweep } = await guidanceSweepOf(figure, source);
    const key = `${run.id}@${sweep.step}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ figureId: figure.id, run, sweep });
  }
  return out;
}

export async function buildPack(pack: PackSpec, source: ExportSource, options: { signal?: AbortSignal; onProgress?: (p: ExportProgress) => void } = {}): Promise<BuiltPack> {
  const { signal, onProgress } = options;
  const font = loadFont(pack.font);
  const root = packRootName(pack);
  const total = pack.figures.length + 1;
  const files = new Map<string, Uint8Array>();
  const rendered: RenderedFigure[] = [];
  const pngs: Array<{ id: string; svg: string; widthInches: number }> = [];
  for (const [i, spec] of pack.figures.entries()) {
    checkSignal(signal);
    onProgress?.({ step: i, total, message: `figure ${i + 1}/${pack.figures.length}: ${spec.id}` });
    const figure = await renderFigure(pack, spec, await figureData(spec, source), font);
    const stem = `figures/${spec.id}/${spec.id}`;
    files.set(`${stem}.svg`, utf8(figure.svg));
    files.set(`${stem}.pdf`, await svgPagesToPdf([figure], font, `${pack.title}: ${spec.id}`));
    files.set(`${stem}.png`, svgToPng(figure.svg, figure.widthInches, font));
    files.set(`${stem}.csv`, utf8(toCsv(figure.data.csv)));
    rendered.push(figure);
    pngs.push({ id: spec.id, svg: figure.svg, widthInches: figure.widthInches });
    await tick(); // let the host answer other requests between figures
  }
  checkSignal(signal);
  onProgress?.({ step: pack.figures.length, total, message: 'figures.pdf, LaTeX, manifest' });
  files.set('figures.pdf', await svgPagesToPdf(rendered, font, pack.title));
  files.set('figures.tex', utf8(figuresTex(pack, rendered, root, 'subcaption')));
  files.set('figures-ieeetran.tex', utf8(figuresTex(pack, rendered, root, 'subfig')));

  const runIds = [...new Set(pack.figures.flatMap(figureRuns))];
  const records = runIds.map((id) => source.run(pack.figures.find((f) => figureRuns(f).includes(id))!.id, id));
  const finals = records.map((run) => ({ run, values: pack.tables ? finalValues(run, source) : [] }));
  files.set('tables.tex', utf8(tablesTex(finals, pack.tables ? await sweepTables(pack, source) : [])));
  files.set('macros.tex', utf8(macrosTex(finals)));
  files.set(`fonts/${font.licenceName}`, utf8(font.licenceText));
  files.set('README.md', utf8(packReadme(pack, rendered, root)));

  const runs: RunProvenance[] = records.map((run) => ({
    id: run.id, name: run.name, kind: run.kind, configHash: sha256Hex(canonicalJson(run.config)), seed: run.seed,
    seeds: Number((run.config.params as Record<string, unknown>).seeds ?? 1), datasets: source.datasetChecksums(run), status: run.status,
  }));
  const hashes = (prefix: string) => Object.fromEntries([...files.entries()].filter(([p]) => p.startsWith(prefix)).sort(([a], [b]) => (a < b ? -1 : 1)).map(([p, bytes]) => [p, sha256Hex(bytes)]));
  const manifest: PackManifest = {
    format: 'ouroboros-figure-pack-manifest/1',
    generator: generatorInfo(),
    pack: {
      title: pack.title,
      specHash: sha256Hex(canonicalJson(pack)),
      venue: venuePresets[pack.venue],
      font: { id: font.id, family: font.family, source: font.source, sha256: font.sha256, licence: fontPresets[pack.font].licence },
    },
    runs,
    figures: rendered.map((f) => ({
      id: f.spec.id, kind: f.spec.kind, widthInches: Number(f.widthInches.toFixed(4)), heightInches: Number((f.heightPt / 72).toFixed(4)),
      runIds: f.data.provenance.runIds, metricKeys: f.data.provenance.metricKeys, steps: f.data.provenance.steps,
      aggregation: f.data.provenance.aggregation, artifacts: f.data.provenance.artifacts, files: hashes(`figures/${f.spec.id}/`),
    })),
    files: hashes(''),
  };
  files.set('manifest.json', utf8(`${JSON.stringify(manifest, null, 2)}\n`));
  checkSignal(signal);
  const zip = deterministicZip(root, files);
  onProgress?.({ step: total, total, message: 'done' });
  return { zip, root, files, manifest };
}
