// Migration 3: the registry of datasets in the workspace. The data itself lives in datasets/<id>/ (see
// src/shared/datasets/datasetFormat.ts); a row is written only after an import committed its directory.
// The checksum is indexed but not UNIQUE: duplicates are detected and reported ("already imported as …")
// by the import service instead of surfacing as a constraint error.
import type { Migration } from './index';

export const migration003Datasets: Migration = {
  version: 3,
  name: '003_datasets',
  up(db) {
    db.exec(`
      CREATE TABLE datasets (
        id            TEXT PRIMARY KEY NOT NULL,
        name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        kind          TEXT NOT NULL CHECK (kind IN ('images', 'points')),
        builtin       INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
        source_format TEXT NOT NULL,
        checksum      TEXT NOT NULL CHECK (length(checksum) = 64),
        train_count   INTEGER NOT NULL CHECK (train_count >= 0),
        test_count    INTEGER NOT NULL CHECK (test_count >= 0),
        dims_json     TEXT NOT NULL CHECK (json_valid(dims_json)),
        classes_json  TEXT CHECK (classes_json IS NULL OR json_valid(classes_json)),
        meta_json     TEXT NOT NULL CHECK (json_valid(meta_json)),
        path          TEXT NOT NULL,
        created_at    TEXT NOT NULL
      ) STRICT;
      CREATE INDEX datasets_by_checksum ON datasets(checksum);
      CREATE INDEX datasets_by_created_at ON datasets(created_at);
    `);
  },
};
