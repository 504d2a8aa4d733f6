// Re-export: the class-name presets are pure data, kept in src/shared so the renderer can list them.
export * from '@shared/datasets/knownClasses';
