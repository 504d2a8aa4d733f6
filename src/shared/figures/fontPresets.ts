// Font presets of a figure pack: the faces figures are set in, matching the paper's text. The font files ship
// with the app (npm packages, open licences) and are never fetched at run time; the core maps ids to files.

export interface FontPreset {
  id: string;
  title: string;
  /** Family name inside the font files (what SVG `font-family` names). */
  family: string;
  /** Which LaTeX text font it matches. */
  matches: string;
  licence: string;
}

export const fontPresets = {
  'computer-modern': {
    id: 'computer-modern', title: 'Computer Modern (CMU Serif)', family: 'CMU Serif',
    matches: "LaTeX's default text font", licence: 'SIL Open Font License 1.1',
  },
  times: {
    id: 'times', title: 'Times-like (Tinos)', family: 'Tinos',
    matches: 'Times (NeurIPS, ICML, IEEE, CVPR, ACM set text in Times): Tinos is metric-compatible with Times New Roman',
    licence: 'SIL Open Font License 1.1',
  },
} as const satisfies Record<string, FontPreset>;

export type FontId = keyof typeof fontPresets;
export const fontIds = Object.keys(fontPresets) as [FontId, ...FontId[]];
