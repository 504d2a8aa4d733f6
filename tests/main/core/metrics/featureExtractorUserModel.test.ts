import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileSystemIO } from '../../../../src/main/core/engine/training/fileSystemIO';
import { obtainFeatureExtractor } from '../../../../src/main/core/metrics/featureExtractor';
import { useCpuBackend } from '../engine/models/tfTestSetup';
import { TINY_SIZE, tinyImages, writeTinyDataset } from './featureExtractorFixtures';

let root: string;
let datasetDir: string;

/** Saves `model` with fileSystemIO under root/<name>/ and returns the model.json path. */
async function save(model: tf.LayersModel, name: string): Promise<string> {
  const dir = join(root, name);
  await model.save(fileSystemIO(dir));
  model.dispose();
  return join(dir, 'model.json');
}

function mlp(inputShape: number[], hidden: number, outUnits: number, activation: 'softmax' | 'linear'): tf.LayersModel {
  return tf.sequential({
    layers: [
      tf.layers.flatten({ inputShape }),
      tf.layers.dense({ units: hidden, activation: 'relu', kernelInitializer: 'glorotUniform' }),
      tf.layers.dense({ units: outUnits, activation }),
    ],
  });
}

beforeAll(async () => {
  await useCpuBackend();
  root = await mkdtemp(join(tmpdir(), 'user-feature-model-'));
  datasetDir = join(root, 'tiny');
  await writeTinyDataset(datasetDir, 8, 4);
});
afterAll(() => rm(root, { recursive: true, force: true }));

const obtain = (userModelPath: string) => obtainFeatureExtractor({ datasetDir, cacheDir: join(root, 'cache'), userModelPath });

describe('user feature model (TF.js layers model.json)', () => {
  it('features = penultimate layer, probabilities = softmax head; matches the model itself; no leak', async () => {
    const model = mlp([TINY_SIZE, TINY_SIZE, 1], 6, 3, 'softmax');
    const reference = tf.model({ inputs: model.inputs, outputs: [model.layers[1].output as tf.SymbolicTensor, model.outputs[0]] });
    const { images } = tinyImages(5, 2);
    const x = tf.tidy(() => tf.div(tf.tensor4d(Float32Array.from(images), [5, TINY_SIZE, TINY_SIZE, 1]), 255));
    const [wantF, wantP] = (reference.predict(x) as tf.Tensor[]).map((t) => Array.from(t.dataSync()));
    x.dispose();
    const path = await save(model, 'softmax');
    const before = tf.memory().numTensors;
    const extractor = await obtain(path);
    expect(extractor.featureDim).toBe(6);
    expect(extractor.numClasses).toBe(3);
    expect(extractor.description).toContain(path);
    const { features, probabilities } = await extractor.embed(images, 5);
    Array.from(features.data).forEach((v, i) => expect(v).toBeCloseTo(wantF[i], 5));
    Array.from(probabilities!.data).forEach((v, i) => expect(v).toBeCloseTo(wantP[i], 5));
    const burnt = tf.memory().numTensors;
    await extractor.embed(images, 5);
    expect(tf.memory().numTensors).toBe(burnt);
    extractor.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a last layer without softmax (or with one unit) gives no probabilities', async () => {
    for (const [name, units, activation] of [['linear', 3, 'linear'], ['one-unit', 1, 'softmax']] as const) {
      const extractor = await obtain(await save(mlp([TINY_SIZE, TINY_SIZE, 1], 4, units, activation), name));
      expect(extractor.numClasses).toBeNull();
      const { probabilities, features } = await extractor.embed(tinyImages(2, 1).images, 2);
      expect(probabilities).toBeNull();
      expect(features.d).toBe(4);
      extractor.dispose();
    }
  });

  it('works on points datasets too (input [D]; embedPoints)', async () => {
    const { writeMixture } = await import('../../../../src/main/core/datasets/builtins/writeBuiltin');
    const ring = join(root, 'ring');
    await writeMixture(ring, { kind: 'ring8', trainCount: 10, testCount: 2, seed: 0 });
    const path = await save(tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 3, activation: 'tanh' }), tf.layers.dense({ units: 8, activation: 'softmax' })] }), 'points-model');
    const extractor = await obtainFeatureExtractor({ datasetDir: ring, cacheDir: join(root, 'cache'), userModelPath: path });
    expect(extractor.inputKind).toBe('points');
    const { features, probabilities } = await extractor.embedPoints!(Float32Array.from([1, 0, 0, 1, -1, 0]), 3);
    expect([features.n, features.d, probabilities!.d]).toEqual([3, 3, 8]);
    await expect(extractor.embed(new Uint8Array(4), 1)).rejects.toThrow(/use embedPoints/);
    extractor.dispose();
  });

  it('errors name the path: missing file, not JSON, not a layers model, wrong input shape, missing weights', async () => {
    const missing = join(root, 'nope', 'model.json');
    await expect(obtain(missing)).rejects.toThrow(`feature model ${missing} does not exist`);

    const notJson = join(root, 'garbage.json');
    await writeFile(notJson, 'this is { not json');
    await expect(obtain(notJson)).rejects.toThrow(new RegExp(`feature model ${notJson} is not JSON`));

    const graph = join(root, 'graph.json');
    await writeFile(graph, JSON.stringify({ format: 'graph-model', modelTopology: { node: [] }, weightsManifest: [] }));
    await expect(obtain(graph)).rejects.toThrow(new RegExp(`feature model ${graph} is not a TensorFlow.js layers model`));

    const wrong = await save(mlp([16, 16, 1], 4, 3, 'softmax'), 'wrong-shape');
    await expect(obtain(wrong)).rejects.toThrow(/takes input \[16, 16, 1\], but the dataset's items are \[8, 8, 1\]/);

    const noWeights = await save(mlp([TINY_SIZE, TINY_SIZE, 1], 4, 3, 'softmax'), 'no-weights');
    await rm(join(root, 'no-weights', 'weights.bin'));
    await expect(obtain(noWeights)).rejects.toThrow(new RegExp(`feature model ${noWeights} lists weight file`));

    const dir = join(root, 'not-a-file');
    await mkdir(dir, { recursive: true });
    await expect(obtain(dir)).rejects.toThrow(/is not a file/);
    expect(JSON.parse(await readFile(wrong, 'utf8')).format).toBe('layers-model');
  });
});
