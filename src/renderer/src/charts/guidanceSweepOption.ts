// The option builder lives in shared code, so the app's panels and the exported figures are drawn by the same
// function; re-exported here for the renderer.
export * from '@shared/charts/guidanceSweepOption';
