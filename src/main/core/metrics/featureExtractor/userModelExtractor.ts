// A researcher's own feature network: a TensorFlow.js layers model (model.json + weight files) loaded from
// disk. Features = the penultimate layer's output (flattened); probabilities = the last layer's output when
// it has ≥ 2 units and ends in a softmax (a Dense/Conv with activation 'softmax', a Softmax layer or an
// Activation('softmax') layer), else none. Inputs are scaled as every extractor's: uint8 / 255 (preprocess.ts).
import { readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { WorkbenchError } from '@shared/errors';
import { LayersModelExtractor, type ExtractorGeometry } from './layersExtractor';

function endsInSoftmax(layer: tf.layers.Layer): boolean {
  const config = layer.getConfig() as { activation?: unknown };
  return layer.getClassName() === 'Softmax' || config.activation === 'softmax';
}

const geometryShape = (g: ExtractorGeometry): number[] => (g.kind === 'images' ? [g.height, g.width, g.channels] : [g.dims]);

/** Reads model.json and its weight files (paths relative to it), checking each step; errors name `path`. */
async function readArtifacts(path: string): Promise<tf.io.ModelArtifacts> {
  const info = await stat(path).catch(() => null);
  if (!info) throw new WorkbenchError('not-found', `feature model ${path} does not exist`);
  if (!info.isFile()) throw new WorkbenchError('invalid-input', `feature model ${path} is not a file (give the model.json of a TensorFlow.js layers model)`);
  let json: tf.io.ModelJSON;
  try {
    json = JSON.parse(await readFile(path, 'utf8')) as tf.io.ModelJSON;
  } catch (error) {
    throw new WorkbenchError('invalid-input', `feature model ${path} is not JSON (${(error as Error).message}); give the model.json of a TensorFlow.js layers model`);
  }
  const topology = json?.modelTopology as { class_name?: unknown; model_config?: unknown; node?: unknown } | undefined;
  const isLayers = typeof json === 'object' && json !== null && topology !== undefined && json.format !== 'graph-model' &&
    (json.format === 'layers-model' || typeof topology.class_name === 'string' || typeof topology.model_config === 'object') && topology.node === undefined;
  if (!isLayers) {
    throw new WorkbenchError('invalid-input', `feature model ${path} is not a TensorFlow.js layers model (${json?.format === 'graph-model' || topology?.node ? 'it is a graph model; convert it as a layers model' : 'no layers modelTopology'})`);
  }
  if (!Array.isArray(json.weightsManifest)) throw new WorkbenchError('invalid-input', `feature model ${path} has no weightsManifest`);
  const specs: tf.io.WeightsManifestEntry[] = [];
  const buffers: ArrayBuffer[] = [];
  for (const group of json.weightsManifest) {
    specs.push(...group.weights);
    for (const file of group.paths) {
      const full = join(dirname(path), file);
      const bytes = await readFile(full).catch(() => {
        throw new WorkbenchError('invalid-input', `feature model ${path} lists weight file ${file}, which cannot be read (${full})`);
      });
      buffers.push(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    }
  }
  return tf.io.getModelArtifactsForJSON(json, async () => [specs, tf.io.concatenateArrayBuffers(buffers)]);
}

/** Loads the layers model at `path` as an extractor for inputs of `geometry`. */
export async function loadUserModelExtractor(path: string, geometry: ExtractorGeometry): Promise<LayersModelExtractor> {
  const artifacts = await readArtifacts(path);
  let model: tf.LayersModel;
  try {
    model = await tf.loadLayersModel({ load: async () => artifacts });
  } catch (error) {
    throw new WorkbenchError('invalid-input', `feature model ${path} cannot be loaded as a TensorFlow.js layers model: ${(error as Error).message}`);
  }
  try {
    if (model.inputs.length !== 1 || model.outputs.length !== 1) {
      throw new WorkbenchError('invalid-input', `feature model ${path} has ${model.inputs.length} inputs and ${model.outputs.length} outputs; a feature model needs one of each`);
    }
    const want = geometryShape(geometry);
    const got = model.inputs[0].shape.slice(1);
    if (got.length !== want.length || got.some((d, i) => d !== null && d !== want[i])) {
      throw new WorkbenchError('invalid-input', `feature model ${path} takes input [${got.map((d) => d ?? '?').join(', ')}], but the dataset's items are [${want.join(', ')}]`, { modelInput: got, dataset: want });
    }
    const layers = model.layers.filter((l) => l.getClassName() !== 'InputLayer');
    if (layers.length < 2) throw new WorkbenchError('invalid-input', `feature model ${path} has ${layers.length} layer(s); features come from the penultimate layer, so it needs at least 2`);
    const last = layers[layers.length - 1];
    const penultimate = layers[layers.length - 2];
    const featureOutput = penultimate.output;
    if (Array.isArray(featureOutput) || penultimate.inboundNodes.length !== 1) {
      throw new WorkbenchError('invalid-input', `feature model ${path}: the penultimate layer "${penultimate.name}" has several outputs; features need one`);
    }
    const headOutput = model.outputs[0];
    const units = headOutput.shape.slice(1).reduce<number>((a, b) => a * (b ?? 1), 1);
    const softmax = headOutput.shape.length === 2 && units >= 2 && endsInSoftmax(last);
    const description = `user feature model ${path} (features: layer "${penultimate.name}"${softmax ? `, ${units}-class softmax head` : ', no class head'})`;
    return new LayersModelExtractor({ model, featureOutput, headOutput: softmax ? headOutput : null, head: 'probabilities', geometry, description });
  } catch (error) {
    model.dispose();
    throw error;
  }
}
