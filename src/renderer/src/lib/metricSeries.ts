// The per-run metric cache (series by key, merged by step) is shared code, since the chart option builders
// and the figure export use it too; re-exported here for the renderer's stores and panels.
export * from '@shared/charts/metricSeries';
