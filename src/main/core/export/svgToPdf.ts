// SVG → PDF with pdfkit + svg-to-pdfkit: one page per drawing, the page exactly the drawing's size in points,
// every face of the figure font registered so text is embedded as TrueType (CID) subsets — an unregistered
// family would silently fall back to unembedded Times. A fixed creation date keeps the bytes reproducible.
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import type { LoadedFont } from './fontFiles';

export interface SvgPage { svg: string; widthPt: number; heightPt: number }

/** Creation date written into every PDF: fixed, so two exports of the same pack are byte-identical. */
export const fixedPdfDate = new Date(Date.UTC(2000, 0, 1));

export function svgPagesToPdf(pages: readonly SvgPage[], font: LoadedFont, title: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      autoFirstPage: false,
      compress: true,
      info: { Title: title, Producer: 'Ouroboros Workbench (pdfkit)', Creator: 'Ouroboros Workbench', CreationDate: fixedPdfDate, ModDate: fixedPdfDate },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    const names = { regular: `${font.family}`, bold: `${font.family} Bold`, italic: `${font.family} Italic` };
    doc.registerFont(names.regular, font.faces.regular);
    doc.registerFont(names.bold, font.faces.bold);
    doc.registerFont(names.italic, font.faces.italic);
    try {
      for (const page of pages) {
        doc.addPage({ size: [page.widthPt, page.heightPt], margin: 0 });
        // svg-to-pdfkit scales a root sized in pt by 4/3 (it treats user units as px): give it plain user units.
        SVGtoPDF(doc, page.svg.replace(/^<svg width="([\d.]+)pt" height="([\d.]+)pt"/, '<svg width="$1" height="$2"'), 0, 0, {
          width: page.widthPt,
          height: page.heightPt,
          assumePt: true,
          // Every family maps to the figure font: nothing may fall back to an unembedded standard font.
          fontCallback: (_family: string, bold: boolean, italic: boolean) => (bold ? names.bold : italic ? names.italic : names.regular),
          warningCallback: () => undefined,
        });
      }
      doc.end();
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
