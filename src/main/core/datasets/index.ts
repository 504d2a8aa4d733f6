// Public surface of the dataset core: the on-disk format, its writer and reader, importers behind one
// entry point, format detection, and the built-in generators. Store, API and UI wire these in.
export * from './datasetFormat';
export { DatasetWriter, createDatasetWriter, cleanupStaleTemp, type CommitInfo } from './datasetWriter';
export { DatasetReader, openDataset, readDatasetMeta, type ImageBatch, type PointsBatch } from './datasetReader';
export { importDataset, type ImportHooks } from './importDataset';
export { detectFormat, type DetectedFormat } from './detectFormat';
export { importOptionsSchema, importLimitsSchema, sourceFormats, type ImportOptions, type ImportOptionsInput, type ImportLimits, type SourceFormat } from './importOptions';
export { knownClassSets, type KnownClassSet } from './knownClasses';
export { renderShapes10Batch, renderShapes10Into, shapes10Classes, shapes10Layout, type Shapes10Spec, type Shapes10Variant } from './builtins/shapes10';
export { mixtureModes, sampleMixture, type MixtureKind, type MixtureSpec } from './builtins/mixtures';
export { writeMixture, writeShapes10, type BuiltinCounts } from './builtins/writeBuiltin';
