// The figure pack being assembled (the one *Add to figure pack* adds to), the packs stored in the workspace,
// and the export jobs with their progress. Every change is saved at once (packs.save), so the stored spec, the
// *Save pack spec* file and what `ouroboros export` takes are one and the same JSON.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ExportJob, FigurePreview, PackSummary } from '@shared/contract/figurePackApi';
import type { WorkbenchEvent } from '@shared/contract/events';
import type { ErrorPayload } from '@shared/errors';
import { uniqueFigureId } from '@shared/figures/figureIds';
import type { FontId } from '@shared/figures/fontPresets';
import { describePackIssues, figureSpecSchema, packSpecSchema, type FigureSpec, type FigureSpecInput, type PackSpec } from '@shared/figures/packSpec';
import { venuePresets, type VenueId } from '@shared/figures/venuePresets';
import { WorkbenchError } from '@shared/errors';
import { apiClient } from '../api';
import { saveBytes } from '../lib/download';
import { toErrorPayload } from '../lib/errors';
import { decodeBase64 } from '../lib/imageSource';

/** Remembered across reloads: which stored pack *Add to figure pack* adds to. */
const currentKey = 'ouroboros.figurePack.current';

function remembered(): string | null {
  try {
    return window.localStorage.getItem(currentKey);
  } catch {
    return null;
  }
}
function remember(id: string | null): void {
  try {
    if (id) window.localStorage.setItem(currentKey, id);
    else window.localStorage.removeItem(currentKey);
  } catch {
    // storage unavailable: the pack is still stored in the workspace, only the choice is not remembered
  }
}

/** The spec as parsed, or a typed error naming the field (the same message the CLI gives). */
function parsePack(raw: unknown): PackSpec {
  const parsed = packSpecSchema.safeParse(raw);
  if (!parsed.success) throw new WorkbenchError('invalid-input', `pack spec: ${describePackIssues(parsed.error)}`);
  return parsed.data;
}

export type PackOptions = Partial<Pick<PackSpec, 'title' | 'venue' | 'font' | 'tables'>>;

export const useFigurePacksStore = defineStore('figurePacks', () => {
  const packs = ref<PackSummary[]>([]);
  const packId = ref<string | null>(null);
  const spec = ref<PackSpec | null>(null);
  const exports = ref<Record<string, ExportJob>>({});
  const error = ref<ErrorPayload | null>(null);
  const hydrated = ref(false);
  /** Export ids this window started without a path: their ZIP is downloaded when they complete. */
  const pendingDownloads = new Set<string>();
  let saving: Promise<void> = Promise.resolve();

  const figureCount = computed(() => spec.value?.figures.length ?? 0);
  /** Exactly the JSON `ouroboros export` takes (and the workspace stores). */
  const specJson = computed(() => (spec.value ? `${JSON.stringify(spec.value, null, 2)}\n` : ''));
  const exportList = computed(() => Object.values(exports.value).filter((j) => j.title === spec.value?.title || j.status === 'running').reverse());

  async function refreshList(): Promise<void> {
    packs.value = await apiClient().call('packs.list', {});
  }

  async function hydrate(): Promise<void> {
    try {
      const [list, jobs] = await Promise.all([apiClient().call('packs.list', {}), apiClient().call('packs.exports', {})]);
      packs.value = list;
      exports.value = Object.fromEntries(jobs.map((j) => [j.id, j]));
      const wanted = packId.value ?? remembered();
      if (wanted && list.some((p) => p.id === wanted)) {
        if (!spec.value || packId.value !== wanted) await open(wanted);
      } else if (wanted && packId.value === wanted) {
        reset(); // deleted elsewhere
      }
      error.value = null;
      hydrated.value = true;
    } catch (e) {
      error.value = toErrorPayload(e);
    }
  }

  async function open(id: string): Promise<void> {
    const stored = await apiClient().call('packs.get', { packId: id });
    packId.value = stored.id;
    spec.value = stored.spec;
    remember(stored.id);
  }

  /** Leaves the current pack; the next *Add to figure pack* starts a new one. */
  function reset(): void {
    packId.value = null;
    spec.value = null;
    remember(null);
  }

  /** Saves the current spec; saves run one after another, so a new pack is created once. */
  function persist(): Promise<void> {
    saving = saving.catch(() => {}).then(async () => {
      const current = spec.value;
      if (!current) return;
      const stored = await apiClient().call('packs.save', { ...(packId.value ? { packId: packId.value } : {}), spec: current });
      if (!packId.value) {
        packId.value = stored.id;
        remember(stored.id);
      }
      await refreshList();
    });
    return saving.then(() => { error.value = null; }, (e: unknown) => { error.value = toErrorPayload(e); throw e; });
  }

  async function replace(next: unknown): Promise<void> {
    spec.value = parsePack(next);
    await persist();
  }

  /**
   * Appends figures (their `id` is a base name, made unique in the pack); starts a pack when there is none, with
   * the venue's own font. Returns the ids given.
   */
  async function addFigures(figures: readonly FigureSpecInput[], title?: string): Promise<string[]> {
    const base = spec.value ?? { title: title ?? 'Figure pack', venue: 'icml' as VenueId, font: venuePresets.icml.textFont as FontId, figures: [] };
    const taken = new Set(base.figures.map((f) => f.id));
    const added = figures.map((figure) => {
      const id = uniqueFigureId(figure.id, taken);
      taken.add(id);
      return figureSpecSchema.parse({ ...figure, id });
    });
    await replace({ ...base, figures: [...base.figures, ...added] });
    return added.map((f) => f.id);
  }

  /** Changes one figure's options; an invalid change is refused with the field named and nothing saved. */
  async function updateFigure(index: number, patch: Partial<FigureSpecInput>): Promise<void> {
    const current = spec.value;
    if (!current?.figures[index]) throw new WorkbenchError('invalid-input', `figure pack: no figure at position ${index + 1}`);
    const figures: FigureSpec[] = current.figures.map((f, i) => (i === index ? ({ ...f, ...patch } as FigureSpec) : f));
    return replace({ ...current, figures });
  }

  async function moveFigure(index: number, delta: -1 | 1): Promise<void> {
    const current = spec.value;
    const to = index + delta;
    if (!current || to < 0 || to >= current.figures.length) return;
    const figures = [...current.figures];
    [figures[index], figures[to]] = [figures[to], figures[index]];
    return replace({ ...current, figures });
  }

  /** Removes a figure; removing the last one deletes the stored pack (a pack has at least one figure). */
  async function removeFigure(index: number): Promise<void> {
    const current = spec.value;
    if (!current) return;
    const figures = current.figures.filter((_, i) => i !== index);
    if (figures.length > 0) return replace({ ...current, figures });
    if (packId.value) await deletePack(packId.value);
    else reset();
  }

  async function setOptions(options: PackOptions): Promise<void> {
    if (!spec.value) return;
    return replace({ ...spec.value, ...options });
  }

  async function deletePack(id: string): Promise<void> {
    await apiClient().call('packs.delete', { packId: id });
    if (packId.value === id) reset();
    await refreshList();
  }

  /** A stored copy of a pack spec (e.g. one loaded from a file the CLI takes), made the current pack. */
  async function importSpec(raw: unknown): Promise<void> {
    const parsed = parsePack(raw);
    const stored = await apiClient().call('packs.save', { spec: parsed });
    packId.value = stored.id;
    spec.value = stored.spec;
    remember(stored.id);
    await refreshList();
  }

  /** One figure drawn by the export's own code, at its true size. */
  function preview(figureId: string): Promise<FigurePreview> {
    if (!spec.value) return Promise.reject(new WorkbenchError('invalid-input', 'figure pack: no pack is open'));
    return apiClient().call('packs.preview', { spec: spec.value, figureId });
  }

  /**
   * Exports the current pack. Electron: to the path chosen in the native save dialog (it confirmed any
   * overwrite); browser: built on the server and downloaded when it completes. Null when the dialog was cancelled.
   */
  async function startExport(): Promise<ExportJob | null> {
    const current = spec.value;
    if (!current) throw new WorkbenchError('invalid-input', 'figure pack: no pack is open');
    const client = apiClient();
    let job: ExportJob;
    if (client.chooseSavePath) {
      const fileName = `${current.title.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'figure-pack'}.zip`;
      const path = await client.chooseSavePath(fileName);
      if (!path) return null;
      job = await client.call('packs.export', { spec: current, path, force: true });
    } else {
      job = await client.call('packs.export', { spec: current, force: false });
      pendingDownloads.add(job.id);
    }
    // Its progress events may have come before this answer: keep the newer state, and download if it is done.
    const known = exports.value[job.id];
    if (!known || known.status === 'running') exports.value[job.id] = job;
    const latest = exports.value[job.id];
    if (latest.status !== 'running') void finish(latest);
    return latest;
  }

  async function cancelExport(exportId: string): Promise<void> {
    exports.value[exportId] = await apiClient().call('packs.cancelExport', { exportId });
  }

  /** Downloads a completed export's ZIP (browser). */
  async function download(exportId: string): Promise<void> {
    const { fileName, base64 } = await apiClient().call('packs.download', { exportId });
    saveBytes(fileName, decodeBase64(base64), 'application/zip');
  }

  async function finish(job: ExportJob): Promise<void> {
    if (job.status !== 'completed' || !pendingDownloads.delete(job.id)) return;
    try {
      await download(job.id);
    } catch (e) {
      error.value = toErrorPayload(e);
    }
  }

  function applyEvent(event: WorkbenchEvent): void {
    if (event.type !== 'didProgressExport') return;
    exports.value[event.job.id] = event.job;
    if (event.job.status !== 'running') void finish(event.job);
    if (event.job.status === 'failed' || event.job.status === 'cancelled') pendingDownloads.delete(event.job.id);
  }

  return {
    packs, packId, spec, exports, error, hydrated, figureCount, specJson, exportList,
    hydrate, open, reset, addFigures, updateFigure, moveFigure, removeFigure, setOptions, deletePack, importSpec,
    preview, startExport, cancelExport, download, applyEvent,
  };
});
