// Venue presets of a figure pack: the column and page widths of each venue's LaTeX style, the type size and
// the line/marker sizes a figure is drawn with there. Widths are the style files' own numbers, so a figure
// included at \linewidth is shown at 100 % and its 8 pt labels stay 8 pt.

export interface VenuePreset {
  id: string;
  title: string;
  /** Width of one text column in inches (= the page width for single-column venues). */
  columnInches: number;
  /** Width of the full text block in inches (figure* in two-column venues). */
  pageInches: number;
  twoColumn: boolean;
  /** Type size of figure text in points (captions in the paper are ~9 pt; figure text a little smaller). */
  fontPt: number;
  /** Line width of data series in points. */
  lineWidthPt: number;
  /** Marker diameter in points. */
  markerPt: number;
  /** The style file and the lengths it sets, for the README and manifest. */
  source: string;
  /** The font the venue sets its text in, so the pack's font preset can match it. */
  textFont: 'times' | 'computer-modern';
}

export const venuePresets = {
  icml: {
    id: 'icml', title: 'ICML', columnInches: 3.25, pageInches: 6.75, twoColumn: true, fontPt: 8, lineWidthPt: 1, markerPt: 3,
    source: 'icml2024.sty: \\textwidth 6.75in, \\columnsep 0.25in', textFont: 'times',
  },
  neurips: {
    id: 'neurips', title: 'NeurIPS', columnInches: 5.5, pageInches: 5.5, twoColumn: false, fontPt: 8, lineWidthPt: 1.1, markerPt: 3.5,
    source: 'neurips_2024.sty: \\textwidth 5.5in (single column)', textFont: 'times',
  },
  iclr: {
    id: 'iclr', title: 'ICLR', columnInches: 5.5, pageInches: 5.5, twoColumn: false, fontPt: 8, lineWidthPt: 1.1, markerPt: 3.5,
    source: 'iclr2024_conference.sty: \\textwidth 5.5in (single column)', textFont: 'times',
  },
  ieee: {
    id: 'ieee', title: 'IEEE (IEEEtran)', columnInches: 3.5, pageInches: 7.16, twoColumn: true, fontPt: 8, lineWidthPt: 1, markerPt: 3,
    source: 'IEEE author guidelines: 3.5in column, 7.16in page (IEEEtran: \\columnwidth 252pt)', textFont: 'times',
  },
  acm: {
    id: 'acm', title: 'ACM (acmart sigconf)', columnInches: 3.33, pageInches: 7.0, twoColumn: true, fontPt: 8, lineWidthPt: 1, markerPt: 3,
    source: 'acmart.cls sigconf: \\textwidth 506.3pt, \\columnsep 2pc, \\columnwidth 241.15pt', textFont: 'times',
  },
  cvpr: {
    id: 'cvpr', title: 'CVPR / ICCV', columnInches: 3.28125, pageInches: 6.875, twoColumn: true, fontPt: 8, lineWidthPt: 1, markerPt: 3,
    source: 'cvpr.sty: \\textwidth 6.875in, \\columnsep 0.3125in', textFont: 'times',
  },
} as const satisfies Record<string, VenuePreset>;

export type VenueId = keyof typeof venuePresets;
export const venueIds = Object.keys(venuePresets) as [VenueId, ...VenueId[]];

/** Width of a figure in inches: one column, or the whole text block. */
export function figureWidthInches(venue: VenuePreset, span: 'column' | 'page'): number {
  return span === 'page' ? venue.pageInches : venue.columnInches;
}
