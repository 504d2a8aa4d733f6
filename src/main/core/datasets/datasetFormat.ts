// Re-export: the on-disk format (file names, layout, meta.json schema) is pure, kept in src/shared so the
// API contract can reuse the meta schema; the core keeps importing it from here.
export * from '@shared/datasets/datasetFormat';
