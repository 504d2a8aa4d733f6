// Which generated sample the user clicked: enough to ask the core for its nearest real images
// (runs.nearestReal) and to outline it in the grid it came from.
export interface SampleRef {
  runId: string;
  /** Name of the sample-grid artifact. */
  artifact: string;
  /** Index inside the grid. */
  index: number;
  /** Generation (or training step) of the grid. */
  step: number;
  /** "drawn as … · classified as …", or ''. */
  caption: string;
  /** Which panel it was picked in, so the answer shows next to it. */
  from: 'grids' | 'compare' | 'timeline';
  /** What `step` counts: loop generations or training steps. */
  unit: 'generation' | 'step';
}
