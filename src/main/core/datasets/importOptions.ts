// Re-export: the import-options schema is pure zod, kept in src/shared so the API contract and the
// renderer's import form use the very same schema as the importers.
export * from '@shared/datasets/importOptions';
