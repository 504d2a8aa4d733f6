// The Gaussian experiments' artifact names, shapes and parsers live in shared code (the figure export reads
// the same files); re-exported here for the renderer's panels.
export * from '@shared/contract/gaussianArtifacts';
