// The tensors of one seed's split (half A, B without its validation slice, the slice) next to the shared test
// split, loaded from the dataset in the classifier's [0, 1] range; a single run and a sweep load them the same way.
import type { DatasetReader } from '../../datasets/datasetReader';
import { loadSplit, type SplitData } from '../trainModel/trainingData';
import type { SeedData } from './seedRun';
import type { SplitProtocol } from './splitProtocol';

/** @returns the seed's data and a dispose() that frees A, B and the slice (not the test split, owned by the caller) */
export async function loadSeedData(reader: DatasetReader, split: SplitProtocol, test: SplitData): Promise<{ data: SeedData; dispose(): void }> {
  const a = await loadSplit(reader, 'train', split.halfA, 'unit');
  const b = await loadSplit(reader, 'train', split.halfBTrain, 'unit');
  const v = split.validation.length > 0 ? await loadSplit(reader, 'train', split.validation, 'unit') : null;
  return {
    data: { a: { x: a.x, labels: a.labels }, b: { x: b.x, labels: b.labels }, validation: v ? { x: v.x, labels: v.labels } : null, test: { x: test.x, labels: test.labels } },
    dispose: () => { a.x.dispose(); b.x.dispose(); v?.x.dispose(); },
  };
}
