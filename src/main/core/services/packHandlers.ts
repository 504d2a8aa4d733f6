// The figure-pack API handlers over the pack store, the export jobs and the export's own renderer (so the
// preview is drawn by exactly the code that draws the exported files). The renderers (echarts, fontkit,
// resvg) are imported at the first preview, so a workbench that never draws a figure never loads them.
import type { ApiHandlers } from '@shared/contract/api';
import { WorkbenchError } from '@shared/errors';
import { defaultPack } from '../export/defaultPack';
import type { ExportJobs } from '../export/exportJobs';
import type { ExportSource } from '../export/exportSource';
import type { PackStore } from '../export/packStore';

/** Preview raster: 2 px per CSS pixel (96 per inch), sharp on high-density screens, lighter than the export's 300. */
export const previewDpi = 192;

export interface FigurePacks {
  source: ExportSource;
  store: PackStore;
  exports: ExportJobs;
}

type PackMethods = 'packs.list' | 'packs.get' | 'packs.save' | 'packs.delete' | 'packs.preview' | 'packs.export' | 'packs.exports' | 'packs.cancelExport' | 'packs.download' | 'packs.defaultFor';

export function createPackHandlers({ source, store, exports }: FigurePacks): Pick<ApiHandlers, PackMethods> {
  return {
    'packs.list': () => store.list(),
    'packs.get': ({ packId }) => store.get(packId),
    'packs.save': ({ packId, spec }) => store.save(packId, spec),
    'packs.delete': async ({ packId }) => {
      await store.delete(packId);
      return { deleted: true as const };
    },
    'packs.preview': async ({ spec, figureId }) => {
      const figure = spec.figures.find((f) => f.id === figureId);
      if (!figure) throw new WorkbenchError('not-found', `the pack has no figure "${figureId}"`);
      const [{ figureData, renderFigure }, { svgToPng }, { loadFont }] = await Promise.all([
        import('../export/figureRender'),
        import('../export/svgToPng'),
        import('../export/fontFiles'),
      ]);
      const font = loadFont(spec.font);
      const drawn = await renderFigure(spec, figure, await figureData(figure, source), font);
      const png = svgToPng(drawn.svg, drawn.widthInches, font, previewDpi).toString('base64');
      return { svg: drawn.svg, png, pngDpi: previewDpi, widthPt: drawn.widthPt, heightPt: drawn.heightPt, widthInches: drawn.widthInches };
    },
    'packs.export': ({ spec, path, force }) => exports.start(spec, path, force),
    'packs.exports': async () => exports.list(),
    'packs.cancelExport': async ({ exportId }) => exports.cancel(exportId),
    'packs.download': ({ exportId }) => exports.download(exportId),
    'packs.defaultFor': async ({ runIds, venue, font }) => defaultPack(runIds, venue, font, source),
  };
}
